import { cn, endOfShanghaiDay, sh } from './shanghai-time';

// Every expectation below was worked out by hand from data/cn-mainland.json and a printed
// calendar; the comment after each row is that working. (n) marks the n-th counted working day.

describe('isWorkingDay (China mainland data)', () => {
  it.each([
    ['2025-01-01', false, 'Wed, New Year holiday'],
    ['2025-01-02', true, 'Thu, ordinary'],
    ['2025-01-04', false, 'Sat, weekly rest'],
    ['2025-01-26', true, 'Sun, Spring Festival make-up day'],
    ['2025-01-27', true, 'Mon, ordinary'],
    ['2025-01-28', false, 'Tue, Spring Festival (first day)'],
    ['2025-02-04', false, 'Tue, Spring Festival (last day)'],
    ['2025-02-05', true, 'Wed, first day back'],
    ['2025-02-08', true, 'Sat, Spring Festival make-up day'],
    ['2025-02-09', false, 'Sun, weekly rest'],
    ['2025-04-04', false, 'Fri, Qingming'],
    ['2025-04-07', true, 'Mon, ordinary'],
    ['2025-04-27', true, 'Sun, Labour Day make-up day'],
    ['2025-05-05', false, 'Mon, Labour Day'],
    ['2025-05-06', true, 'Tue, ordinary'],
    ['2025-06-02', false, 'Mon, Dragon Boat'],
    ['2025-09-28', true, 'Sun, National Day make-up day'],
    ['2025-10-08', false, 'Wed, National Day / Mid-Autumn (last day)'],
    ['2025-10-09', true, 'Thu, first day back'],
    ['2025-10-11', true, 'Sat, National Day make-up day'],
    ['2025-10-12', false, 'Sun, weekly rest'],
    ['2025-12-31', true, 'Wed, ordinary'],
    ['2026-01-02', false, 'Fri, New Year holiday'],
    ['2026-01-04', true, 'Sun, New Year make-up day'],
    ['2026-02-14', true, 'Sat, Spring Festival make-up day'],
    ['2026-02-16', false, 'Mon, Spring Festival'],
    ['2026-02-23', false, 'Mon, Spring Festival (last day)'],
    ['2026-02-24', true, 'Tue, first day back'],
    ['2026-02-28', true, 'Sat, Spring Festival make-up day'],
    ['2026-04-06', false, 'Mon, Qingming'],
    ['2026-05-09', true, 'Sat, Labour Day make-up day'],
    ['2026-06-19', false, 'Fri, Dragon Boat'],
    ['2026-09-20', true, 'Sun, National Day make-up day'],
    ['2026-09-25', false, 'Fri, Mid-Autumn'],
    ['2026-10-07', false, 'Wed, National Day (last day)'],
    ['2026-10-10', true, 'Sat, National Day make-up day'],
    ['2026-10-11', false, 'Sun, weekly rest'],
    ['2027-01-01', true, 'Fri, beyond the data: weekly rule only'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cn.isWorkingDay(date)).toBe(expected);
  });

  it('reads an instant as its Shanghai date', () => {
    // 2025-01-25T23:30Z is Sun 26 Jan 07:30 in Shanghai: a make-up working day, though UTC says Saturday.
    expect(cn.isWorkingDay(new Date('2025-01-25T23:30:00Z'))).toBe(true);
    // 2025-01-25T15:59:59.999Z is still Sat 25 Jan 23:59:59.999 in Shanghai.
    expect(cn.isWorkingDay(new Date('2025-01-25T15:59:59.999Z'))).toBe(false);
  });

  it('names holidays and make-up days', () => {
    expect(cn.holidayName('2025-01-29')).toBe('Spring Festival (春节)');
    expect(cn.holidayName('2025-10-06')).toBe('National Day and Mid-Autumn Festival (国庆节、中秋节)');
    expect(cn.holidayName('2025-03-03')).toBeUndefined();
    expect(cn.isMakeUpWorkingDay('2026-09-20')).toBe(true);
    expect(cn.isMakeUpWorkingDay('2026-09-19')).toBe(false);
  });

  it('refuses a string that is not a civil date', () => {
    expect(() => cn.isWorkingDay('2025-02-30')).toThrow(/not a valid date/);
    expect(() => cn.isWorkingDay('2025-03-03T10:00:00Z')).toThrow(/not a valid date/);
    expect(() => cn.isWorkingDay(new Date('nonsense'))).toThrow(/not a valid Date/);
  });
});

