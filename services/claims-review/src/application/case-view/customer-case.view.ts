import { DENIAL_REASONS, isDenialReason } from '../../domain/denial-reasons';
import { Money } from '../../domain/money';
import { CaseStatus, OpenedCase } from '../../domain/review-case/review-case.state';

/** Where the claim stands, as a customer is told it: never the internal steps behind it. */
export const CUSTOMER_STAGES = [
  'received',
  'in-review',
  'documents-requested',
  'approved',
  'denied',
  'payment-on-its-way',
  'paid',
  'closed',
] as const;
export type CustomerStage = (typeof CUSTOMER_STAGES)[number];

/**
 * What a customer sees of their own review case: its progress in plain words, what is asked of
 * them, the decision with its reasons and policy basis, and the payment. Never the investigation,
 * suspicions, staff ids, workload, time limits or internal comments.
 */
export interface CustomerCaseView {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly progress: { readonly stage: CustomerStage; readonly description: string };
  /** The documents the customer is asked to supply, while a request is open. */
  readonly requestedDocuments: {
    readonly round: number;
    readonly items: readonly { readonly documentKind: string; readonly reason: string }[];
    readonly requestedAt: string;
    /** The instant by which the customer is asked to supply them. */
    readonly respondBy: string | null;
  } | null;
  readonly decision: {
    readonly outcome: 'approved' | 'denied';
    /** What the policy pays (approved), else null. */
    readonly payout: Money | null;
    readonly reasons: readonly { readonly code: string; readonly description: string }[];
    readonly explanation: string;
    readonly policyBasis: string;
  } | null;
  readonly payment: {
    readonly amount: Money;
    readonly expectedArrivalDate: string;
    readonly paid: boolean;
    readonly paidOn: string | null;
  } | null;
  readonly submittedAt: string;
  readonly closedAt: string | null;
}

const STAGE_OF: Record<CaseStatus, CustomerStage> = {
  'awaiting-acceptance': 'received',
  'in-review': 'in-review',
  'under-investigation': 'in-review',
  'awaiting-approval': 'in-review',
  'awaiting-documents': 'documents-requested',
  approved: 'approved',
  denied: 'denied',
  'payment-instructed': 'payment-on-its-way',
  paid: 'paid',
  closed: 'closed',
};

/** The customer's view of a case's state. */
export function customerCaseView(state: OpenedCase): CustomerCaseView {
  const { claim } = state;
  const stage = STAGE_OF[state.status];
  const decided = 'decision' in state ? state.decision : undefined;
  const payment = state.status === 'awaiting-acceptance' ? undefined : state.payment;
  const step = state.status === 'closed' ? undefined : state.step;
  return {
    claimId: state.claimId,
    claimNumber: claim.claimNumber,
    progress: { stage, description: describe(stage, payment?.expectedArrivalDate) },
    requestedDocuments:
      state.status === 'awaiting-documents'
        ? {
            round: state.request.round,
            items: state.request.items.map(({ documentKind, reason }) => ({ documentKind, reason })),
            requestedAt: state.request.requestedAt,
            respondBy: step?.clock === 'paused' ? step.customerRespondBy : null,
          }
        : null,
    decision: decided
      ? {
          outcome: decided.outcome,
          payout: decided.outcome === 'approved' ? decided.payout : null,
          reasons: decided.outcome === 'denied' ? decided.reasonCodes.map(reason) : [],
          // the handler's words for the customer; an approver's comment is internal
          explanation: ('proposal' in state ? state.proposal?.explanation : undefined) ?? decided.explanation,
          policyBasis: decided.policyBasis,
        }
      : null,
    payment: payment
      ? {
          amount: payment.amount,
          expectedArrivalDate: payment.expectedArrivalDate,
          paid: payment.state === 'confirmed',
          paidOn: payment.state === 'confirmed' ? payment.paidOn : null,
        }
      : null,
    submittedAt: claim.submittedAt,
    closedAt: state.status === 'closed' ? state.closedAt : null,
  };
}

function reason(code: string): { code: string; description: string } {
  return { code, description: isDenialReason(code) ? DENIAL_REASONS[code] : code };
}

function describe(stage: CustomerStage, expectedArrivalDate?: string): string {
  switch (stage) {
    case 'received':
      return 'We have received your claim; a claims handler will take it up shortly.';
    case 'in-review':
      return 'Your claim is being reviewed.';
    case 'documents-requested':
      return 'We need more documents from you: see what is asked, and why.';
    case 'approved':
      return 'Your claim is approved; the payment is being prepared.';
    case 'denied':
      return 'Your claim was not approved: see the decision for the reasons and the policy basis.';
    case 'payment-on-its-way':
      return `The payment is on its way; expect it by ${expectedArrivalDate ?? 'the date given'}.`;
    case 'paid':
      return 'The payment has been made.';
    case 'closed':
      return 'Your claim is closed.';
  }
}
