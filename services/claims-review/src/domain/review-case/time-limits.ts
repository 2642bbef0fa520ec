import { StepTimetable } from '../step-timetable';
import { ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { ReviewCase } from './review-case.state';

/**
 * The periodic check: records, once per step, that the running step is at risk or overdue by
 * `now`. Nothing while the customer's documents are awaited (the clock is paused) or once closed.
 */
export function checkTimeLimit(
  state: ReviewCase,
  command: { readonly now: Date },
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  if (state.status === 'none' || state.status === 'closed') return [];
  const { step } = state;
  if (step?.clock !== 'running') return [];
  const { now } = command;
  const standing = timetable.standing(new Date(step.dueAt), now);
  if (standing === 'on-time' || step.alerts.includes(standing)) return [];
  if (standing === 'at-risk' && step.alerts.includes('overdue')) return [];
  const data = { claimId: state.claimId, step: step.name, dueAt: step.dueAt, detectedAt: now.toISOString() };
  const type = standing === 'overdue' ? 'TimeLimitExceeded' : 'TimeLimitAtRisk';
  return [recordReviewCase(type, data, { occurredAt: now })];
}
