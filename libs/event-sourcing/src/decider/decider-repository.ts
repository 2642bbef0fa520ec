import { CommandContext, NewEvent, eventIdFor, newEvent } from '../envelope';
import { AppendResult, EventStore, WrongExpectedRevisionError } from '../event-store';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { RevealedEnvelope, revealPersonalData, sealPersonalData } from '../personal-data/personal-data';
import { UpcasterRegistry } from '../upcasters';
import { NotFoundRefusal } from '../refusals';
import { AuditedEvent, auditedEvent } from './audited-event';
import { Decider, stateFrom } from './decider';
import { DomainEvent } from './domain-event';

/** A stream's state and the revision it was read at (null: the stream does not exist yet). */
export interface StreamState<State> {
  readonly state: State;
  readonly revision: number | null;
}

/** What a handled command did: the events it stored, the state after them, and where they went. */
export interface Handled<State, Event> extends StreamState<State> {
  readonly events: readonly Event[];
  /** Null when the decision produced no event (nothing was written). */
  readonly appended: AppendResult | null;
}

/** Where to cut a history: at an instant of the domain clock and/or at a stream revision. */
export interface HistoryCut {
  readonly at?: Date;
  readonly revision?: number;
}

export interface DeciderRepositoryOptions<State, Event extends DomainEvent> {
  readonly store: EventStore;
  /** Streams are `<prefix>-<id>`. */
  readonly streamPrefix: string;
  readonly decider: Decider<State, Event>;
  readonly upcasters?: UpcasterRegistry;
  /** Seals events' personal data on append and reveals it on read; required if any event has some. */
  readonly vault?: PersonalDataVault;
}

/**
 * Reads a stream's state through its decider and appends a decision's events with the revision
 * it was read at as the expected revision: a concurrent writer gets WrongExpectedRevisionError,
 * never a lost update. Event ids derive from the command id, so a retried command re-appends
 * nothing.
 */
export class DeciderRepository<State, Event extends DomainEvent> {
  constructor(private readonly options: DeciderRepositoryOptions<State, Event>) {}

  streamId(id: string): string {
    return `${this.options.streamPrefix}-${id}`;
  }

  /** The history with personal data revealed (or erased) and old schema versions upcast. */
  async history(id: string): Promise<RevealedEnvelope[]> {
    const stored = await this.options.store.readStream(this.streamId(id));
    const revealed: RevealedEnvelope[] = [];
    // One at a time: the first event fetches the subject's key, the rest hit the vault's cache.
    for (const event of stored) {
      const plain = await revealPersonalData(event, this.options.vault);
      const upcast = this.options.upcasters ? this.options.upcasters.upcast(plain) : plain;
      revealed.push({ ...upcast, personalData: plain.personalData });
    }
    return revealed;
  }

  /** Auditors' view of the whole history; refuses (404) a stream that does not exist. */
  async audit(id: string): Promise<AuditedEvent[]> {
    const history = await this.history(id);
    if (!history.length) throw new NotFoundRefusal(`There is no ${this.options.streamPrefix} ${id}`);
    return history.map(auditedEvent);
  }

  /** Auditors' view of the state at a cut; refuses (404) a cut before the stream's first event. */
  async auditAsOf(id: string, cut: HistoryCut): Promise<StreamState<State> & { revision: number }> {
    const found = await this.readAsOf(id, cut);
    if (!found || found.revision === null) {
      throw new NotFoundRefusal(
        `There is no ${this.options.streamPrefix} ${id} at that point of its history`,
      );
    }
    return { state: found.state, revision: found.revision };
  }

  async read(id: string): Promise<StreamState<State>> {
    return this.fold(await this.history(id));
  }

  /** The state as it stood after the events up to the cut (occurredAt, the domain clock); null before the first. */
  async readAsOf(id: string, cut: HistoryCut): Promise<StreamState<State> | null> {
    const atMs = cut.at?.getTime();
    const history = (await this.history(id)).filter(
      (e) =>
        (atMs === undefined || Date.parse(e.occurredAt) <= atMs) &&
        (cut.revision === undefined || e.streamRevision <= cut.revision),
    );
    return history.length ? this.fold(history) : null;
  }