describe('addWorkingDays: end of the n-th working day after the start date', () => {
  it.each([
    // from (Shanghai wall time), n, deadline date — working
    ['2025-03-03T10:00', 3, '2025-03-06', 'Mon: Tue(1) Wed(2) Thu(3)'],
    ['2025-03-03T10:00', 7, '2025-03-12', 'Mon: Tue(1)…Fri(4), Mon(5) Tue(6) Wed(7)'],
    ['2025-03-06T10:00', 3, '2025-03-11', 'Thu: Fri(1), weekend, Mon(2) Tue(3)'],
    ['2025-03-07T17:30', 1, '2025-03-10', 'Fri: weekend, Mon(1)'],
    ['2025-03-08T10:00', 1, '2025-03-10', 'from Sat: Mon is day 1'],
    ['2025-03-08T10:00', 3, '2025-03-12', 'from Sat: Mon(1) Tue(2) Wed(3)'],
    ['2025-03-09T23:59', 1, '2025-03-10', 'from Sun: Mon is day 1'],
    ['2025-03-03T00:00', 3, '2025-03-06', 'time of day does not matter (midnight)'],
    ['2025-03-03T23:59', 3, '2025-03-06', 'time of day does not matter (23:59)'],
    // Spring Festival 2025: holiday Jan 28 – Feb 4, make-up Sun Jan 26 and Sat Feb 8
    [
      '2025-01-24T10:00',
      3,
      '2025-02-05',
      'Fri: Sat rest, Sun 26 make-up(1), Mon 27(2), holiday, Wed Feb 5(3)',
    ],
    ['2025-01-25T10:00', 1, '2025-01-26', 'Sat: the make-up Sunday is day 1'],
    ['2025-01-27T10:00', 3, '2025-02-07', 'Mon: holiday, Feb 5(1) 6(2) 7(3)'],
    ['2025-01-27T10:00', 4, '2025-02-08', 'Mon: … Feb 7(3), make-up Sat Feb 8(4)'],
    [
      '2025-01-27T10:00',
      7,
      '2025-02-12',
      'Mon: Feb 5(1) 6(2) 7(3) Sat 8(4), Sun rest, Mon 10(5) 11(6) 12(7)',
    ],
    // counting from a holiday
    ['2025-01-30T10:00', 1, '2025-02-05', 'from a Spring Festival day: first day back is day 1'],
    ['2025-01-30T10:00', 3, '2025-02-07', 'from a Spring Festival day: Feb 5(1) 6(2) 7(3)'],
    ['2025-10-01T09:00', 3, '2025-10-11', 'from National Day: Oct 9(1) 10(2), make-up Sat 11(3)'],
    // National Day + Mid-Autumn 2025: holiday Oct 1–8, make-up Sun Sep 28 and Sat Oct 11
    ['2025-09-26T10:00', 3, '2025-09-30', 'Fri: Sat rest, Sun 28 make-up(1), Mon 29(2), Tue 30(3)'],
    [
      '2025-09-26T10:00',
      7,
      '2025-10-13',
      'Fri: 28(1) 29(2) 30(3), holiday, Oct 9(4) 10(5) Sat 11(6), Sun rest, Mon 13(7)',
    ],
    // Labour Day 2025: holiday May 1–5, make-up Sun Apr 27
    ['2025-04-25T10:00', 3, '2025-04-29', 'Fri: Sat rest, Sun 27 make-up(1), Mon 28(2), Tue 29(3)'],
    ['2025-04-29T10:00', 3, '2025-05-07', 'Tue: Wed 30(1), holiday May 1–5, Tue 6(2), Wed 7(3)'],
    // Qingming and Dragon Boat 2025
    ['2025-04-03T10:00', 1, '2025-04-07', 'Thu: Fri 4 – Sun 6 Qingming, Mon 7(1)'],
    ['2025-05-30T10:00', 1, '2025-06-03', 'Fri: May 31 – Jun 2 Dragon Boat, Tue Jun 3(1)'],
    // year boundaries
    ['2024-12-31T10:00', 1, '2025-01-02', 'Tue: Jan 1 holiday, Thu Jan 2(1)'],
    ['2025-12-31T10:00', 1, '2026-01-04', 'Wed: Jan 1–3 holiday, make-up Sun Jan 4(1)'],
    ['2025-12-31T10:00', 3, '2026-01-06', 'Wed: Sun Jan 4(1), Mon 5(2), Tue 6(3)'],
    [
      '2025-12-26T10:00',
      7,
      '2026-01-07',
      'Fri: Mon 29(1) Tue 30(2) Wed 31(3), Sun Jan 4(4), Mon 5(5) Tue 6(6) Wed 7(7)',
    ],
    // Spring Festival 2026: holiday Feb 15–23, make-up Sat Feb 14 and Sat Feb 28
    ['2026-02-13T10:00', 1, '2026-02-14', 'Fri: make-up Sat 14(1)'],
    ['2026-02-13T10:00', 3, '2026-02-25', 'Fri: Sat 14(1), holiday, Tue 24(2), Wed 25(3)'],
    [
      '2026-02-13T10:00',
      7,
      '2026-03-02',
      'Fri: 14(1) 24(2) 25(3) 26(4) 27(5) Sat 28(6), Sun rest, Mon Mar 2(7)',
    ],
    // Mid-Autumn + National Day 2026: Sep 25–27, Oct 1–7, make-up Sun Sep 20 and Sat Oct 10
    [
      '2026-09-18T10:00',
      7,
      '2026-09-29',
      'Fri: Sun 20(1) 21(2) 22(3) 23(4) 24(5), Sep 25–27, Mon 28(6) Tue 29(7)',
    ],
    ['2026-09-18T10:00', 10, '2026-10-09', '… Tue 29(7) Wed 30(8), Oct 1–7, Thu 8(9) Fri 9(10)'],
    ['2026-09-18T10:00', 11, '2026-10-10', '… Fri 9(10), make-up Sat 10(11)'],
    // Labour Day and Dragon Boat 2026
    ['2026-04-30T10:00', 3, '2026-05-08', 'Thu: May 1–5, Wed 6(1) Thu 7(2) Fri 8(3)'],
    ['2026-04-30T10:00', 4, '2026-05-09', '… Fri 8(3), make-up Sat 9(4)'],
    ['2026-06-18T10:00', 1, '2026-06-22', 'Thu: Jun 19–21 Dragon Boat, Mon 22(1)'],
  ])('from %s + %i working days → end of %s (%s)', (from, n, deadline) => {
    expect(cn.addWorkingDays(sh(from), n)).toEqual(endOfShanghaiDay(deadline));
  });

  it('gives the last millisecond of the local day as the deadline instant', () => {
    // Thu 2025-03-06 23:59:59.999 in Shanghai (UTC+8) is 15:59:59.999 UTC.
    expect(cn.addWorkingDays(sh('2025-03-03T10:00'), 3).toISOString()).toBe('2025-03-06T15:59:59.999Z');
  });

  it.each([
    // an instant whose UTC date and Shanghai date differ
    ['2025-03-06T23:30:00Z', 1, '2025-03-10', 'Fri 07:30 in Shanghai (Thu in UTC): Mon(1)'],
    ['2025-01-25T23:30:00Z', 1, '2025-01-27', 'Sun 26 Jan 07:30 in Shanghai (Sat in UTC): Mon 27(1)'],
    ['2026-01-03T16:00:00Z', 1, '2026-01-05', 'Sun 4 Jan 00:00 in Shanghai: Mon 5(1)'],
    ['2026-01-03T15:59:59.999Z', 1, '2026-01-04', 'Sat 3 Jan 23:59:59.999 in Shanghai: make-up Sun 4(1)'],
  ])('reads the start %s in Shanghai time: +%i → %s (%s)', (from, n, deadline) => {
    expect(cn.addWorkingDays(new Date(from), n)).toEqual(endOfShanghaiDay(deadline));
  });

  it.each([
    ['2025-03-03T10:00', '2025-03-03', 'a working Monday: that same day'],
    ['2025-03-08T10:00', '2025-03-10', 'a Saturday: the next working day'],
    ['2025-01-26T10:00', '2025-01-26', 'a make-up Sunday: that same day'],
    ['2025-01-28T10:00', '2025-02-05', 'a holiday: the first day back'],
  ])('n = 0 from %s → end of %s (%s)', (from, deadline) => {
    expect(cn.addWorkingDays(sh(from), 0)).toEqual(endOfShanghaiDay(deadline));
  });

  it('accepts a civil date as the start', () => {
    expect(cn.addWorkingDays('2025-01-24', 3)).toEqual(endOfShanghaiDay('2025-02-05'));
  });

  it.each([-1, 1.5, NaN, Infinity, 10_001])('refuses %p working days', (n) => {
    expect(() => cn.addWorkingDays(sh('2025-03-03T10:00'), n)).toThrow(RangeError);
  });
});

