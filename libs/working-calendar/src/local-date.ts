/**
 * Civil (wall-calendar) dates and their relation to instants in one IANA time zone, with the
 * built-in Intl API only. A civil date is handled as a day number: days since 1970-01-01.
 */

/** A civil date, `YYYY-MM-DD`, with no time and no zone. */
export type IsoDate = string;

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a `YYYY-MM-DD` string, or `undefined` if it is not a real date (2025-02-30). */
export function parseIsoDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return undefined;
  return ms / DAY_MS;
}

export function formatIsoDate(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday; // 1970-01-01 was a Thursday
}

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** Is `timeZone` an IANA zone this runtime knows? */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Converts between instants and civil dates of one time zone. */
export class ZoneConverter {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The civil date (day number) that the instant falls on in this zone. */
  dayNumberAt(epochMs: number): number {
    const f = this.wallClock(epochMs);
    return Date.UTC(f.year, f.month - 1, f.day) / DAY_MS;
  }

  /** Local wall-clock time minus UTC at the instant, in ms (+8 h in Shanghai). */
  offsetAt(epochMs: number): number {
    const f = this.wallClock(epochMs);
    return (
      Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(epochMs / 1000) * 1000
    );
  }

  /**
   * The first instant of a civil date in this zone (local midnight; if a DST change skips
   * midnight, the moment the day begins). Offsets are taken either side of the day's start and
   * the earliest candidate whose date is `dayNumber` and whose previous millisecond is not is kept.
   */
  startOfDay(dayNumber: number): number {
    const wallMidnight = dayNumber * DAY_MS;
    const offsets = new Set([
      this.offsetAt(wallMidnight - 15 * HOUR_MS),
      this.offsetAt(wallMidnight + 15 * HOUR_MS),
    ]);
    const starts = [...offsets]
      .map((offset) => wallMidnight - offset)
      .filter((t) => this.dayNumberAt(t) === dayNumber && this.dayNumberAt(t - 1) !== dayNumber)
      .sort((a, b) => a - b);
    if (starts.length === 0)
      throw new Error(`cannot find the start of ${formatIsoDate(dayNumber)} in ${this.timeZone}`);
    return starts[0];
  }

  /** The last millisecond of a civil date in this zone: 23:59:59.999 local. */
  endOfDay(dayNumber: number): number {
    return this.startOfDay(dayNumber + 1) - 1;
  }

  private wallClock(epochMs: number): {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
  } {
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(epochMs))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    return {
      year: fields.year,
      month: fields.month,
      day: fields.day,
      hour: fields.hour % 24,
      minute: fields.minute,
      second: fields.second,
    };
  }
}
