import { DomainRuleViolation } from '@claims/event-sourcing';
import { StepTimetable } from '../step-timetable';
import { ClosureRecord, ReviewCaseEvent, ReviewCaseEvents, recordReviewCase } from './review-case.events';
import { Acting, caseIn, handlersCaseIn, openedCase, stepStarted } from './review-case.guards';
import { ReviewCase } from './review-case.state';

/** 结案: a paid or denied case is closed with its closure record, by its handler. */
export function closeCase(
  state: ReviewCase,
  command: Acting & { readonly summary: string },
): ReviewCaseEvent[] {
  const { status } = openedCase(state);
  if (status !== 'paid' && status !== 'denied') {
    throw new DomainRuleViolation(
      'not-closable',
      `A case ${status} cannot be closed: it must be paid or denied first`,
      { status },
    );
  }
  const decided = handlersCaseIn(state, status, command.actor);
  const { summary, actor, now } = command;
  const { decision } = decided;
  const closureRecord: ClosureRecord = {
    summary,
    decision: decision.outcome,
    paidAmount:
      decision.outcome === 'approved'
        ? { amountMinor: decided.paidSoFarMinor, currency: decision.payout.currency }
        : null,
    paymentReference: decided.payment?.state === 'confirmed' ? decided.payment.reference : null,
    supplementaryRounds: decided.supplementaryRounds,
  };
  const outcome: ReviewCaseEvents['ClaimClosed']['outcome'] =
    decision.outcome === 'approved' ? 'paid' : 'denied';
  const data = {
    claimId: decided.claimId,
    claimNumber: decided.claim.claimNumber,
    outcome,
    closureRecord,
    closedBy: actor.id,
    closedAt: now.toISOString(),
  };
  return [recordReviewCase('ClaimClosed', data, { occurredAt: now })];
}

/** A manager reopens a closed claim, saying why; it goes back to review without its decision. */
export function reopenCase(
  state: ReviewCase,
  command: Acting & { readonly reason: string },
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const closed = caseIn(state, 'closed', 'reopen');
  const { reason, actor, now } = command;
  if (actor.role !== 'manager')
    throw new DomainRuleViolation('manager-only', 'Only a manager may reopen a closed claim');
  if (!reason.trim()) throw new DomainRuleViolation('reason-required', 'Say why the claim is reopened');
  const { claimId, claim } = closed;
  const data = {
    claimId,
    claimNumber: claim.claimNumber,
    reason,
    reopenedBy: actor.id,
    reopenedAt: now.toISOString(),
  };
  return [
    recordReviewCase('ClaimReopened', data, { occurredAt: now }),
    stepStarted(claimId, 'review', now, timetable),
  ];
}
