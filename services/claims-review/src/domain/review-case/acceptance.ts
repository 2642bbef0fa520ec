import { DomainRuleViolation, PersonalData, stateFrom } from '@claims/event-sourcing';
import { ClaimantDetails, SubmittedClaim } from '../claim-facts';
import { chooseHandler } from '../handler-assignment';
import { Money } from '../money';
import { ClaimsReviewRules } from '../review-rules';
import { StepTimetable } from '../step-timetable';
import { applyFastTrack, assessFastTrack, declineFastTrack } from './fast-track';
import { reviewCaseDecider } from './review-case.decider';
import { ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { Acting, caseIn, handlerOf, openedCase, stepStarted } from './review-case.guards';
import { ReviewCase } from './review-case.state';

export interface OpenReviewCase {
  readonly claim: SubmittedClaim;
  readonly claimant?: ClaimantDetails;
  /** What earlier claims on the policy were paid, and open cases per handler: for the fast track. */
  readonly paidOnPolicyBefore: Money;
  readonly workload: Readonly<Record<string, number>>;
  readonly now: Date;
}

/**
 * Intake handed a submitted claim over: the case opens awaiting acceptance, and is decided at
 * once when it qualifies for the fast track. A claim already opened changes nothing (redelivery).
 */
export function openReviewCase(
  state: ReviewCase,
  command: OpenReviewCase,
  rules: ClaimsReviewRules,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  if (state.status !== 'none') return [];
  const { claim, claimant, now } = command;
  const personalData: PersonalData | undefined = claimant
    ? { subjectId: claim.customerId, fields: { ...claimant } }
    : undefined;
  const data = { ...claim, documents: [...claim.documents], openedAt: now.toISOString() };
  const opened = [
    recordReviewCase('ReviewCaseOpened', data, { occurredAt: now, personalData }),
    stepStarted(claim.claimId, 'acceptance', now, timetable),
  ];
  const awaiting = stateFrom(reviewCaseDecider, opened, state);
  const accidentDate = timetable.localDate(new Date(claim.accident.occurredAt));
  const verdict = assessFastTrack(
    claim,
    { accidentDate, paidOnPolicyBefore: command.paidOnPolicyBefore, suspicionFlags: 0 },
    rules,
  );
  if (!verdict.eligible) return [...opened, ...declineFastTrack(awaiting, { verdict, now })];
  const handler = chooseHandler(rules.assignment, {
    productLine: claim.policy.productLine,
    estimatedLossMinor: claim.estimatedLoss.amountMinor,
    workload: command.workload,
  });
  return [...opened, ...applyFastTrack(awaiting, { verdict, handler, now }, timetable)];
}

export interface AcceptClaim extends Acting {
  readonly assignment: ClaimsReviewRules['assignment'];
  /** Open cases per handler id (missing = none). */
  readonly workload: Readonly<Record<string, number>>;
}

/** 受理: an acceptor takes the claim into processing; the assignment rules pick its handler. */
export function acceptClaim(
  state: ReviewCase,
  command: AcceptClaim,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const { claim, claimId } = caseIn(state, 'awaiting-acceptance', 'accept');
  const choice = chooseHandler(command.assignment, {
    productLine: claim.policy.productLine,
    estimatedLossMinor: claim.estimatedLoss.amountMinor,
    workload: command.workload,
  });
  const { actor, now } = command;
  const at = now.toISOString();
  return [
    recordReviewCase(
      'ClaimAccepted',
      { claimId, claimNumber: claim.claimNumber, acceptedBy: actor.id, route: 'manual', acceptedAt: at },
      { occurredAt: now },
    ),
    recordReviewCase(
      'HandlerAssigned',
      { claimId, handlerId: choice.handlerId, rule: choice.rule, assignedAt: at },
      { occurredAt: now },
    ),
    stepStarted(claimId, 'review', now, timetable),
  ];
}

export interface ReassignHandler extends Acting {
  readonly handlerId: string;
  readonly reason: string;
}

/** Another handler takes over an accepted case (an acceptor's or a manager's call). */
export function reassignHandler(state: ReviewCase, command: ReassignHandler): ReviewCaseEvent[] {
  const current = openedCase(state);
  const fromHandlerId = handlerOf(current);
  if (current.status === 'closed' || !fromHandlerId) {
    throw new DomainRuleViolation('not-reassignable', `A case ${current.status} has no handler to replace`);
  }
  if (command.handlerId === fromHandlerId) {
    throw new DomainRuleViolation('same-handler', 'The case is already with this handler');
  }
  const { handlerId: toHandlerId, reason, now } = command;
  const data = {
    claimId: current.claimId,
    fromHandlerId,
    toHandlerId,
    reason,
    reassignedAt: now.toISOString(),
  };
  return [recordReviewCase('HandlerReassigned', data, { occurredAt: now })];
}
