import { Actor } from '@claims/event-sourcing';
import { deciderSpec } from '@claims/event-sourcing/testing';
import { cnMainlandCalendar } from '@claims/working-calendar';
import { ApprovalAuthority } from '../src/domain/approval-authority';
import { ClaimantDetails, SubmittedClaim } from '../src/domain/claim-facts';
import { acceptClaim, openReviewCase } from '../src/domain/review-case/acceptance';
import { proposeApproval } from '../src/domain/review-case/adjudication';
import { assessLoss } from '../src/domain/review-case/investigation';
import { reviewDocuments } from '../src/domain/review-case/material-review';
import { reviewCaseDecider } from '../src/domain/review-case/review-case.decider';
import { ReviewCaseEvent, recordReviewCase } from '../src/domain/review-case/review-case.events';
import { stepStarted } from '../src/domain/review-case/review-case.guards';
import { ReviewCase } from '../src/domain/review-case/review-case.state';
import { StepTimetable } from '../src/domain/step-timetable';
import { DEFAULT_REVIEW_RULES } from '../src/infrastructure/default-review-rules';
import { cny, submittedClaim } from './fixtures';

export { cny, submittedClaim };

/** Given/when/then for review cases, on the default rules and the China mainland calendar. */
export const spec = deciderSpec(reviewCaseDecider);
export const rules = DEFAULT_REVIEW_RULES;
export const timetable = new StepTimetable(cnMainlandCalendar(), rules);
export const terms = { timetable, authority: new ApprovalAuthority(rules.authority) };

/** Monday 2025-06-09, 09:00 Beijing time. */
export const monday = new Date('2025-06-09T01:00:00Z');
export const at = (iso: string) => new Date(iso);

export const acceptor: Actor = { id: 'acceptor-1', role: 'claims-acceptor' };
export const handler: Actor = { id: 'handler-motor-1', role: 'claims-handler' };
export const otherHandler: Actor = { id: 'handler-motor-2', role: 'claims-handler' };
export const approver1: Actor = { id: 'approver-1', role: 'approver' };
export const approver2: Actor = { id: 'approver-senior-1', role: 'approver' };
export const investigator: Actor = { id: 'investigator-1', role: 'investigator' };
export const manager: Actor = { id: 'manager-1', role: 'manager' };
export const explain = { explanation: 'Covered collision', policyBasis: 'Clause 3 (collision)' };

export type Decision = (state: ReviewCase) => readonly ReviewCaseEvent[];

/** Builds a history step by step, each decision on the state the previous ones lead to. */
export function historyOf(...decisions: Decision[]): ReviewCaseEvent[] {
  return decisions.reduce<ReviewCaseEvent[]>(
    (history, decide) => [...history, ...decide(spec.given(history).state)],
    [],
  );
}

/** Intake hands the claim over (on the fast track when it qualifies). */
export const opened =
  (claim: SubmittedClaim = submittedClaim(), claimant?: ClaimantDetails, now = monday): Decision =>
  (s) =>
    openReviewCase(s, { claim, claimant, paidOnPolicyBefore: cny(0), workload: {}, now }, rules, timetable);

/** Just the opening, before the fast-track rules ran. */
export const openedOnly = (claim: SubmittedClaim): ReviewCaseEvent[] => [
  recordReviewCase('ReviewCaseOpened', {
    ...claim,
    documents: [...claim.documents],
    openedAt: monday.toISOString(),
  }),
  stepStarted(claim.claimId, 'acceptance', monday, timetable),
];

/** Accepted on the assignment rules with nobody busy: a motor claim goes to handler-motor-1. */
export const accepted =
  (assignment = rules.assignment): Decision =>
  (s) =>
    acceptClaim(s, { actor: acceptor, now: monday, assignment, workload: {} }, timetable);

const ALL_DOCUMENTS = ['doc-1', 'doc-2', 'doc-3', 'doc-4'];

export const reviewedClean =
  (by = handler): Decision =>
  (s) => {
    const findings = ALL_DOCUMENTS.map((documentId) => ({
      documentId,
      authentic: true,
      complete: true,
      compliant: true,
    }));
    return reviewDocuments(s, { actor: by, now: monday, findings });
  };

export const assessed =
  (loss: number, by = handler, breakdown = [{ item: 'bumper', amount: cny(loss) }]): Decision =>
  (s) =>
    assessLoss(s, { actor: by, now: monday, assessedLoss: cny(loss), breakdown, method: 'remote' });

export const proposedApproval =
  (by = handler, now = monday): Decision =>
  (s) =>
    proposeApproval(s, { actor: by, now, paidOnPolicyBefore: cny(0), ...explain }, terms);

/** A motor claim accepted by `handler` (whatever its size), every document reviewed clean, the loss assessed. */
export function readyCase(loss = 1_000_000): ReviewCaseEvent[] {
  const toHandler = [{ name: 'motor', handlers: [handler.id] }];
  return historyOf(
    opened(submittedClaim({ estimatedLoss: cny(loss) })),
    accepted(toHandler),
    reviewedClean(),
    assessed(loss),
  );
}
