import { Pause, TimeLimit } from '../src';
import { cn, endOfShanghaiDay, sh } from './shanghai-time';

// Expectations worked out by hand from data/cn-mainland.json. For working-day limits a pause from
// p to q stops the count for the working days from p's date up to, not including, q's date.

const pause = (from: string, to: string): Pause => ({ from: sh(from), to: sh(to) });
const workingDays = (count: number): TimeLimit => ({ kind: 'working-days', count });
const hours = (count: number): TimeLimit => ({ kind: 'hours', count });

describe('dueAt with a working-days limit', () => {
  it('equals addWorkingDays without pauses', () => {
    expect(cn.dueAt(sh('2025-03-03T10:00'), workingDays(3))).toEqual(
      cn.addWorkingDays(sh('2025-03-03T10:00'), 3),
    );
    expect(cn.dueAt(sh('2025-01-24T10:00'), workingDays(7))).toEqual(endOfShanghaiDay('2025-02-10'));
  });

  // Start Mon 2025-03-03 10:00, 3 working days: without pauses Tue(1) Wed(2) Thu(3) → Thu 6 Mar.
  it.each<[string, Pause[], string]>([
    ['no pause', [], '2025-03-06'],
    [
      'a pause within one day (Tue 10:00–16:00) changes nothing',
      [pause('2025-03-04T10:00', '2025-03-04T16:00')],
      '2025-03-06',
    ],
    ['an empty pause changes nothing', [pause('2025-03-04T10:00', '2025-03-04T10:00')], '2025-03-06'],
    [
      'Tue 10:00 → Wed 09:00 stops Tue: Wed(1) Thu(2) Fri(3)',
      [pause('2025-03-04T10:00', '2025-03-05T09:00')],
      '2025-03-07',
    ],
    [
      'Tue 10:00 → Thu 15:00 stops Tue, Wed: Thu(1) Fri(2) Mon(3)',
      [pause('2025-03-04T10:00', '2025-03-06T15:00')],
      '2025-03-10',
    ],
    [
      'a pause ending at Thu 00:00 stops Tue, Wed (same as above)',
      [pause('2025-03-04T10:00', '2025-03-06T00:00')],
      '2025-03-10',
    ],
    [
      'a pause ending at Wed 23:59:59.999 stops only Tue: the clock runs at the end of Wed',
      [pause('2025-03-04T10:00', '2025-03-05T23:59:59.999')],
      '2025-03-07',
    ],
    [
      'a pause beginning at Wed 23:59:59.999 stops Wed',
      [pause('2025-03-05T23:59:59.999', '2025-03-06T08:00')],
      '2025-03-07',
    ],
    [
      'a pause beginning at Thu 00:00 on the due day stops Thu',
      [pause('2025-03-06T00:00', '2025-03-07T08:00')],
      '2025-03-07',
    ],
    [
      'a pause beginning after the deadline (Fri) changes nothing',
      [pause('2025-03-07T10:00', '2025-03-10T10:00')],
      '2025-03-06',
    ],
    [
      'a pause beginning on the due day (Thu 10:00 → Fri 09:00) stops Thu: Fri(3)',
      [pause('2025-03-06T10:00', '2025-03-07T09:00')],
      '2025-03-07',
    ],
    [
      'a pause begun before the start (Sun 12:00 → Wed 12:00) stops Tue: Wed(1) Thu(2) Fri(3)',
      [pause('2025-03-02T12:00', '2025-03-05T12:00')],
      '2025-03-07',
    ],
    [
      'a pause entirely before the start changes nothing',
      [pause('2025-02-26T12:00', '2025-02-28T12:00')],
      '2025-03-06',
    ],
    [
      'two separate pauses: Tue (Tue→Wed) and Fri (Fri→Mon): Wed(1) Thu(2) Mon(3)',
      [pause('2025-03-04T09:00', '2025-03-05T09:00'), pause('2025-03-07T09:00', '2025-03-10T09:00')],
      '2025-03-10',
    ],
    [
      'overlapping pauses given out of order stop Tue and Wed: Thu(1) Fri(2) Mon(3)',
      [pause('2025-03-05T09:00', '2025-03-06T09:00'), pause('2025-03-04T09:00', '2025-03-05T18:00')],
      '2025-03-10',
    ],
  ])('%s', (_case, pauses, deadline) => {
    expect(cn.dueAt(sh('2025-03-03T10:00'), workingDays(3), pauses)).toEqual(endOfShanghaiDay(deadline));
  });

  it('does not lose holidays inside a pause: only working days stop', () => {
    // Start Fri 2025-01-24, 7 working days. Without a pause: Sun 26(1) Mon 27(2), Spring Festival,
    // Feb 5(3) 6(4) 7(5) Sat 8(6), Sun rest, Mon 10(7).
    // Paused Mon 27 Jan 14:00 → Thu 6 Feb 11:00: stops Jan 27 and Feb 5 (the holidays did not count anyway).
    // So: Sun 26(1), Feb 6(2) 7(3) Sat 8(4), Mon 10(5) 11(6) 12(7).
    expect(
      cn.dueAt(sh('2025-01-24T10:00'), workingDays(7), [pause('2025-01-27T14:00', '2025-02-06T11:00')]),
    ).toEqual(endOfShanghaiDay('2025-02-12'));
  });

  it('counts a make-up day on which the case resumes', () => {
    // Start Thu 2025-09-25, 3 working days. Without a pause: Fri 26(1), Sun 28 make-up(2), Mon 29(3).
    // Paused Fri 26 Sep 10:00 → Sat 11 Oct 08:00: stops Sep 26, 28, 29, 30, Oct 9, 10.
    // Resumed on the make-up Saturday: Oct 11(1), Mon 13(2), Tue 14(3).
    expect(
      cn.dueAt(sh('2025-09-25T09:00'), workingDays(3), [pause('2025-09-26T10:00', '2025-10-11T08:00')]),
    ).toEqual(endOfShanghaiDay('2025-10-14'));
  });

  it('spans a year boundary inside a pause', () => {
    // Start Mon 2025-12-29, 3 working days. Paused Tue 30 Dec 16:00 → Mon 5 Jan 2026 10:00:
    // stops Dec 30, 31 and the make-up Sun Jan 4 (Jan 1–3 are holidays). Mon 5(1) Tue 6(2) Wed 7(3).
    expect(
      cn.dueAt(sh('2025-12-29T09:00'), workingDays(3), [pause('2025-12-30T16:00', '2026-01-05T10:00')]),
    ).toEqual(endOfShanghaiDay('2026-01-07'));
  });

  it('reads pause instants in Shanghai time', () => {
    // 2025-03-04T02:00Z = Tue 10:00, 2025-03-05T17:00Z = Thu 01:00 in Shanghai: stops Tue, Wed → Mon 10 Mar.
    // (Read as UTC dates, Tue → Wed, it would stop only Tue and give Fri.)
    const utcPause = { from: new Date('2025-03-04T02:00:00Z'), to: new Date('2025-03-05T17:00:00Z') };
    expect(cn.dueAt(sh('2025-03-03T10:00'), workingDays(3), [utcPause])).toEqual(
      endOfShanghaiDay('2025-03-10'),
    );
  });

  it('with 0 working days, a pause over the start day moves the due day to the day of resumption', () => {
    // Start Mon 10:00, paused Mon 11:00 → Wed 09:00: Mon and Tue stop; Wed is the first counted day.
    expect(
      cn.dueAt(sh('2025-03-03T10:00'), workingDays(0), [pause('2025-03-03T11:00', '2025-03-05T09:00')]),
    ).toEqual(endOfShanghaiDay('2025-03-05'));
  });
});

