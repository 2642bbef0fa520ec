import { EventEnvelope, NewEvent } from './envelope';

/** What the writer believes the stream's current revision is. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream; pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  readonly lastGlobalPosition: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface StoreFilter {
  /** Only streams whose id starts with one of these. */
  readonly streamPrefixes?: readonly string[];
  /** Only events of these types. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions extends StoreFilter {
  /** Exclusive: events after this position (a checkpoint). Omit to read from the start. */
  readonly afterPosition?: number;
  readonly maxCount?: number;
}

export interface SubscribeOptions extends StoreFilter {
  /** Exclusive checkpoint: the last position the subscriber has processed. */
  readonly afterPosition?: number;
}

/** Told with each delivered event, so a handler can apply several in one transaction. */
export interface Delivery {
  /** More events are already read and will follow at once: a batching handler may wait for them. */
  readonly moreReady: boolean;
}

export type EventHandler = (event: EventEnvelope, delivery: Delivery) => Promise<void>;

export interface StoreSubscription {
  /** Resolves once the subscription has delivered everything stored when it started. */
  readonly caughtUp: Promise<void>;
  /** Rejects if delivery stops because the handler or the store failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The append-only history of every aggregate. Adapters: embedded file, PostgreSQL, EventStoreDB.
 * All of them pass the same contract suite (libs/event-sourcing/test/event-store.contract.ts).
 */
export interface EventStore {
  /**
   * Appends atomically. Fails with WrongExpectedRevisionError when the stream is not where the
   * writer expected. Re-appending events whose ids are already in the stream at the same place
   * (a retried request) writes nothing and returns the original result.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  readAll(options?: ReadAllOptions): Promise<EventEnvelope[]>;
  /** Position of the last event readAll can return (0 when empty): how far a replay has to go. */
  headPosition(): Promise<number>;
  /** Catches up from the checkpoint, then delivers new events live, one at a time, in order. */
  subscribe(options: SubscribeOptions, handler: EventHandler): StoreSubscription;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class EventIdReusedError extends Error {
  override readonly name = 'EventIdReusedError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Stream ${streamId}: event ${eventId} was already appended with a different batch`);
  }
}

export function matchesFilter(event: Pick<EventEnvelope, 'streamId' | 'type'>, filter: StoreFilter): boolean {
  const prefixOk =
    !filter.streamPrefixes?.length || filter.streamPrefixes.some((p) => event.streamId.startsWith(p));
  const typeOk = !filter.eventTypes?.length || filter.eventTypes.includes(event.type);
  return prefixOk && typeOk;
}

/** Revision the stream must currently have, or null when any state is accepted. */
export function checkExpected(
  streamId: string,
  expected: ExpectedRevision,
  current: number | 'no_stream',
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current);
}

/**
 * Idempotent re-append: if the batch's first event id already sits in the stream, the whole
 * batch must sit there in the same order; then the original result is returned.
 */
export function findPreviousAppend(
  streamId: string,
  batch: readonly NewEvent[],
  stored: readonly Pick<EventEnvelope, 'eventId' | 'streamRevision' | 'globalPosition'>[],
): AppendResult | null {
  if (stored.length === 0) return null;
  const byId = new Map(stored.map((e) => [e.eventId, e]));
  const first = byId.get(batch[0].eventId);
  if (!first) {
    const reused = batch.find((e) => byId.has(e.eventId));
    if (reused) throw new EventIdReusedError(streamId, reused.eventId);
    return null;
  }
  let last = first;
  for (let i = 1; i < batch.length; i++) {
    const found = byId.get(batch[i].eventId);
    if (!found || found.streamRevision !== first.streamRevision + i) {
      throw new EventIdReusedError(streamId, batch[i].eventId);
    }
    last = found;
  }
  return { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition };
}
