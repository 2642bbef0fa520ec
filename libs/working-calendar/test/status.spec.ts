import { FixedClock, HOUR_MS, status } from '../src';
import { cn, sh } from './shanghai-time';

describe('status(due, now, atRiskWithinMs)', () => {
  // Due: end of Thu 2025-03-06 in Shanghai; at risk within 24 hours.
  const due = sh('2025-03-06T23:59:59.999');
  const day = 24 * HOUR_MS;

  it.each([
    ['long before', '2025-03-03T10:00:00.000', 'on-time'],
    ['1 ms before the risk window', '2025-03-05T23:59:59.998', 'on-time'],
    ['exactly 24 h before', '2025-03-05T23:59:59.999', 'at-risk'],
    ['on the due day', '2025-03-06T12:00:00.000', 'at-risk'],
    ['at the due instant itself', '2025-03-06T23:59:59.999', 'at-risk'],
    ['1 ms after', '2025-03-07T00:00:00.000', 'overdue'],
    ['days after', '2025-03-10T09:00:00.000', 'overdue'],
  ])('%s (%s): %s', (_case, now, expected) => {
    expect(status(due, sh(now), day)).toBe(expected);
  });

  it('with no risk window, is at risk only at the due instant', () => {
    expect(status(due, new Date(due.getTime() - 1), 0)).toBe('on-time');
    expect(status(due, due, 0)).toBe('at-risk');
    expect(status(due, new Date(due.getTime() + 1), 0)).toBe('overdue');
  });

  it.each([-1, NaN, Infinity])('refuses a risk window of %p', (window) => {
    expect(() => status(due, due, window)).toThrow(RangeError);
  });

  it('refuses invalid dates', () => {
    expect(() => status(new Date('x'), due, 0)).toThrow(/due/);
    expect(() => status(due, new Date('x'), 0)).toThrow(/now/);
  });

  it('follows an injected clock through a complaint investigation', () => {
    // Accepted Fri 2025-01-24 10:00; 3 working days: Sun 26 (make-up)(1), Mon 27(2), Wed Feb 5(3).
    const clock = new FixedClock(sh('2025-01-24T10:00'));
    const investigationDue = cn.dueAt(clock.now(), { kind: 'working-days', count: 3 });
    expect(investigationDue).toEqual(sh('2025-02-05T23:59:59.999'));
    expect(status(investigationDue, clock.now(), day)).toBe('on-time');
    clock.set(sh('2025-02-05T09:00'));
    expect(status(investigationDue, clock.now(), day)).toBe('at-risk');
    clock.advance({ hours: 15 }); // Thu 6 Feb 00:00
    expect(status(investigationDue, clock.now(), day)).toBe('overdue');
  });
});
