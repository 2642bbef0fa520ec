import { IndexedCalendar, indexCalendarData, WorkingCalendarData } from './calendar-data';
import {
  formatIsoDate,
  HOUR_MS,
  IsoDate,
  parseIsoDate,
  Weekday,
  weekdayOf,
  ZoneConverter,
} from './local-date';

/** An instant (read as its civil date in the calendar's zone) or a civil date `YYYY-MM-DD`. */
export type DateInput = Date | IsoDate;

/** A time limit as the business states it. */
export type TimeLimit =
  /** "within N working days": due at the end of the N-th working day after the start's local date. */
  | { readonly kind: 'working-days'; readonly count: number }
  /** "within N hours": plain elapsed time, weekends and holidays included. */
  | { readonly kind: 'hours'; readonly count: number };

/**
 * An interval during which the insurer's clock is stopped (the case waits for the customer),
 * from the instant `from` (inclusive) to the instant `to` (exclusive). For a pause still open,
 * pass `to: clock.now()` to get the due instant projected as if the case resumed now.
 */
export interface Pause {
  readonly from: Date;
  readonly to: Date;
}

/** The most working days a limit may span; far beyond any business rule, it stops runaway loops. */
export const MAX_WORKING_DAYS = 10_000;

/**
 * Working days of one jurisdiction, built from data (see `WorkingCalendarData`).
 *
 * A day is a working day when it is a make-up working day, or else when it is neither a public
 * holiday nor a weekly rest day. Instants are read as civil dates in `timeZone`.
 *
 * Deadline rule for "N working days" (`addWorkingDays`, `dueAt`): the start day itself never
 * counts; the deadline is the last millisecond (23:59:59.999 local) of the N-th working day after
 * the start's local date. Starting on a non-working day needs no special case: the first working
 * day after it is day 1. N = 0 means the end of the start's own day if that is a working day,
 * else the end of the next working day.
 */
export class WorkingCalendar {
  readonly timeZone: string;
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. */
  readonly weeklyRestDays: readonly Weekday[];
  /** The dates for which the holiday data is declared complete, if declared. */
  readonly coverage: { readonly from: IsoDate; readonly to: IsoDate } | undefined;
  private readonly data: IndexedCalendar;
  private readonly zone: ZoneConverter;

  /** Validates the data; throws `CalendarDataError` listing every problem. */
  constructor(data: WorkingCalendarData, context?: string) {
    this.data = indexCalendarData(data, context);
    this.timeZone = this.data.timeZone;
    this.weeklyRestDays = [...this.data.weeklyRestDays] as Weekday[];
    this.coverage = this.data.coverage && {
      from: formatIsoDate(this.data.coverage.from),
      to: formatIsoDate(this.data.coverage.to),
    };
    this.zone = new ZoneConverter(this.timeZone);
  }

  /** The civil date of an instant in this calendar's zone (a `YYYY-MM-DD` string is returned as is, checked). */
  localDate(date: DateInput): IsoDate {
    return formatIsoDate(this.dayNumber(date));
  }

  isWorkingDay(date: DateInput): boolean {
    return this.isWorkingDayNumber(this.dayNumber(date));
  }

  /** The public holiday's name, or `undefined` if the date is not a listed holiday. */
  holidayName(date: DateInput): string | undefined {
    return this.data.holidays.get(this.dayNumber(date));
  }

  isMakeUpWorkingDay(date: DateInput): boolean {
    return this.data.makeUpWorkingDays.has(this.dayNumber(date));
  }

  /**
   * Whether the holiday data is declared complete for this date. Outside the coverage the
   * calendar still answers, from the weekly rest days alone: alert on `false` and update the data.
   * A calendar that declares no coverage claims to be complete everywhere.
   */
  covers(date: DateInput): boolean {
    const coverage = this.data.coverage;
    if (!coverage) return true;
    const day = this.dayNumber(date);
    return day >= coverage.from && day <= coverage.to;
  }

  /** The first instant of the date in this zone (local midnight). */
  startOfLocalDay(date: DateInput): Date {
    return new Date(this.zone.startOfDay(this.dayNumber(date)));
  }

  /** The last millisecond of the date in this zone (23:59:59.999 local): a deadline instant. */
  endOfLocalDay(date: DateInput): Date {
    return new Date(this.zone.endOfDay(this.dayNumber(date)));
  }

  /**
   * The deadline of "within `n` working days of `from`": the end (23:59:59.999 local) of the
   * n-th working day after `from`'s local date. See the class comment for the whole rule.
   */
  addWorkingDays(from: DateInput, n: number): Date {
    checkWorkingDayCount(n);
    return new Date(this.zone.endOfDay(this.nthCountedDay(this.dayNumber(from), n, () => false)));
  }

