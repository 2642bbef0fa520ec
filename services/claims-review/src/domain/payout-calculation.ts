import { DomainRuleViolation } from '@claims/event-sourcing';
import { PolicySnapshot } from './claim-facts';
import { DenialReason } from './denial-reasons';
import { Money, assertSameCurrency, assertValidMoney, formatMoney, money } from './money';

export interface PayoutInput {
  readonly policy: PolicySnapshot;
  /** The accident's civil date (`YYYY-MM-DD`) in the insurer's calendar. */
  readonly accidentDate: string;
  /** The accident's cause code. */
  readonly cause: string;
  readonly assessedLoss: Money;
  /** What earlier claims on this policy have been paid (confirmed payments only). */
  readonly paidOnPolicyBefore: Money;
  /** Further exclusion clauses the handler found applicable, beyond the cause itself. */
  readonly exclusionsApplied?: readonly string[];
}

/** One line of the working, as a notice can print it. */
export interface PayoutStep {
  readonly step:
    | 'policy-in-force'
    | 'peril-covered'
    | 'exclusions'
    | 'assessed-loss'
    | 'deductible'
    | 'coverage-ratio'
    | 'remaining-sum-insured'
    | 'payout';
  /** The policy term applied. */
  readonly clause: string;
  readonly explanation: string;
  /** The running amount after this step, where the step computes one. */
  readonly amount?: Money;
}

export interface PayoutCalculation {
  /** True when something is payable; false gives the denial reason the rules point to. */
  readonly payable: boolean;
  readonly payout: Money;
  readonly denialReason?: DenialReason;
  readonly steps: readonly PayoutStep[];
}

/** How the coverage ratio's fractions are rounded: down to the whole minor unit (never over-pay). */
export const ROUNDING_RULE = 'floor to the minor unit after applying the coverage ratio';

/**
 * What the policy pays of an assessed loss, with its working:
 * 1. policy in force on the accident date (status `in-force`, coverStart ≤ date ≤ coverEnd);
 * 2. the cause is a covered peril; 3. the cause (or a clause the handler applied) is not excluded;
 * 4. loss − deductible (not below zero); 5. × coverageRatioPercent / 100, floored to the minor unit;
 * 6. capped by the remaining sum insured (sum insured − earlier paid claims, not below zero).
 * Integer minor units throughout (BigInt for the product). Different currencies are refused.
 */
export function calculatePayout(input: PayoutInput): PayoutCalculation {
  checkInput(input);
  const { policy } = input;
  const currency = policy.sumInsured.currency;
  const steps: PayoutStep[] = [];
  const refuse = (denialReason: DenialReason): PayoutCalculation => ({
    payable: false,
    payout: money(0, currency),
    denialReason,
    steps,
  });

  const inForce =
    policy.status === 'in-force' &&
    policy.coverStart <= input.accidentDate &&
    input.accidentDate <= policy.coverEnd;
  steps.push({
    step: 'policy-in-force',
    clause: `cover period ${policy.coverStart} to ${policy.coverEnd}, status ${policy.status}`,
    explanation: inForce
      ? `The policy was in force on the accident date ${input.accidentDate}.`
      : `The policy was not in force on the accident date ${input.accidentDate}.`,
  });
  if (!inForce) return refuse('policy-not-in-force');

  const covered = policy.coveredPerils.includes(input.cause);
  steps.push({
    step: 'peril-covered',
    clause: `covered perils: ${policy.coveredPerils.join(', ') || 'none'}`,
    explanation: covered
      ? `The cause "${input.cause}" is a covered peril.`
      : `The cause "${input.cause}" is not a covered peril.`,
  });
  if (!covered) return refuse('not-covered');

  const excluded = [input.cause, ...(input.exclusionsApplied ?? [])].filter((c) =>
    policy.exclusions.includes(c),
  );
  steps.push({
    step: 'exclusions',
    clause: `exclusions: ${policy.exclusions.join(', ') || 'none'}`,
    explanation: excluded.length ? `Excluded by: ${excluded.join(', ')}.` : 'No exclusion applies.',
  });
  if (excluded.length) return refuse('exclusion');

  steps.push({
    step: 'assessed-loss',
    clause: 'loss assessment',
    explanation: `Assessed loss ${formatMoney(input.assessedLoss)}.`,
    amount: input.assessedLoss,
  });

  const net = money(Math.max(0, input.assessedLoss.amountMinor - policy.deductible.amountMinor), currency);
  steps.push({
    step: 'deductible',
    clause: `deductible ${formatMoney(policy.deductible)}`,
    explanation:
      net.amountMinor === 0
        ? `The deductible ${formatMoney(policy.deductible)} is not less than the loss: nothing remains.`
        : `${formatMoney(input.assessedLoss)} − deductible ${formatMoney(policy.deductible)} = ${formatMoney(net)}.`,
    amount: net,
  });
  if (net.amountMinor === 0) return refuse('below-deductible');

  const share = money(
    Number((BigInt(net.amountMinor) * BigInt(policy.coverageRatioPercent)) / 100n),
    currency,
  );
  steps.push({
    step: 'coverage-ratio',
    clause: `coverage ratio ${policy.coverageRatioPercent}%`,
    explanation: `${formatMoney(net)} × ${policy.coverageRatioPercent}% = ${formatMoney(share)} (${ROUNDING_RULE}).`,
    amount: share,
  });

  const remaining = money(
    Math.max(0, policy.sumInsured.amountMinor - input.paidOnPolicyBefore.amountMinor),
    currency,
  );
  const payout = money(Math.min(share.amountMinor, remaining.amountMinor), currency);
  steps.push({
    step: 'remaining-sum-insured',
    clause: `sum insured ${formatMoney(policy.sumInsured)}`,
    explanation:
      `Sum insured ${formatMoney(policy.sumInsured)} − paid on earlier claims ${formatMoney(input.paidOnPolicyBefore)} = ` +
      `${formatMoney(remaining)} remaining` +
      (payout.amountMinor < share.amountMinor
        ? `; the payout is capped at ${formatMoney(payout)}.`
        : '; no cap applies.'),
    amount: payout,
  });
  if (payout.amountMinor === 0 || share.amountMinor === 0) {
    return refuse(share.amountMinor === 0 ? 'not-covered' : 'limit-exhausted');
  }
  steps.push({
    step: 'payout',
    clause: 'settlement',
    explanation: `Payable: ${formatMoney(payout)}.`,
    amount: payout,
  });
  return { payable: true, payout, steps };
}

function checkInput(input: PayoutInput): void {
  const { policy } = input;
  assertSameCurrency({
    assessedLoss: input.assessedLoss,
    sumInsured: policy.sumInsured,
    deductible: policy.deductible,
    paidOnPolicyBefore: input.paidOnPolicyBefore,
  });
  assertValidMoney(input.assessedLoss, 'The assessed loss');
  assertValidMoney(policy.sumInsured, 'The sum insured');
  assertValidMoney(policy.deductible, 'The deductible');
  assertValidMoney(input.paidOnPolicyBefore, 'The amount paid before');
  const ratio = policy.coverageRatioPercent;
  if (!Number.isInteger(ratio) || ratio < 0 || ratio > 100) {
    throw new DomainRuleViolation(
      'invalid-policy-snapshot',
      'The coverage ratio must be a whole percentage from 0 to 100',
      { coverageRatioPercent: ratio },
    );
  }
}
