import { DomainEvent } from '../src/decider/domain-event';
import { Decider, stateFrom } from '../src/decider/decider';
import { DomainRuleViolation } from '../src/domain-rule-violation';

/** An expected event: its type and data, and its version, time or personal data when they matter. */
export type ExpectedEvent<Event extends DomainEvent> = Pick<Event, 'type' | 'data'> & Partial<Event>;

type Outcome<Event> = { readonly events: readonly Event[] } | { readonly error: unknown };

/**
 * Given/when/then specs for a decider: given a history, when a decision is taken on the state it
 * folds to, then these events (or this refusal). Runs under jest.
 *
 *   spec.given([opened, accepted]).when((s) => decideX(s, command)).then([{ type: 'XDone', data }]);
 */
export function deciderSpec<State, Event extends DomainEvent>(decider: Decider<State, Event>) {
  return {
    given(history: readonly Event[]) {
      const state = stateFrom(decider, history);
      return {
        when(decide: (state: State) => readonly Event[]) {
          return outcomeChecks(decider, state, run(decide, state));
        },
        /** The state the history folds to, for assertions on `evolve` alone. */
        state,
      };
    },
  };
}

function run<State, Event>(decide: (state: State) => readonly Event[], state: State): Outcome<Event> {
  try {
    return { events: decide(state) };
  } catch (error) {
    return { error };
  }
}

function outcomeChecks<State, Event extends DomainEvent>(
  decider: Decider<State, Event>,
  before: State,
  outcome: Outcome<Event>,
) {
  const events = (): readonly Event[] => {
    if ('error' in outcome)
      throw new Error(`Expected events, but the decision was refused: ${describe(outcome.error)}`);
    return outcome.events;
  };
  return {
    /** Exactly these events, in this order (fields not named in an expected event are not compared). */
    then(expected: readonly ExpectedEvent<Event>[]): void {
      expect(events()).toEqual(expected.map((e) => expect.objectContaining(e)));
    },
    /** Custom assertions on the events and the state they lead to. */
    thenEvents(check: (events: readonly Event[], after: State) => void): void {
      const decided = events();
      check(decided, stateFrom(decider, decided, before));
    },
    /** The decision records nothing (e.g. a repeated delivery). */
    thenNothingHappens(): void {
      expect(events()).toEqual([]);
    },
    /** Refused by a business rule with this code (and these details, when given). */
    thenRefuses(code: string, details?: Record<string, unknown>): void {
      if (!('error' in outcome))
        throw new Error(`Expected refusal ${code}, but it decided ${types(outcome.events)}`);
      if (!(outcome.error instanceof DomainRuleViolation)) throw outcome.error;
      expect(outcome.error.code).toBe(code);
      if (details) expect(outcome.error.details).toMatchObject(details);
    },
  };
}

function types(events: readonly DomainEvent[]): string {
  return events.length ? events.map((e) => e.type).join(', ') : 'no event';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
