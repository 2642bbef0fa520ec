import {
  formatIsoDate,
  IsoDate,
  isValidTimeZone,
  parseIsoDate,
  WEEKDAY_NAMES,
  weekdayOf,
} from './local-date';

/** A public holiday: a civil date on which nobody works, whatever the weekday. */
export interface PublicHoliday {
  readonly date: IsoDate;
  readonly name: string;
  readonly notes?: string;
}

/** A make-up working day (调休上班): a weekly rest day that is worked by official decision. */
export interface MakeUpWorkingDay {
  readonly date: IsoDate;
  readonly name?: string;
  readonly notes?: string;
}

/**
 * A working calendar as data (the shape of `data/cn-mainland.json`).
 * Everything a deadline depends on is here; nothing is derived from weekday rules alone.
 */
export interface WorkingCalendarData {
  readonly name?: string;
  /** IANA zone in which civil dates are read, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  /** Weekdays that are not worked unless listed as make-up days: 0 = Sunday … 6 = Saturday. */
  readonly weeklyRestDays: readonly number[];
  readonly holidays?: readonly PublicHoliday[];
  /** A plain `YYYY-MM-DD` or an object with a name. */
  readonly makeUpWorkingDays?: readonly (IsoDate | MakeUpWorkingDay)[];
  /** The dates for which the holiday lists are known to be complete (inclusive). */
  readonly coverage?: { readonly from: IsoDate; readonly to: IsoDate };
  readonly source?: string;
  readonly notes?: string | readonly string[];
}

