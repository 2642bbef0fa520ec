import { SubmittedClaim } from './claim-facts';
import { Money } from './money';
import { PayoutCalculation, calculatePayout } from './payout-calculation';
import { ClaimsReviewRules } from './review-rules';

export interface FastTrackVerdict {
  readonly eligible: boolean;
  /** Every rule checked, passed or not, for the history. */
  readonly checks: readonly { readonly rule: string; readonly passed: boolean }[];
  /** The payout on the customer's estimate, when the calculation could run. */
  readonly calculation?: PayoutCalculation;
}

/**
 * Whether a claim is small and simple enough to be decided without a person: fast track on,
 * product line eligible, estimate within the limit, no suspicion flags, every required document
 * supplied, and the payout calculation on the estimate passes every policy rule.
 */
export function assessFastTrack(
  claim: SubmittedClaim,
  facts: { accidentDate: string; paidOnPolicyBefore: Money; suspicionFlags: number },
  rules: ClaimsReviewRules,
): FastTrackVerdict {
  const supplied = new Set(claim.documents.map((d) => d.kind));
  const missing = rules.requiredDocuments[claim.policy.productLine].filter((k) => !supplied.has(k));
  const sameCurrency =
    claim.estimatedLoss.currency === claim.policy.sumInsured.currency && claim.policy.sumInsured.currency === facts.paidOnPolicyBefore.currency;
  const calculation = sameCurrency
    ? calculatePayout({ policy: claim.policy, accidentDate: facts.accidentDate, cause: claim.accident.cause, assessedLoss: claim.estimatedLoss, paidOnPolicyBefore: facts.paidOnPolicyBefore })
    : undefined;
  const checks = [
    { rule: 'fast track enabled', passed: rules.fastTrack.enabled },
    { rule: `product line ${claim.policy.productLine} eligible`, passed: rules.fastTrack.productLines.includes(claim.policy.productLine) },
    { rule: `estimated loss within ${rules.fastTrack.limitMinor} minor units`, passed: claim.estimatedLoss.amountMinor <= rules.fastTrack.limitMinor },
    { rule: 'no suspicion flags', passed: facts.suspicionFlags === 0 },
    { rule: missing.length ? `documents complete (missing: ${missing.join(', ')})` : 'documents complete', passed: missing.length === 0 },
    { rule: 'amounts in the policy currency', passed: sameCurrency },
    { rule: 'every policy rule passes', passed: calculation?.payable === true },
  ];
  return { eligible: checks.every((c) => c.passed), checks, calculation };
}
