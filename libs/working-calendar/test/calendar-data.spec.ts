import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bundled from '../data/cn-mainland.json';
import {
  CalendarDataError,
  calendarFromData,
  cnMainlandCalendar,
  loadCalendarFile,
  loadWorkingCalendar,
  WorkingCalendar,
} from '../src';

const valid = {
  timeZone: 'Asia/Shanghai',
  weeklyRestDays: [6, 0],
  holidays: [
    { date: '2025-01-28', name: 'Spring Festival' },
    { date: '2025-01-29', name: 'Spring Festival' },
  ],
  makeUpWorkingDays: ['2025-01-26', { date: '2025-02-08', name: 'make-up' }],
};

function problemsOf(data: unknown): readonly string[] {
  try {
    calendarFromData(data);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarDataError);
    return (error as CalendarDataError).problems;
  }
  throw new Error('expected the data to be refused');
}

describe('calendarFromData', () => {
  it('builds a calendar from valid data (make-up days as strings or objects)', () => {
    const calendar = calendarFromData(valid);
    expect(calendar).toBeInstanceOf(WorkingCalendar);
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // make-up Sunday, given as a string
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true); // make-up Saturday, given as an object
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false);
    expect(calendar.isWorkingDay('2025-01-30')).toBe(true); // not listed in this small data set
    expect(calendar.coverage).toBeUndefined();
    expect(calendar.covers('2099-01-01')).toBe(true); // no declared coverage: claims to be complete
  });

  it('treats the weekly rest days as data too (Friday–Saturday weekend)', () => {
    const calendar = calendarFromData({ timeZone: 'Asia/Riyadh', weeklyRestDays: [5, 6] });
    expect(calendar.isWorkingDay('2025-03-07')).toBe(false); // Friday
    expect(calendar.isWorkingDay('2025-03-09')).toBe(true); // Sunday
    expect(calendar.addWorkingDays('2025-03-06', 1)).toEqual(new Date('2025-03-09T23:59:59.999+03:00')); // Thu → Sun
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', null, /must be a JSON object/],
    ['an array', [], /must be a JSON object/],
    [
      'an unknown time zone',
      { ...valid, timeZone: 'Mars/Olympus_Mons' },
      /^timeZone: "Mars\/Olympus_Mons" is not an IANA time zone/,
    ],
    ['a missing time zone', { ...valid, timeZone: undefined }, /^timeZone:/],
    [
      'missing weekly rest days',
      { ...valid, weeklyRestDays: undefined },
      /^weeklyRestDays: must be an array/,
    ],
    [
      'a weekday number out of range',
      { ...valid, weeklyRestDays: [6, 7] },
      /^weeklyRestDays: 7 is not a weekday number/,
    ],
    [
      'a weekday named, not numbered',
      { ...valid, weeklyRestDays: ['Saturday'] },
      /^weeklyRestDays: "Saturday"/,
    ],
    ['a weekday listed twice', { ...valid, weeklyRestDays: [6, 6] }, /^weeklyRestDays: 6 is listed twice/],
    [
      'no working weekday at all',
      { ...valid, weeklyRestDays: [0, 1, 2, 3, 4, 5, 6], makeUpWorkingDays: [] },
      /every weekday is a rest day/,
    ],
    ['holidays not an array', { ...valid, holidays: { date: '2025-01-28' } }, /^holidays: must be an array/],
    [
      'a holiday on 30 February',
      { ...valid, holidays: [{ date: '2025-02-30', name: 'x' }] },
      /^holidays\[0\]: "2025-02-30" is not a valid date/,
    ],
    [
      'a holiday date without leading zeros',
      { ...valid, holidays: [{ date: '2025-1-28', name: 'x' }] },
      /^holidays\[0\]: "2025-1-28" is not a valid date/,
    ],
    [
      'a holiday given as a bare string',
      { ...valid, holidays: ['2025-01-28'] },
      /^holidays\[0\]: must be an object/,
    ],
    [
      'a holiday without a name',
      { ...valid, holidays: [{ date: '2025-01-28' }] },
      /^holidays\[0\]: "name" must be a non-empty string/,
    ],
    [
      'a holiday listed twice',
      { ...valid, holidays: [valid.holidays[0], valid.holidays[0]] },
      /^holidays\[1\]: 2025-01-28 is listed as a holiday twice/,
    ],
    [
      'a misspelt field in a holiday',
      { ...valid, holidays: [{ date: '2025-01-28', name: 'x', nmae: 'y' }] },
      /^holidays\[0\]: unknown field "nmae"/,
    ],
    [
      'a bad make-up date',
      { ...valid, makeUpWorkingDays: ['2025-13-01'] },
      /^makeUpWorkingDays\[0\]: "2025-13-01" is not a valid date/,
    ],
    [
      'a make-up day on a weekday',
      { ...valid, makeUpWorkingDays: ['2025-01-27'] },
      /^makeUpWorkingDays\[0\]: 2025-01-27 is a Monday, already a working day/,
    ],
    [
      'a make-up day listed twice',
      { ...valid, makeUpWorkingDays: ['2025-01-26', '2025-01-26'] },
      /^makeUpWorkingDays\[1\]: 2025-01-26 is listed as a make-up working day twice/,
    ],
    [
      'a day both holiday and make-up day',
      {
        ...valid,
        holidays: [{ date: '2025-02-01', name: 'Spring Festival' }],
        makeUpWorkingDays: ['2025-02-01'],
      },
      /^makeUpWorkingDays\[0\]: 2025-02-01 is both a public holiday \(Spring Festival\) and a make-up working day/,
    ],
    ['a misspelt top-level field', { ...valid, makeupWorkingDays: [] }, /^unknown field "makeupWorkingDays"/],
    [
      'coverage the wrong way round',
      { ...valid, coverage: { from: '2026-01-01', to: '2025-01-01' } },
      /^coverage: from 2026-01-01 is after to 2025-01-01/,
    ],
    [
      'a bad coverage date',
      { ...valid, coverage: { from: '2025-01-01', to: '2025-12-32' } },
      /^coverage\.to: "2025-12-32"/,
    ],
    [
      'a holiday outside the coverage',
      { ...valid, coverage: { from: '2025-01-29', to: '2025-12-31' } },
      /^holidays\[0\]: 2025-01-28 is outside the declared coverage/,
    ],
    [
      'a make-up day outside the coverage',
      { ...valid, coverage: { from: '2025-01-27', to: '2025-12-31' } },
      /^makeUpWorkingDays\[0\]: 2025-01-26 is outside the declared coverage/,
    ],
  ])('refuses %s', (_case, data, problem) => {
    expect(problemsOf(data).some((p) => problem.test(p))).toBe(true);
  });

  it('lists every problem at once, in a readable message', () => {
    const data = { timeZone: 'Nowhere', weeklyRestDays: [9], holidays: [{ date: '2025-02-30', name: 'x' }] };
    expect(problemsOf(data)).toHaveLength(3);
    expect(() => calendarFromData(data, 'my-calendar.json')).toThrow(
      /Invalid working calendar \(my-calendar\.json\):\n {2}- timeZone/,
    );
  });

  it('validates in the WorkingCalendar constructor too', () => {
    expect(
      () =>
        new WorkingCalendar({
          timeZone: 'Asia/Shanghai',
          weeklyRestDays: [6, 0],
          makeUpWorkingDays: ['2025-01-27'],
        }),
    ).toThrow(CalendarDataError);
  });
});

