import { DomainEvent } from './domain-event';

/**
 * The events of one stream as a tagged union, from a catalogue that maps each event type to its
 * data: `switch (event.type)` narrows `event.data`, and a `never` default makes a missing case a
 * compile error.
 */
export type EventUnion<Catalogue> = {
  [T in keyof Catalogue & string]: DomainEvent<Catalogue[T]> & { readonly type: T };
}[keyof Catalogue & string];

/**
 * What a stream's history means: `evolve` folds one event into the state, from `initialState`.
 * Both are pure. The decisions themselves are plain functions `(state, command, ...) => events`,
 * one module per step of the business process, that throw a DomainRuleViolation to refuse.
 */
export interface Decider<State, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
}

/** The state after a history, e.g. the state before a command or as of a past instant. */
export function stateFrom<State, Event extends DomainEvent>(
  decider: Decider<State, Event>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State {
  return events.reduce(decider.evolve, from);
}

/**
 * The `default` of an exhaustive `evolve`: it accepts only `never`, so an event type without its
 * own case fails `tsc`. At run time (an event type stored by a newer version) it refuses loudly.
 */
export function unknownEvent(event: never): never {
  throw new Error(`No evolve case for event ${(event as DomainEvent).type}`);
}
