import { deciderSpec } from '../testing';
import {
  Decider,
  DeciderRepository,
  DomainRuleViolation,
  EmbeddedEventStore,
  EventUnion,
  eventRecorder,
  WrongExpectedRevisionError,
  stateFrom,
  unknownEvent,
} from '../src';

/** A tiny process to test the decider kit with: a ticket is opened, then closed once. */
interface TicketEvents {
  TicketOpened: { ticketId: string; title: string };
  TicketClosed: { ticketId: string; resolution: string };
}
type TicketEvent = EventUnion<TicketEvents>;
type Ticket =
  | { status: 'none' }
  | { status: 'open'; ticketId: string; title: string }
  | { status: 'closed'; ticketId: string };

const ticket: Decider<Ticket, TicketEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'TicketOpened':
        return { status: 'open', ...event.data };
      case 'TicketClosed':
        return { status: 'closed', ticketId: event.data.ticketId };
      default:
        return unknownEvent(event);
    }
  },
};

function close(state: Ticket, resolution: string): TicketEvent[] {
  if (state.status === 'closed') return [];
  if (state.status !== 'open')
    throw new DomainRuleViolation('ticket-not-open', 'Open the ticket first', { status: state.status });
  return [{ type: 'TicketClosed', schemaVersion: 1, data: { ticketId: state.ticketId, resolution } }];
}

const opened: TicketEvent = {
  type: 'TicketOpened',
  schemaVersion: 1,
  data: { ticketId: 't-1', title: 'Printer' },
};
const spec = deciderSpec(ticket);

describe('deciders', () => {
  it('fold a history into a state', () => {
    expect(stateFrom(ticket, [opened])).toEqual({ status: 'open', ticketId: 't-1', title: 'Printer' });
    expect(spec.given([opened]).state).toEqual({ status: 'open', ticketId: 't-1', title: 'Printer' });
  });

  it('are specified by given / when / then', () => {
    spec
      .given([opened])
      .when((s) => close(s, 'fixed'))
      .then([{ type: 'TicketClosed', data: { ticketId: 't-1', resolution: 'fixed' } }]);
    spec
      .given([])
      .when((s) => close(s, 'fixed'))
      .thenRefuses('ticket-not-open', { status: 'none' });
    spec
      .given([opened, { type: 'TicketClosed', schemaVersion: 1, data: { ticketId: 't-1', resolution: 'x' } }])
      .when((s) => close(s, 'again'))
      .thenNothingHappens();
    spec
      .given([opened])
      .when((s) => close(s, 'fixed'))
      .thenEvents((_events, after) => expect(after.status).toBe('closed'));
  });

  it('specs fail when the outcome differs (the helper cannot pass vacuously)', () => {
    expect(() =>
      spec
        .given([opened])
        .when((s) => close(s, 'fixed'))
        .then([]),
    ).toThrow();
    expect(() =>
      spec
        .given([opened])
        .when((s) => close(s, 'fixed'))
        .then([{ type: 'TicketClosed', data: { ticketId: 't-1', resolution: 'other' } }]),
    ).toThrow();
    expect(() =>
      spec
        .given([opened])
        .when((s) => close(s, 'fixed'))
        .thenRefuses('ticket-not-open'),
    ).toThrow(/Expected refusal/);
    expect(() =>
      spec
        .given([])
        .when((s) => close(s, 'fixed'))
        .thenRefuses('another-code'),
    ).toThrow();
    expect(() =>
      spec
        .given([])
        .when((s) => close(s, 'fixed'))
        .then([]),
    ).toThrow(/refused/);
  });

  it('an evolve without a case for every event type does not compile', () => {
    const incomplete = (state: Ticket, event: TicketEvent): Ticket => {
      switch (event.type) {
        case 'TicketOpened':
          return { status: 'open', ...event.data };
        default:
          // @ts-expect-error -- TicketClosed has no case, so `event` is not `never` here
          return unknownEvent(event);
      }
    };
    expect(() =>
      incomplete(
        { status: 'none' },
        { type: 'TicketClosed', schemaVersion: 1, data: { ticketId: 't', resolution: 'r' } },
      ),
    ).toThrow('No evolve case for event TicketClosed');
  });
});

describe('DeciderRepository', () => {
  let store: EmbeddedEventStore;
  let tickets: DeciderRepository<Ticket, TicketEvent>;
  const context = (commandId: string) => ({
    actor: { id: 'u-1', role: 'staff' },
    correlationId: 'c-1',
    causationId: commandId,
  });

  beforeEach(async () => {
    store = new EmbeddedEventStore(null);
    tickets = new DeciderRepository({ store, streamPrefix: 'ticket', decider: ticket });
  });
  afterEach(() => store.close());

  it('appends a decision and reads the state back', async () => {
    const created = await tickets.handle('t-1', context('cmd-1'), () => [opened]);
    expect(created.revision).toBe(0);
    const closed = await tickets.handle('t-1', context('cmd-2'), (s) => close(s, 'fixed'));
    expect(closed.state).toEqual({ status: 'closed', ticketId: 't-1' });
    expect(await tickets.read('t-1')).toEqual({ state: { status: 'closed', ticketId: 't-1' }, revision: 1 });
    expect(await tickets.readAsOf('t-1', { revision: 0 })).toEqual({
      state: { status: 'open', ticketId: 't-1', title: 'Printer' },
      revision: 0,
    });
  });

  it('writes nothing for a decision without events', async () => {
    await tickets.handle('t-1', context('cmd-1'), () => [opened]);
    await tickets.handle('t-1', context('cmd-2'), (s) => close(s, 'fixed'));
    const again = await tickets.handle('t-1', context('cmd-3'), (s) => close(s, 'again'));
    expect(again.appended).toBeNull();
    expect((await tickets.history('t-1')).length).toBe(2);
  });

  it('refuses a stale expected revision instead of losing an update', async () => {
    await tickets.handle('t-1', context('cmd-1'), () => [opened]);
    await expect(
      tickets.handle('t-1', context('cmd-2'), (s) => close(s, 'fixed'), { expectedRevision: 5 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const stale = await tickets.read('t-1');
    await tickets.handle('t-1', context('cmd-3'), (s) => close(s, 'fixed'));
    await expect(
      tickets.append('t-1', close(stale.state, 'late'), stale.revision, context('cmd-4')),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });
});

describe('eventRecorder', () => {
  const record = eventRecorder<TicketEvents>({ TicketOpened: 1, TicketClosed: 2 });

  it('stamps each type with its declared schema version and the domain time', () => {
    const at = new Date('2026-11-23T01:00:00Z');
    expect(record('TicketClosed', { ticketId: 't', resolution: 'r' }, { occurredAt: at })).toEqual({
      type: 'TicketClosed',
      schemaVersion: 2,
      data: { ticketId: 't', resolution: 'r' },
      occurredAt: '2026-11-23T01:00:00.000Z',
    });
    const withPerson = record(
      'TicketOpened',
      { ticketId: 't', title: 'x' },
      { personalData: { subjectId: 's', fields: { name: 'n' } } },
    );
    expect(withPerson.personalData).toEqual({ subjectId: 's', fields: { name: 'n' } });
    // @ts-expect-error -- the data must match the catalogue's shape for the type
    record('TicketOpened', { ticketId: 't' });
  });
});