  /**
   * Reads the stream, lets `decide` choose the events from its state, and appends them expecting
   * the revision it read (or `expectedRevision`, e.g. from an If-Match header).
   */
  async handle(
    id: string,
    context: CommandContext,
    decide: (state: State) => readonly Event[],
    options: { expectedRevision?: number } = {},
  ): Promise<Handled<State, Event>> {
    const history = await this.history(id);
    const current = this.fold(history);
    const applied = this.alreadyApplied(id, history, context);
    if (applied) return applied;
    if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) {
      // Stale before deciding: a conflict (409), not a rule decided on a state the caller never saw.
      throw new WrongExpectedRevisionError(
        this.streamId(id),
        options.expectedRevision,
        current.revision ?? 'no_stream',
      );
    }
    const events = decide(current.state);
    const expected = options.expectedRevision ?? current.revision;
    const appended = await this.append(id, events, expected, context);
    const extendsCurrent =
      appended === null || appended.nextExpectedRevision === (current.revision ?? -1) + events.length;
    // A retried command's events were already stored (the store answered the first append): read, don't re-apply.
    const after = extendsCurrent
      ? stateFrom(this.options.decider, events, current.state)
      : (await this.read(id)).state;
    return {
      state: after,
      revision: appended ? appended.nextExpectedRevision : current.revision,
      events,
      appended,
    };
  }

  /** Appends events decided elsewhere, expecting the stream at `expectedRevision` (null: new stream). */
  async append(
    id: string,
    events: readonly Event[],
    expectedRevision: number | null,
    context: CommandContext,
  ): Promise<AppendResult | null> {
    if (events.length === 0) return null;
    const streamId = this.streamId(id);
    const stored = await storedEvents(events, streamId, context, this.options.vault);
    return this.options.store.append(streamId, stored, expectedRevision ?? 'no_stream');
  }

  /**
   * A retried command (same command id) whose events are already stored, e.g. by a process that
   * died before it answered: the stored outcome, without deciding again on the state it produced.
   */
  private alreadyApplied(
    id: string,
    history: readonly RevealedEnvelope[],
    context: CommandContext,
  ): Handled<State, Event> | null {
    if (!context.causationId) return null;
    const firstEventId = eventIdFor(context.causationId, this.streamId(id), 0);
    const first = history.findIndex((e) => e.eventId === firstEventId);
    if (first < 0) return null;
    const own = history.slice(first).filter((e) => e.causationId === context.causationId);
    const last = own[own.length - 1];
    const upTo = history.slice(0, history.indexOf(last) + 1);
    return {
      ...this.fold(upTo),
      events: own.map(asDomainEvent) as Event[],
      appended: { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition },
    };
  }

  private fold(history: readonly RevealedEnvelope[]): StreamState<State> {
    const events = history.map(asDomainEvent) as Event[];
    const revision = history.length ? history[history.length - 1].streamRevision : null;
    return { state: stateFrom(this.options.decider, events), revision };
  }
}

/** A stored event as the domain sees it: type, version, data, when it happened, its personal data. */
export function asDomainEvent(envelope: RevealedEnvelope): DomainEvent {
  const { type, schemaVersion, data, occurredAt, personalData } = envelope;
  return personalData
    ? { type, schemaVersion, data, occurredAt, personalData }
    : { type, schemaVersion, data, occurredAt };
}

/** Domain events stamped with the command's actor and ids, personal data sealed. */
export async function storedEvents(
  events: readonly DomainEvent[],
  streamId: string,
  context: CommandContext,
  vault: PersonalDataVault | undefined,
): Promise<NewEvent[]> {
  const sealed = await Promise.all(events.map((e) => sealPersonalData(e, vault)));
  return sealed.map((e, i) =>
    newEvent(
      {
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        occurredAt: e.occurredAt,
        eventId: context.causationId ? eventIdFor(context.causationId, streamId, i) : undefined,
      },
      context,
    ),
  );
}