describe('dueAt with an hours limit (the 24-hour initial review)', () => {
  it.each<[string, string, number, Pause[], string]>([
    ['weekdays', '2025-03-03T10:00', 24, [], '2025-03-04T10:00'],
    ['over a weekend: elapsed time, not working time', '2025-03-07T18:00', 24, [], '2025-03-08T18:00'],
    ['into a public holiday', '2025-01-27T20:00', 24, [], '2025-01-28T20:00'],
    ['over the year end', '2025-12-31T23:30', 24, [], '2026-01-01T23:30'],
    ['fractions of an hour', '2025-03-03T10:00', 1.5, [], '2025-03-03T11:30'],
    [
      'a 3-hour pause adds 3 hours',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-03T12:00', '2025-03-03T15:00')],
      '2025-03-04T13:00',
    ],
    [
      'a pause covering the start counts from its end',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-03T09:00', '2025-03-03T11:00')],
      '2025-03-04T11:00',
    ],
    [
      'a pause entirely before the start changes nothing',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-02T09:00', '2025-03-02T11:00')],
      '2025-03-04T10:00',
    ],
    [
      'a pause beginning at the due instant changes nothing',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-04T10:00', '2025-03-04T12:00')],
      '2025-03-04T10:00',
    ],
    [
      'a pause beginning after the due instant changes nothing',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-04T11:00', '2025-03-04T12:00')],
      '2025-03-04T10:00',
    ],
    [
      'overlapping pauses count their union once (12:00–16:00 = 4 h)',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-03T14:00', '2025-03-03T16:00'), pause('2025-03-03T12:00', '2025-03-03T15:00')],
      '2025-03-04T14:00',
    ],
    [
      'two pauses of 1 h and 2 h',
      '2025-03-03T10:00',
      24,
      [pause('2025-03-03T11:00', '2025-03-03T12:00'), pause('2025-03-03T20:00', '2025-03-03T22:00')],
      '2025-03-04T13:00',
    ],
    [
      'a pause over the Spring Festival weekend: 2 h before it, 22 h after it',
      '2025-01-24T10:00',
      24,
      [pause('2025-01-24T12:00', '2025-01-27T09:00')],
      '2025-01-28T07:00',
    ],
  ])('%s: %s + %d h → %s', (_case, start, count, pauses, due) => {
    expect(cn.dueAt(sh(start), hours(count), pauses)).toEqual(sh(due));
  });

  it('addHours is plain elapsed time', () => {
    expect(cn.addHours(sh('2025-01-31T09:00'), 24)).toEqual(sh('2025-02-01T09:00'));
    expect(cn.addHours(sh('2025-01-31T09:00'), 0.25)).toEqual(sh('2025-01-31T09:15'));
    expect(() => cn.addHours(sh('2025-01-31T09:00'), NaN)).toThrow(RangeError);
  });
});

describe('dueAt refuses bad input', () => {
  it.each<[string, () => unknown, RegExp]>([
    [
      'a pause that ends before it begins',
      () => cn.dueAt(sh('2025-03-03T10:00'), workingDays(3), [pause('2025-03-05T10:00', '2025-03-04T10:00')]),
      /pauses\[0\]: ends/,
    ],
    [
      'an invalid pause date',
      () =>
        cn.dueAt(sh('2025-03-03T10:00'), workingDays(3), [
          { from: new Date('x'), to: sh('2025-03-04T10:00') },
        ]),
      /pauses\[0\]\.from/,
    ],
    ['an invalid start', () => cn.dueAt(new Date('x'), workingDays(3)), /start/],
    ['negative hours', () => cn.dueAt(sh('2025-03-03T10:00'), hours(-1)), /hours/],
    ['fractional working days', () => cn.dueAt(sh('2025-03-03T10:00'), workingDays(2.5)), /working days/],
    [
      'an unknown kind of limit',
      () => cn.dueAt(sh('2025-03-03T10:00'), { kind: 'weeks', count: 1 } as unknown as TimeLimit),
      /unknown time limit kind/,
    ],
  ])('%s', (_case, call, message) => {
    expect(call).toThrow(message);
  });
});
