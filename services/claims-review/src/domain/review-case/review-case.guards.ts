import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import { ApprovalAuthority } from '../approval-authority';
import { CaseStep } from '../review-rules';
import { StepTimetable } from '../step-timetable';
import { ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { CaseIn, CaseStatus, OpenedCase, ReviewCase, hasStatus } from './review-case.state';

/** Who takes a decision, and when (the domain reads no clock: the time comes with the command). */
export interface Acting {
  readonly actor: Actor;
  readonly now: Date;
}

/** The rules' calendar and authority a decision may need, as arguments. */
export interface ReviewTerms {
  readonly timetable: StepTimetable;
  readonly authority: ApprovalAuthority;
}

/** The case, refusing a claim no review case was opened for. */
export function openedCase(state: ReviewCase): OpenedCase {
  if (state.status === 'none')
    throw new DomainRuleViolation('no-case', 'No review case was opened for this claim');
  return state;
}

/** The case in `status`, or a refusal naming the status it is in. */
export function caseIn<S extends CaseStatus>(state: ReviewCase, status: S, action: string): CaseIn<S> {
  const opened = openedCase(state);
  if (!hasStatus(opened, status)) {
    throw new DomainRuleViolation('wrong-status', `Cannot ${action} while the case is ${opened.status}`, {
      status: opened.status,
      required: status,
    });
  }
  return opened;
}

/** The case in `status`, acted on by the handler it is assigned to. */
export function handlersCaseIn<S extends Exclude<CaseStatus, 'awaiting-acceptance'>>(
  state: ReviewCase,
  status: S,
  handler: Actor,
): CaseIn<S> {
  const found = caseIn(state, status, 'do this');
  const handlerId = handlerOf(found);
  if (handler.id !== handlerId) {
    throw new DomainRuleViolation(
      'not-assigned-handler',
      'Only the handler the case is assigned to may do this',
      {
        handlerId,
      },
    );
  }
  return found;
}

/** The handler a case is assigned to (none before acceptance). */
export function handlerOf(state: ReviewCase): string | null {
  return 'handlerId' in state ? state.handlerId : null;
}

/** The next step of the process begins, due by the working-day calendar. */
export function stepStarted(
  claimId: string,
  step: CaseStep,
  now: Date,
  timetable: StepTimetable,
): ReviewCaseEvent {
  const dueAt = timetable.dueAt(step, now).toISOString();
  return recordReviewCase(
    'StepStarted',
    { claimId, step, startedAt: now.toISOString(), dueAt },
    { occurredAt: now },
  );
}