describe('the bundled China mainland data', () => {
  const calendar = cnMainlandCalendar();

  it('is read in Asia/Shanghai with Saturday and Sunday off', () => {
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect([...calendar.weeklyRestDays].sort()).toEqual([0, 6]);
    expect(calendar.coverage).toEqual({ from: '2025-01-01', to: '2026-12-31' });
  });

  it('lists the official holiday periods day by day', () => {
    // 2025: 1 + 8 + 3 + 5 + 3 + 8 = 28 days; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33 days.
    const byYear = (year: string) => bundled.holidays.filter((h) => h.date.startsWith(year)).length;
    expect(byYear('2025')).toBe(28);
    expect(byYear('2026')).toBe(33);
    expect(bundled.makeUpWorkingDays.map((d) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('says that the 2026 list must be checked against the official notice', () => {
    expect(bundled.notes.join(' ')).toMatch(/2026 MUST BE CHECKED against the official notice/);
    expect(bundled.source).toMatch(/2026/);
  });
});

describe('loadCalendarFile / loadWorkingCalendar', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'working-calendar-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads a calendar file named in configuration', () => {
    const path = write('calendar.json', JSON.stringify(valid));
    expect(loadCalendarFile(path).isWorkingDay('2025-01-26')).toBe(true);
    expect(loadWorkingCalendar(path).isWorkingDay('2025-02-08')).toBe(true);
  });

  it('falls back to the bundled data when no file is configured', () => {
    expect(loadWorkingCalendar(undefined).coverage).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(loadWorkingCalendar('').timeZone).toBe('Asia/Shanghai');
  });

  it('names the file in every error', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadCalendarFile(missing)).toThrow(CalendarDataError);
    expect(() => loadCalendarFile(missing)).toThrow(
      new RegExp(`\\(${escapeRegExp(missing)}\\):\\n.*cannot read the file`),
    );
    const broken = write('broken.json', '{ "timeZone": ');
    expect(() => loadCalendarFile(broken)).toThrow(
      new RegExp(`\\(${escapeRegExp(broken)}\\):\\n.*not valid JSON`),
    );
    const invalid = write('invalid.json', JSON.stringify({ ...valid, makeUpWorkingDays: ['2025-01-28'] }));
    expect(() => loadCalendarFile(invalid)).toThrow(
      new RegExp(`\\(${escapeRegExp(invalid)}\\):\\n.*2025-01-28 is both a public holiday`),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