  /**
   * Working days after `a`'s local date up to and including `b`'s local date; negative if `b`
   * is before `a`. For n ≥ 1, `workingDaysBetween(x, addWorkingDays(x, n)) === n`.
   */
  workingDaysBetween(a: DateInput, b: DateInput): number {
    const from = this.dayNumber(a);
    const to = this.dayNumber(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  /** Plain elapsed time: `from` plus `h` hours, whatever the calendar says (the "within 24 hours" rule). */
  addHours(from: Date, h: number): Date {
    if (!Number.isFinite(h)) throw new RangeError(`hours must be a finite number, got ${h}`);
    return new Date(instant(from, 'from') + h * HOUR_MS);
  }

  /**
   * When a limit that started at `start` falls due, the clock stopping during `pauses`.
   *
   * - `hours`: `count` hours of unpaused elapsed time after `start`.
   * - `working-days`: the end of the `count`-th counted working day after `start`'s local date,
   *   where a working day is not counted if the clock is stopped at its end (23:59:59.999 local),
   *   i.e. a pause from instant p to instant q removes the working days from p's local date up
   *   to, but not including, q's local date. The day a pause begins does not count; the day the
   *   case resumes does. A pause within one day changes nothing; one that begins after the
   *   deadline changes nothing.
   *
   * Pauses may overlap, be unordered, or begin before `start`.
   */
  dueAt(start: Date, limit: TimeLimit, pauses: readonly Pause[] = []): Date {
    const begin = instant(start, 'start');
    const stops = pauses.map((pause, index) => checkPause(pause, index)).sort((a, b) => a.from - b.from);
    switch (limit.kind) {
      case 'hours':
        return new Date(addUnpausedTime(begin, hoursToMs(limit.count), stops));
      case 'working-days': {
        checkWorkingDayCount(limit.count);
        const stopped = stops.map((stop) => ({
          from: this.zone.dayNumberAt(stop.from),
          to: this.zone.dayNumberAt(stop.to),
        }));
        const isStopped = (day: number) => stopped.some((stop) => day >= stop.from && day < stop.to);
        return new Date(
          this.zone.endOfDay(this.nthCountedDay(this.zone.dayNumberAt(begin), limit.count, isStopped)),
        );
      }
      default:
        throw new RangeError(`unknown time limit kind: ${JSON.stringify((limit as { kind: unknown }).kind)}`);
    }
  }

  private nthCountedDay(startDay: number, n: number, isStopped: (day: number) => boolean): number {
    const counts = (day: number) => this.isWorkingDayNumber(day) && !isStopped(day);
    let day = startDay;
    if (n === 0) {
      while (!counts(day)) day++;
      return day;
    }
    for (let remaining = n; remaining > 0;) {
      day++;
      if (counts(day)) remaining--;
    }
    return day;
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.data.makeUpWorkingDays.has(day)) return true;
    if (this.data.holidays.has(day)) return false;
    return !this.data.weeklyRestDays.has(weekdayOf(day));
  }

  private dayNumber(date: DateInput): number {
    if (typeof date === 'string') {
      const day = parseIsoDate(date);
      if (day === undefined) throw new RangeError(`not a valid date (YYYY-MM-DD): ${JSON.stringify(date)}`);
      return day;
    }
    return this.zone.dayNumberAt(instant(date, 'date'));
  }
}

function addUnpausedTime(
  begin: number,
  duration: number,
  stops: readonly { from: number; to: number }[],
): number {
  let cursor = begin;
  let remaining = duration;
  for (const stop of stops) {
    if (stop.to <= cursor) continue;
    const stopStart = Math.max(stop.from, cursor);
    if (stopStart - cursor >= remaining) break; // falls due before (or just as) this pause begins
    remaining -= stopStart - cursor;
    cursor = stop.to;
  }
  return cursor + remaining;
}

function checkWorkingDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  }
}

function hoursToMs(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0)
    throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  return hours * HOUR_MS;
}

function checkPause(pause: Pause, index: number): { from: number; to: number } {
  const from = instant(pause.from, `pauses[${index}].from`);
  const to = instant(pause.to, `pauses[${index}].to`);
  if (to < from)
    throw new RangeError(
      `pauses[${index}]: ends (${pause.to.toISOString()}) before it begins (${pause.from.toISOString()})`,
    );
  return { from, to };
}

function instant(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what}: not a valid Date`);
  return ms;
}
