import { DomainRuleViolation } from '@claims/event-sourcing';
import { StepTimetable } from '../step-timetable';
import {
  ClosureRecord,
  ComplaintReference,
  ReviewCaseEvent,
  ReviewCaseEvents,
  recordReviewCase,
} from './review-case.events';
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

/** What the complaint service asks when an upheld complaint names this claim. */
export interface ComplaintReexamination extends ComplaintReference {
  /** The complaint's reason (its plan's summary), quoted in the reopening's reason. */
  readonly reason: string;
}

/** The reopening's reason as the case and its public ClaimReopened state it: the complaint first. */
export function reexaminationReason({ complaintNumber, reason }: ComplaintReexamination): string {
  const why = reason.trim();
  const text = `Re-examination asked by upheld complaint ${complaintNumber}${why ? `: ${why}` : ''}`;
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

/**
 * An upheld complaint asks claims review to re-examine the claim (the complaint service's
 * ClaimReexaminationRequested): a closed case goes back to review, without its decision, with the
 * complaint as its reason; no manager is needed, the complaint's own approval stands for it.
 * Asked again by the same complaint while the case it reopened is still open: nothing new
 * (a redelivery). A case that is not closed cannot be reopened (`not-reopenable`): its review is
 * still under way, and the refusal names its status so that it can be recorded.
 */
export function reopenCaseForComplaint(
  state: ReviewCase,
  command: Acting & { readonly complaint: ComplaintReexamination },
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const opened = openedCase(state);
  const { complaint, actor, now } = command;
  const { complaintId, complaintNumber } = complaint;
  if (opened.status !== 'closed') {
    const reopened = 'reexaminations' in opened ? (opened.reexaminations ?? []) : [];
    if (reopened.includes(complaintNumber)) return [];
    throw new DomainRuleViolation(
      'not-reopenable',
      `A case ${opened.status} cannot be reopened: only a closed claim is re-examined`,
      { status: opened.status, complaintNumber },
    );
  }
  const { claimId, claim } = opened;
  const data: ReviewCaseEvents['ClaimReopened'] = {
    claimId,
    claimNumber: claim.claimNumber,
    reason: reexaminationReason(complaint),
    reopenedBy: actor.id,
    reopenedAt: now.toISOString(),
    complaint: { complaintId, complaintNumber },
  };
  return [
    recordReviewCase('ClaimReopened', data, { occurredAt: now }),
    stepStarted(claimId, 'review', now, timetable),
  ];
}
