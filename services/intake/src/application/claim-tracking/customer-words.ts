import { CustomerStage } from '../../domain/claim-application/customer-stage';
import { Money } from '../../domain/vocabulary';

/** Claims review's denial reason codes (its published language), in the words a customer is told. */
const DENIAL_REASONS: Readonly<Record<string, string>> = {
  'not-covered': 'The cause of the loss is not a peril your policy covers.',
  exclusion: 'The loss falls under an exclusion of your policy.',
  'policy-not-in-force': 'Your policy was not in force on the date of the accident.',
  misrepresentation:
    'Material facts were not stated correctly when the policy was taken out or the claim was made.',
  fraud: 'The claim was found not to be genuine.',
  'insufficient-evidence': 'The documents supplied do not prove the loss.',
  'below-deductible': 'The assessed loss does not exceed your deductible.',
  'limit-exhausted': 'The sum insured has been used up by earlier claims.',
  'late-notification': 'The loss was reported after the period your policy allows.',
};

/** A denial reason as the customer reads it; a code without words of its own is pointed to the notice. */
export function denialReasonInWords(code: string): { code: string; description: string } {
  return {
    code,
    description: Object.hasOwn(DENIAL_REASONS, code)
      ? DENIAL_REASONS[code]
      : 'See the explanation in your decision notice.',
  };
}

/** `CNY 12,500.00`: the currency's own number of minor digits. */
export function moneyInWords({ amountMinor, currency }: Money): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // an unknown currency keeps two digits
  }
  const amount = (amountMinor / 10 ** digits).toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${currency} ${amount}`;
}

export interface StageFacts {
  readonly payout?: Money | null;
  readonly payment?: {
    readonly amount: Money;
    readonly expectedArrivalDate: string;
    readonly paidOn: string | null;
  } | null;
  readonly reopened?: boolean;
  readonly denied?: boolean;
}

/** Where the claim stands, in a sentence the customer understands. */
export function stageInWords(stage: CustomerStage, facts: StageFacts = {}): string {
  const { payout, payment, reopened } = facts;
  switch (stage) {
    case 'reported':
      return 'We have your claim report. Upload the documents on your checklist, then submit your application.';
    case 'received':
      return 'Your application is complete and with our claims team, who will take it up shortly.';
    case 'under-review':
      return reopened
        ? 'Your claim was reopened and is being reviewed again.'
        : 'Your claim is being reviewed.';
    case 'documents-requested':
      return 'We need more documents from you: see what is asked, and why.';
    case 'approved':
      return payout
        ? `Your claim is approved: we will pay ${moneyInWords(payout)}. The payment is being prepared.`
        : 'Your claim is approved. The payment is being prepared.';
    case 'denied':
      return 'Your claim was not approved: see the reasons and the policy basis in the decision.';
    case 'payment-on-its-way':
      return payment
        ? `The payment of ${moneyInWords(payment.amount)} is on its way; expect it by ${payment.expectedArrivalDate}.`
        : 'The payment is on its way.';
    case 'paid':
      return payment?.paidOn
        ? `The payment of ${moneyInWords(payment.amount)} was made on ${payment.paidOn}.`
        : 'The payment has been made.';
    case 'closed':
      if (payment?.paidOn)
        return `Your claim is closed: ${moneyInWords(payment.amount)} was paid on ${payment.paidOn}.`;
      return facts.denied
        ? 'Your claim is closed: it was not approved (see the decision).'
        : 'Your claim is closed.';
  }
}
