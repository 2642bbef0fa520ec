export type DeadlineStatus = 'on-time' | 'at-risk' | 'overdue';

/**
 * Where a case stands against its deadline at `now`:
 * - `overdue` once `now` is after `due` (the deadline instant itself is still in time);
 * - `at-risk` when `due` is at most `atRiskWithinMs` milliseconds away (inclusive);
 * - `on-time` otherwise.
 * Take `now` from an injected `Clock`, never from the wall clock.
 */
export function status(due: Date, now: Date, atRiskWithinMs: number): DeadlineStatus {
  const dueMs = due instanceof Date ? due.getTime() : NaN;
  const nowMs = now instanceof Date ? now.getTime() : NaN;
  if (Number.isNaN(dueMs)) throw new RangeError('status: due is not a valid Date');
  if (Number.isNaN(nowMs)) throw new RangeError('status: now is not a valid Date');
  if (!(atRiskWithinMs >= 0) || atRiskWithinMs === Infinity) {
    throw new RangeError(`status: atRiskWithinMs must be a finite number ≥ 0, got ${atRiskWithinMs}`);
  }
  if (nowMs > dueMs) return 'overdue';
  return dueMs - nowMs <= atRiskWithinMs ? 'at-risk' : 'on-time';
}