/** The calendar data is unusable; `problems` lists every fault found, each naming the field. */
export class CalendarDataError extends Error {
  constructor(
    readonly problems: readonly string[],
    context?: string,
  ) {
    super(`Invalid working calendar${context ? ` (${context})` : ''}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CalendarDataError';
  }
}

/** Validated, indexed form of the data, used by `WorkingCalendar`. */
export interface IndexedCalendar {
  readonly timeZone: string;
  readonly weeklyRestDays: ReadonlySet<number>;
  readonly holidays: ReadonlyMap<number, string>;
  readonly makeUpWorkingDays: ReadonlyMap<number, string | undefined>;
  readonly coverage?: { readonly from: number; readonly to: number };
}

const TOP_LEVEL_KEYS = [
  '$schema',
  'name',
  'timeZone',
  'weeklyRestDays',
  'holidays',
  'makeUpWorkingDays',
  'coverage',
  'source',
  'notes',
];
const ENTRY_KEYS = ['date', 'name', 'notes'];

/** Checks untrusted calendar data (parsed JSON) and indexes it; throws `CalendarDataError` listing every problem. */
export function indexCalendarData(input: unknown, context?: string): IndexedCalendar {
  const problems: string[] = [];
  if (!isRecord(input)) throw new CalendarDataError(['calendar data must be a JSON object'], context);

  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_KEYS.includes(key))
      problems.push(`unknown field "${key}" (expected one of: ${TOP_LEVEL_KEYS.join(', ')})`);
  }

  const timeZone = input.timeZone;
  if (!isValidTimeZone(timeZone))
    problems.push(`timeZone: ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. "Asia/Shanghai")`);

  const weeklyRestDays = new Set<number>();
  if (!Array.isArray(input.weeklyRestDays)) {
    problems.push(
      'weeklyRestDays: must be an array of weekday numbers, 0 = Sunday … 6 = Saturday (e.g. [6, 0])',
    );
  } else {
    for (const day of input.weeklyRestDays) {
      if (!Number.isInteger(day) || day < 0 || day > 6)
        problems.push(`weeklyRestDays: ${JSON.stringify(day)} is not a weekday number 0–6 (0 = Sunday)`);
      else if (weeklyRestDays.has(day)) problems.push(`weeklyRestDays: ${day} is listed twice`);
      else weeklyRestDays.add(day);
    }
    if (weeklyRestDays.size === 7)
      problems.push('weeklyRestDays: every weekday is a rest day, so no day would ever be a working day');
  }

  const coverage = readCoverage(input.coverage, problems);
  const inCoverage = (day: number) => !coverage || (day >= coverage.from && day <= coverage.to);

  const holidays = new Map<number, string>();
  for (const [index, entry] of arrayField(input, 'holidays', problems).entries()) {
    const where = `holidays[${index}]`;
    if (!isRecord(entry)) {
      problems.push(`${where}: must be an object { "date": "YYYY-MM-DD", "name": "…" }`);
      continue;
    }
    checkEntryKeys(entry, where, problems);
    const day = parseIsoDate(entry.date);
    if (typeof entry.name !== 'string' || entry.name.trim() === '')
      problems.push(`${where}: "name" must be a non-empty string`);
    if (day === undefined) {
      problems.push(`${where}: ${JSON.stringify(entry.date)} is not a valid date (YYYY-MM-DD)`);
      continue;
    }
    if (holidays.has(day)) problems.push(`${where}: ${formatIsoDate(day)} is listed as a holiday twice`);
    if (!inCoverage(day)) problems.push(`${where}: ${formatIsoDate(day)} is outside the declared coverage`);
    holidays.set(day, typeof entry.name === 'string' ? entry.name : '');
  }

  const makeUpWorkingDays = new Map<number, string | undefined>();
  for (const [index, entry] of arrayField(input, 'makeUpWorkingDays', problems).entries()) {
    const where = `makeUpWorkingDays[${index}]`;
    let date: unknown = entry;
    let name: string | undefined;
    if (isRecord(entry)) {
      checkEntryKeys(entry, where, problems);
      date = entry.date;
      if (entry.name !== undefined && typeof entry.name !== 'string')
        problems.push(`${where}: "name" must be a string`);
      else name = entry.name;
    }
    const day = parseIsoDate(date);
    if (day === undefined) {
      problems.push(`${where}: ${JSON.stringify(date)} is not a valid date (YYYY-MM-DD)`);
      continue;
    }
    const iso = formatIsoDate(day);
    if (makeUpWorkingDays.has(day))
      problems.push(`${where}: ${iso} is listed as a make-up working day twice`);
    if (holidays.has(day))
      problems.push(
        `${where}: ${iso} is both a public holiday (${holidays.get(day)}) and a make-up working day`,
      );
    if (Array.isArray(input.weeklyRestDays) && !weeklyRestDays.has(weekdayOf(day))) {
      problems.push(
        `${where}: ${iso} is a ${WEEKDAY_NAMES[weekdayOf(day)]}, already a working day; a make-up day must fall on a weekly rest day`,
      );
    }
    if (!inCoverage(day)) problems.push(`${where}: ${iso} is outside the declared coverage`);
    makeUpWorkingDays.set(day, name);
  }

  for (const key of ['source', 'name'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'string') problems.push(`${key}: must be a string`);
  }

  if (problems.length > 0) throw new CalendarDataError(problems, context);
  return { timeZone: timeZone as string, weeklyRestDays, holidays, makeUpWorkingDays, coverage };
}

function readCoverage(value: unknown, problems: string[]): { from: number; to: number } | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push('coverage: must be an object { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }');
    return undefined;
  }
  const from = parseIsoDate(value.from);
  const to = parseIsoDate(value.to);
  if (from === undefined)
    problems.push(`coverage.from: ${JSON.stringify(value.from)} is not a valid date (YYYY-MM-DD)`);
  if (to === undefined)
    problems.push(`coverage.to: ${JSON.stringify(value.to)} is not a valid date (YYYY-MM-DD)`);
  if (from === undefined || to === undefined) return undefined;
  if (from > to) {
    problems.push(`coverage: from ${formatIsoDate(from)} is after to ${formatIsoDate(to)}`);
    return undefined;
  }
  return { from, to };
}

function arrayField(input: Record<string, unknown>, key: string, problems: string[]): unknown[] {
  const value = input[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${key}: must be an array`);
    return [];
  }
  return value;
}

function checkEntryKeys(entry: Record<string, unknown>, where: string, problems: string[]): void {
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.includes(key))
      problems.push(`${where}: unknown field "${key}" (expected ${ENTRY_KEYS.join(', ')})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
