import { calendarFromData } from '../src';
import { cn } from './shanghai-time';

// Worked by hand: Shanghai is UTC+8 all year (no DST since 1991).

describe('time zone handling', () => {
  it.each([
    ['2025-03-06T15:59:59.999Z', '2025-03-06'],
    ['2025-03-06T16:00:00.000Z', '2025-03-07'],
    ['2025-03-06T23:30:00.000Z', '2025-03-07'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
  ])('%s is %s in Shanghai', (instant, date) => {
    expect(cn.localDate(new Date(instant))).toBe(date);
  });

  it('starts and ends a Shanghai day at local midnight', () => {
    expect(cn.startOfLocalDay('2025-03-06').toISOString()).toBe('2025-03-05T16:00:00.000Z');
    expect(cn.endOfLocalDay('2025-03-06').toISOString()).toBe('2025-03-06T15:59:59.999Z');
    expect(cn.endOfLocalDay(new Date('2025-03-06T23:30:00Z')).toISOString()).toBe('2025-03-07T15:59:59.999Z');
  });

  it('gives the same instant a different date, and a different answer, in another zone', () => {
    const sameDataInUtc = calendarFromData({
      timeZone: 'UTC',
      weeklyRestDays: [6, 0],
      makeUpWorkingDays: ['2025-01-26'],
    });
    const instant = new Date('2025-01-25T23:30:00Z'); // Sat in UTC, Sun 26 (a make-up day) in Shanghai
    expect(sameDataInUtc.localDate(instant)).toBe('2025-01-25');
    expect(sameDataInUtc.isWorkingDay(instant)).toBe(false);
    expect(cn.isWorkingDay(instant)).toBe(true);
    expect(sameDataInUtc.addWorkingDays(instant, 1).toISOString()).toBe('2025-01-26T23:59:59.999Z');
    expect(cn.addWorkingDays(instant, 1).toISOString()).toBe('2025-01-27T15:59:59.999Z');
  });

  it('reads a west-of-UTC zone too', () => {
    const newYork = calendarFromData({ timeZone: 'America/New_York', weeklyRestDays: [6, 0] });
    expect(newYork.localDate(new Date('2025-03-07T03:30:00Z'))).toBe('2025-03-06'); // 22:30 EST, Thursday
    expect(newYork.addWorkingDays(new Date('2025-03-07T03:30:00Z'), 1).toISOString()).toBe(
      '2025-03-08T04:59:59.999Z',
    ); // end of Fri, EST
  });

  describe('days changed by daylight saving time', () => {
    const london = calendarFromData({ timeZone: 'Europe/London', weeklyRestDays: [6, 0] });
    const santiago = calendarFromData({ timeZone: 'America/Santiago', weeklyRestDays: [6, 0] });

    it.each([
      // London: clocks go forward 30 Mar 2025 01:00 GMT → 02:00 BST, back 26 Oct 2025 02:00 BST → 01:00 GMT.
      [
        london,
        'London spring-forward day (23 h)',
        '2025-03-30',
        '2025-03-30T00:00:00.000Z',
        '2025-03-30T22:59:59.999Z',
      ],
      [
        london,
        'London fall-back day (25 h)',
        '2025-10-26',
        '2025-10-25T23:00:00.000Z',
        '2025-10-26T23:59:59.999Z',
      ],
      // Santiago: 8 Sep 2024 begins at 00:00 −04, which is already 01:00 −03 (midnight never shows).
      [
        santiago,
        'Santiago day with no midnight',
        '2024-09-08',
        '2024-09-08T04:00:00.000Z',
        '2024-09-09T02:59:59.999Z',
      ],
      // Santiago: 5 Apr 2025 ends at 24:00 −03, which turns back to 23:00 −04: 23:00–24:00 runs twice.
      [
        santiago,
        'Santiago day ending twice',
        '2025-04-05',
        '2025-04-05T03:00:00.000Z',
        '2025-04-06T03:59:59.999Z',
      ],
    ])('%#: %s', (calendar, _case, date, start, end) => {
      expect(calendar.startOfLocalDay(date).toISOString()).toBe(start);
      expect(calendar.endOfLocalDay(date).toISOString()).toBe(end);
    });
  });
});
