import { CLOCK, FixedClock, systemClock } from '../src';

describe('FixedClock', () => {
  it('stands still until moved', () => {
    const clock = new FixedClock('2025-03-03T10:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2025-03-03T02:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-03-03T02:00:00.000Z');
  });

  it('accepts a Date, an epoch millisecond count or an ISO instant with an offset', () => {
    expect(new FixedClock(new Date('2025-01-01T00:00:00Z')).now().getTime()).toBe(Date.UTC(2025, 0, 1));
    expect(new FixedClock(Date.UTC(2025, 0, 1)).now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(new FixedClock('2025-01-01T08:00:00+08:00').now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('hands out copies, so a caller cannot move it by mutating a Date', () => {
    const clock = new FixedClock('2025-03-03T02:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2025-03-03T02:00:00.000Z');
  });

  it('is set and advanced', () => {
    const clock = new FixedClock('2025-03-03T02:00:00Z');
    clock.set('2025-12-31T15:30:00Z');
    expect(clock.now().toISOString()).toBe('2025-12-31T15:30:00.000Z');
    expect(clock.advance({ minutes: 30 }).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(clock.advance({ days: 1, hours: 2, seconds: 3, ms: 4 }).toISOString()).toBe(
      '2026-01-01T18:00:03.004Z',
    );
    expect(clock.advance(-4).toISOString()).toBe('2026-01-01T18:00:03.000Z');
    expect(clock.advance({ hours: -18 }).toISOString()).toBe('2026-01-01T00:00:03.000Z');
  });

  it.each(['2025-03-03T10:00:00', '2025-03-03', 'tomorrow', ''])(
    'refuses the ambiguous or invalid instant %p',
    (text) => {
      expect(() => new FixedClock(text)).toThrow(RangeError);
    },
  );

  it('refuses invalid moves', () => {
    const clock = new FixedClock('2025-03-03T02:00:00Z');
    expect(() => clock.advance(NaN)).toThrow(RangeError);
    expect(() => clock.advance({ hours: Infinity })).toThrow(RangeError);
    expect(() => clock.set(new Date('x'))).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2025-03-03T02:00:00.000Z');
  });
});

describe('systemClock', () => {
  it('reads the wall clock (production wiring only)', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('has a Nest injection token', () => {
    expect(typeof CLOCK).toBe('symbol');
  });
});
