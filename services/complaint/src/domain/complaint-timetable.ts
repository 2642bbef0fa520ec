import { DeadlineStatus, HOUR_MS, Pause, WorkingCalendar, status } from '@claims/working-calendar';
import { ClockName, ComplaintRules, ComplaintTimeLimit } from './complaint-rules';

/** When each complaint clock falls due on the working calendar, the customer's waiting time left out. */
export class ComplaintTimetable {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly rules: Pick<ComplaintRules, 'timeLimits' | 'atRiskWithinHours'>,
  ) {}

  limitOf(clock: ClockName): ComplaintTimeLimit {
    return this.rules.timeLimits[clock];
  }

  /**
   * `calendar-days`: the end (23:59:59.999 local) of the N-th calendar day after the start's local
   * date, weekends and holidays included, pauses added as elapsed time. Otherwise the calendar's rule.
   */
  dueAt(start: Date, limit: ComplaintTimeLimit, pauses: readonly Pause[] = []): Date {
    if (limit.kind !== 'calendar-days') return this.calendar.dueAt(start, limit, pauses);
    const [y, m, d] = this.calendar.localDate(start).split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d + limit.count)).toISOString().slice(0, 10);
    const paused = pauses.reduce((sum, p) => sum + Math.max(0, p.to.getTime() - p.from.getTime()), 0);
    return new Date(this.calendar.endOfLocalDay(date).getTime() + paused);
  }

  standing(clock: ClockName, dueAt: Date, now: Date): DeadlineStatus {
    return status(dueAt, now, this.rules.atRiskWithinHours[clock] * HOUR_MS);
  }

  localDate(instant: Date): string {
    return this.calendar.localDate(instant);
  }
}
