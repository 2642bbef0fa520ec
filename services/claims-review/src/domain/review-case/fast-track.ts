import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import { SubmittedClaim } from '../claim-facts';
import { HandlerChoice } from '../handler-assignment';
import { Money } from '../money';
import { PayoutCalculation, calculatePayout } from '../payout-calculation';
import { ClaimsReviewRules } from '../review-rules';
import { StepTimetable } from '../step-timetable';
import { decisionEvents } from './adjudication';
import { ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { caseIn } from './review-case.guards';
import { Proposal, ReviewCase } from './review-case.state';

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
    claim.estimatedLoss.currency === claim.policy.sumInsured.currency &&
    claim.policy.sumInsured.currency === facts.paidOnPolicyBefore.currency;
  const calculation = sameCurrency
    ? calculatePayout({
        policy: claim.policy,
        accidentDate: facts.accidentDate,
        cause: claim.accident.cause,
        assessedLoss: claim.estimatedLoss,
        paidOnPolicyBefore: facts.paidOnPolicyBefore,
      })
    : undefined;
  const checks = [
    { rule: 'fast track enabled', passed: rules.fastTrack.enabled },
    {
      rule: `product line ${claim.policy.productLine} eligible`,
      passed: rules.fastTrack.productLines.includes(claim.policy.productLine),
    },
    {
      rule: `estimated loss within ${rules.fastTrack.limitMinor} minor units`,
      passed: claim.estimatedLoss.amountMinor <= rules.fastTrack.limitMinor,
    },
    { rule: 'no suspicion flags', passed: facts.suspicionFlags === 0 },
    {
      rule: missing.length ? `documents complete (missing: ${missing.join(', ')})` : 'documents complete',
      passed: missing.length === 0,
    },
    { rule: 'amounts in the policy currency', passed: sameCurrency },
    { rule: 'every policy rule passes', passed: calculation?.payable === true },
  ];
  return { eligible: checks.every((c) => c.passed), checks, calculation };
}

/** Who decides on the fast track: the rules, recorded as the system. */
export const FAST_TRACK_ACTOR: Actor = { id: 'claims-review.fast-track', role: 'system' };

export interface ApplyFastTrack {
  readonly verdict: FastTrackVerdict;
  /** The handler who will see the payment through. */
  readonly handler: HandlerChoice;
  readonly now: Date;
}

/** A small, clean claim decided by the rules alone: accepted, assessed on the estimate and approved. */
export function applyFastTrack(
  state: ReviewCase,
  command: ApplyFastTrack,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const { claimId, claim } = caseIn(state, 'awaiting-acceptance', 'fast-track');
  const { verdict, handler, now } = command;
  const calculation = verdict.calculation;
  if (!verdict.eligible || !calculation?.payable) {
    throw new DomainRuleViolation('not-fast-track', 'The claim does not pass every fast-track rule');
  }
  const system = FAST_TRACK_ACTOR.id;
  const at = now.toISOString();
  const when = { occurredAt: now };
  const proposal: Proposal = {
    outcome: 'approve',
    calculation,
    reasonCodes: [],
    explanation:
      'Decided automatically: small claim, complete documents, no flags, every policy rule passed.',
    policyBasis: calculation.steps.map((s) => s.clause).join('; '),
    proposedBy: system,
    requiredLevel: 0,
  };
  return [
    recordReviewCase('FastTrackApplied', { claimId, checks: [...verdict.checks], appliedAt: at }, when),
    recordReviewCase(
      'ClaimAccepted',
      { claimId, claimNumber: claim.claimNumber, acceptedBy: system, route: 'fast-track', acceptedAt: at },
      when,
    ),
    recordReviewCase(
      'HandlerAssigned',
      { claimId, handlerId: handler.handlerId, rule: handler.rule, assignedAt: at },
      when,
    ),
    recordReviewCase(
      'LossAssessed',
      {
        claimId,
        assessedLoss: claim.estimatedLoss,
        breakdown: [],
        method: 'fast-track',
        assessedBy: system,
        assessedAt: at,
      },
      when,
    ),
    ...decisionEvents(
      { claimId, claimNumber: claim.claimNumber },
      proposal,
      { decidedBy: system, decidedAs: 'fast-track', approvalLevel: 0 },
      now,
      timetable,
    ),
  ];
}

/** The claim waits for an acceptor; the history keeps which fast-track rules it failed. */
export function declineFastTrack(
  state: ReviewCase,
  command: { readonly verdict: FastTrackVerdict; readonly now: Date },
): ReviewCaseEvent[] {
  if (state.status !== 'awaiting-acceptance') return [];
  const { verdict, now } = command;
  const failedChecks = verdict.checks.filter((c) => !c.passed).map((c) => c.rule);
  return [
    recordReviewCase(
      'FastTrackDeclined',
      { claimId: state.claimId, failedChecks, declinedAt: now.toISOString() },
      { occurredAt: now },
    ),
  ];
}