describe("workingDaysBetween: working days after a's date up to and including b's date", () => {
  it.each([
    ['2025-03-03', '2025-03-06', 3, 'Mon → Thu: Tue Wed Thu'],
    ['2025-03-03', '2025-03-03', 0, 'same day'],
    ['2025-03-06', '2025-03-03', -3, 'backwards'],
    ['2025-03-07', '2025-03-09', 0, 'Fri → Sun: only the weekend'],
    ['2025-01-24', '2025-02-05', 3, 'Sun 26 (make-up), Mon 27, Wed Feb 5'],
    ['2025-09-30', '2025-10-13', 4, 'Oct 9, 10, Sat 11 (make-up), 13'],
    ['2025-12-31', '2026-01-07', 4, 'Sun Jan 4 (make-up), 5, 6, 7'],
    // 2025: 261 weekdays − 18 weekday holidays (1+6+1+3+1+6) + 5 make-up days
    ['2024-12-31', '2025-12-31', 248, 'all of 2025'],
    // 2026: 261 weekdays − 19 weekday holidays (2+6+1+3+1+1+5) + 6 make-up days
    ['2025-12-31', '2026-12-31', 248, 'all of 2026'],
  ])('%s → %s: %i (%s)', (a, b, expected) => {
    expect(cn.workingDaysBetween(a, b)).toBe(expected);
  });

  it('reads instants in Shanghai time', () => {
    // Sat 8 Mar 07:30 → Tue 11 Mar 07:30 in Shanghai: Mon, Tue = 2 (the UTC dates Fri → Mon would give 1).
    expect(cn.workingDaysBetween(new Date('2025-03-07T23:30:00Z'), new Date('2025-03-10T23:30:00Z'))).toBe(2);
  });

  it('inverts addWorkingDays for n ≥ 1', () => {
    const starts = [
      '2025-01-20T09:00',
      '2025-01-25T09:00',
      '2025-09-26T18:00',
      '2025-12-30T09:00',
      '2026-02-13T09:00',
      '2026-09-19T09:00',
    ];
    for (const start of starts) {
      for (let n = 1; n <= 15; n++) {
        expect(cn.workingDaysBetween(sh(start), cn.addWorkingDays(sh(start), n))).toBe(n);
      }
    }
  });
});

describe('coverage of the data', () => {
  it.each([
    ['2024-12-31', false],
    ['2025-01-01', true],
    ['2026-12-31', true],
    ['2027-01-01', false],
  ])('%s covered: %s', (date, covered) => {
    expect(cn.covers(date)).toBe(covered);
  });

  it('declares its coverage', () => {
    expect(cn.coverage).toEqual({ from: '2025-01-01', to: '2026-12-31' });
  });
});
