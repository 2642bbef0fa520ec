/**
 * The only way domain code may learn the current time. Inject a `Clock` (Nest token `CLOCK`)
 * instead of calling `new Date()` / `Date.now()`, so deadlines and statuses are testable.
 */
export interface Clock {
  /** The current instant. A fresh `Date` each call: callers may not mutate the clock through it. */
  now(): Date;
}

/** Nest injection token for a `Clock` provider. */
export const CLOCK = Symbol('CLOCK');

/** The real wall clock, for production wiring only. */
export const systemClock: Clock = {
  now: () => new Date(),
};

export type InstantInput = Date | string | number;

export interface DurationParts {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  ms?: number;
}

/** A clock for tests: stands still until told to move. It never reads the wall clock. */
export class FixedClock implements Clock {
  private current: number;

  constructor(initial: InstantInput) {
    this.current = toEpochMs(initial, 'FixedClock initial instant');
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Jump to an instant (backwards too). */
  set(instant: InstantInput): void {
    this.current = toEpochMs(instant, 'FixedClock.set');
  }

  /** Move forward (or back, with negative amounts) by milliseconds or by parts; returns the new now. */
  advance(by: number | DurationParts): Date {
    const ms = typeof by === 'number' ? by : durationMs(by);
    if (!Number.isFinite(ms))
      throw new RangeError(`FixedClock.advance: not a finite duration: ${JSON.stringify(by)}`);
    this.current += ms;
    return this.now();
  }
}

function durationMs({ days = 0, hours = 0, minutes = 0, seconds = 0, ms = 0 }: DurationParts): number {
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

function toEpochMs(input: InstantInput, what: string): number {
  // A string without an explicit offset would be read in the process's own zone: refuse it.
  if (typeof input === 'string' && !/T.*(Z|[+-]\d{2}:?\d{2})$/i.test(input)) {
    throw new RangeError(
      `${what}: give an ISO instant with an offset (…Z or …+08:00), not ${JSON.stringify(input)}`,
    );
  }
  const ms = input instanceof Date ? input.getTime() : typeof input === 'number' ? input : Date.parse(input);
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: not a valid instant: ${String(input)}`);
  return ms;
}
