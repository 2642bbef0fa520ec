import { Pause, WorkingCalendar, status, DeadlineStatus } from '@claims/working-calendar';
import { CaseStep, ClaimsReviewRules } from './review-rules';

/** When each step falls due, on the working-day calendar, with the customer's waiting time left out. */
export class StepTimetable {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly rules: Pick<
      ClaimsReviewRules,
      'timeLimits' | 'atRiskWithinHours' | 'paymentArrivalWorkingDays'
    >,
  ) {}

  dueAt(step: CaseStep | 'customer-documents', startedAt: Date, pauses: readonly Pause[] = []): Date {
    return this.calendar.dueAt(startedAt, this.rules.timeLimits[step], pauses);
  }

  standing(dueAt: Date, now: Date): DeadlineStatus {
    return status(dueAt, now, this.rules.atRiskWithinHours * 3_600_000);
  }

  /** A step due before `now` is overdue; one due from `now` up to `atRiskUntil` (inclusive) is at risk. */
  standingBounds(now: Date): { readonly now: Date; readonly atRiskUntil: Date } {
    return { now, atRiskUntil: new Date(now.getTime() + this.rules.atRiskWithinHours * 3_600_000) };
  }

  /** The civil date the money is expected to arrive. */
  expectedArrivalDate(instructedAt: Date): string {
    return this.calendar.localDate(
      this.calendar.addWorkingDays(instructedAt, this.rules.paymentArrivalWorkingDays),
    );
  }

  localDate(instant: Date): string {
    return this.calendar.localDate(instant);
  }
}
