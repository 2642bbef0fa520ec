import {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  ErrorType,
  EventData,
  EventStoreDBClient,
  FORWARDS,
  Filter,
  JSONType,
  NO_STREAM,
  Position,
  ReadPosition,
  RecordedEvent,
  START,
  StreamingRead,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import { OpenSubscriptions } from '../catch-up-subscription';
import { Actor, EventEnvelope, NewEvent } from '../envelope';
import { GENESIS_HASH, chainOf } from '../integrity';
import {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoreFilter,
  StoreSubscription,
  SubscribeOptions,
  WrongExpectedRevisionError,
  checkExpected,
  findPreviousAppend,
  matchesFilter,
} from '../event-store';

/** What this adapter writes as ESDB event metadata; `$correlationId`/`$causationId` are ESDB's own conventions. */
interface StoredMetadata {
  $correlationId: string;
  $causationId?: string;
  schemaVersion: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  metadata: Record<string, unknown>;
  integrityHash: string;
}

const PAGE_SIZE = 500;
/** Older servers report max uint64 as the commit position of events read from a stream. */
const NO_POSITION = BigInt('0x7fffffffffffffff');

/**
 * Event store on EventStoreDB (via @eventstore/db-client, gRPC). Global positions are the $all
 * commit positions: each event written through gRPC is its own committed record, so the commit
 * position is unique per event and increases in commit order (it is a byte offset, not a count).
 * Reading or subscribing to $all needs a user allowed to read $all (by default: $admins).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly ownsClient = true,
  ) {}

  /** e.g. `esdb://localhost:2113?tls=false` */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    this.assertOpen();
    // ESDB itself only recognises a retry sent with the same expected revision (and, with `any`,
    // only on a best-effort basis), and never refuses an event id reused at another place; so the
    // stream is checked for the batch first. Not atomic with the append below: two concurrent
    // retries of the same batch are still settled by ESDB's own idempotency check.
    const ids = events.map((e) => e.eventId.toLowerCase());
    const stored = (await this.readStream(streamId)).map((e) => ({ ...e, eventId: e.eventId.toLowerCase() }));
    const previous = findPreviousAppend(
      streamId,
      events.map((e, i) => ({ ...e, eventId: ids[i] })),
      stored,
    );
    if (previous) return previous;
    checkExpected(streamId, expected, stored.length === 0 ? 'no_stream' : stored.length - 1);

    // The integrity chain continues the stream as read, so the append is pinned to that revision
    // (a writer that raced in makes ESDB refuse it: WrongExpectedRevisionError, even for `any`).
    const hashes = chainOf(events, streamId, stored.at(-1)?.integrityHash ?? GENESIS_HASH, stored.length);
    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((event, i) => toEventData(event, hashes[i])),
        { expectedRevision: stored.length === 0 ? NO_STREAM : BigInt(stored.length - 1) },
      );
    } catch (error) {
      if (isErrorOfType(error, ErrorType.WRONG_EXPECTED_VERSION)) {
        const actual = (error as { actualVersion?: bigint | 'no_stream' }).actualVersion;
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          actual === undefined || actual === NO_STREAM ? 'no_stream' : Number(actual),
        );
      }
      throw error;
    }
    if (!result.success) {
      const last = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      throw new WrongExpectedRevisionError(streamId, expected, last[0]?.streamRevision ?? 'no_stream');
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    return {
      nextExpectedRevision,
      lastGlobalPosition: await this.positionOfAppend(streamId, events.length, result),
    };
  }

  /**
   * The append result carries one position; for a single event it is that event's. For a batch
   * (or a server that leaves it out) the last event is read back, so the result always names the
   * last event's own $all position.
   */
  private async positionOfAppend(
    streamId: string,
    count: number,
    result: { nextExpectedRevision: bigint; position?: Position },
  ): Promise<number> {
    if (count === 1 && result.position) return Number(result.position.commit);
    const [last] = await this.readStream(streamId, {
      fromRevision: Number(result.nextExpectedRevision),
      maxCount: 1,
    });
    if (last && last.globalPosition >= 0) return last.globalPosition;
    return result.position ? Number(result.position.commit) : -1;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    if (options.maxCount === 0) return [];
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision:
        options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    const events: EventEnvelope[] = [];
    try {
      for await (const resolved of read) {
        if (resolved.event) events.push(toEnvelope(resolved.event));
      }
    } catch (error) {
      if (isErrorOfType(error, ErrorType.STREAM_NOT_FOUND)) return [];
      throw error;
    }
    return events;
  }

  /**
   * $all has no server-side filter for plain reads in this client, so pages of $all are read and
   * filtered here (system events, checkpoint, prefixes, types) until maxCount events matched.
   */
  async headPosition(): Promise<number> {
    this.assertOpen();
    // The newest events of $all may be system events, which readAll never returns.
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: PAGE_SIZE });
    for await (const resolved of read as StreamingRead<AllStreamResolvedEvent>) {
      const event = resolved.event;
      if (event && isDeliverable(event, {})) {
        await read.cancel().catch(() => undefined);
        return Number(event.position.commit);
      }
    }
    return 0;
  }

  async readAll(options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    this.assertOpen();
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const result: EventEnvelope[] = [];
    if (max <= 0) return result;
    const after = options.afterPosition;
    let from: ReadPosition = after === undefined ? START : positionOf(after);
    // Reads are inclusive of `from`; everything at or before `seen` was already considered.
    let seen: Position | undefined = after === undefined ? undefined : positionOf(after);
    for (;;) {
      const read = this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: PAGE_SIZE });
      let count = 0;
      let full = false;
      for await (const resolved of read as StreamingRead<AllStreamResolvedEvent>) {
        count++;
        const event = resolved.event;
        if (!event) continue;
        if (seen && comparePositions(event.position, seen) <= 0) continue;
        seen = event.position;
        if (!isDeliverable(event, options)) continue;
        result.push(toEnvelope(event));
        if (result.length >= max) {
          full = true;
          break;
        }
      }
      if (full) {
        await read.cancel().catch(() => undefined);
        return result;
      }
      if (count < PAGE_SIZE || !seen) return result;
      from = seen;
    }
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): StoreSubscription {
    this.assertOpen();
    const subscription = new EsdbCatchUpSubscription(this.client, options, handler);
    return this.subscriptions.track(subscription);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    if (this.ownsClient) await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/**
 * subscribeToAll, delivering to the handler one event at a time: the next event is taken from
 * the client's stream only once the handler has finished (the stream buffers and applies
 * backpressure meanwhile).
 *
 * `caughtUp` resolves once every event stored when the subscription started has been handled:
 * servers from 23.10 send a caught-up message; older ones are covered by comparing with the head
 * of $all read at the start (via a delivered event or a filter checkpoint at or past it). Because
 * the client emits those markers when it *receives* them, events still buffered at that moment
 * are counted and handled first.
 */
class EsdbCatchUpSubscription implements StoreSubscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private markCaughtUp: () => void = () => undefined;
  private stopped = false;
  private wake: () => void = () => undefined;
  private stream: AllStreamSubscription | null = null;
  private taken = 0;
  private handled = 0;
  private caughtUpAfter: number | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly handler: EventHandler,
  ) {
    this.caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));
    this.done = this.run().finally(() => this.release());
    this.done.catch(() => this.markCaughtUp());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const after = this.options.afterPosition;
    const head = await this.headPosition();
    if (this.stopped) return;
    if (head === null || (after !== undefined && BigInt(after) >= head)) this.markCaughtUp();

    const stream = this.client.subscribeToAll({
      fromPosition: after === undefined ? START : positionOf(after),
      filter: serverFilter(this.options, (_, position) => {
        if (head !== null && position.commit >= head) this.reachedHead();
      }),
    });
    this.stream = stream;
    let failure: Error | null = null;
    let ended = false;
    stream.on('readable', () => this.wake());
    stream.on('error', (error: Error) => {
      failure = error;
      this.wake();
    });
    stream.on('end', () => {
      ended = true;
      this.wake();
    });
    stream.on('close', () => {
      ended = true;
      this.wake();
    });
    stream.on('caughtUp', () => this.reachedHead());

    const checkpoint = after === undefined ? undefined : BigInt(after);
    while (!this.stopped) {
      const resolved = stream.read() as AllStreamResolvedEvent | null;
      if (resolved === null) {
        if (failure) throw failure;
        if (ended) throw new Error('EventStoreDB subscription ended unexpectedly');
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.taken++;
      const event = resolved.event;
      if (
        event &&
        (checkpoint === undefined || event.position.commit > checkpoint) &&
        isDeliverable(event, this.options)
      ) {
        // Buffered events may all be filtered out; a batching handler is told only of certainty.
        await this.handler(toEnvelope(event), { moreReady: false });
      }
      this.handled++;
      if (head !== null && event && event.position.commit >= head) this.markCaughtUp();
      this.checkCaughtUp();
    }
  }

  /** Called when the client receives a marker: events already in its buffer come first. */
  private reachedHead(): void {
    if (this.caughtUpAfter !== null || !this.stream) return;
    this.caughtUpAfter = this.taken + this.stream.readableLength;
    this.checkCaughtUp();
  }

  private checkCaughtUp(): void {
    if (this.caughtUpAfter !== null && this.handled >= this.caughtUpAfter) this.markCaughtUp();
  }

  /** Commit position of the last event in $all (system events included), or null if empty. */
  private async headPosition(): Promise<bigint | null> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    for await (const resolved of read as StreamingRead<AllStreamResolvedEvent>) {
      if (resolved.event) return resolved.event.position.commit;
      if (resolved.commitPosition !== undefined) return resolved.commitPosition;
    }
    return null;
  }

  private async release(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (!stream) return;
    await stream.unsubscribe().catch(() => undefined);
    stream.destroy();
  }
}

function toEventData(event: NewEvent, integrityHash: string): EventData {
  const metadata: StoredMetadata = {
    $correlationId: event.correlationId,
    ...(event.causationId !== null ? { $causationId: event.causationId } : {}),
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    correlationId: event.correlationId,
    causationId: event.causationId,
    actor: event.actor,
    metadata: event.metadata,
    integrityHash,
  };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // The client JSON-serialises data whatever its shape.
    data: (event.data ?? null) as JSONType,
    metadata,
  });
}

function toEnvelope(event: RecordedEvent | AllStreamRecordedEvent): EventEnvelope {
  const meta = (isRecord(event.metadata) ? event.metadata : {}) as Partial<StoredMetadata>;
  const data = event.isJson ? event.data : parseJsonBytes(event.data as Uint8Array);
  const commit = event.position?.commit;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: meta.schemaVersion ?? 1,
    occurredAt: meta.occurredAt ?? event.created.toISOString(),
    correlationId: meta.correlationId ?? (typeof meta.$correlationId === 'string' ? meta.$correlationId : ''),
    causationId: meta.causationId ?? meta.$causationId ?? null,
    actor: meta.actor ?? { id: 'unknown', role: 'unknown' },
    data,
    metadata: meta.metadata ?? {},
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    // -1 when the server does not report positions on stream reads (before 22.6).
    globalPosition: commit === undefined || commit >= NO_POSITION ? -1 : Number(commit),
    recordedAt: event.created.toISOString(),
    ...(meta.integrityHash ? { integrityHash: meta.integrityHash } : {}),
  };
}

/** ESDB's own events ($-prefixed types and streams) never reach our readers. */
function isDeliverable(event: AllStreamRecordedEvent, filter: StoreFilter): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  return matchesFilter(event, filter);
}

/**
 * Server-side filtering narrows what is sent; ESDB filters on one of stream name or event type,
 * and by prefix, so matchesFilter re-checks every event exactly on the client.
 */
function serverFilter(options: StoreFilter, checkpointReached: Filter['checkpointReached']): Filter {
  if (options.streamPrefixes?.length) {
    return streamNameFilter({ prefixes: [...options.streamPrefixes], checkpointReached });
  }
  if (options.eventTypes?.length) {
    return eventTypeFilter({ prefixes: [...options.eventTypes], checkpointReached });
  }
  return excludeSystemEvents({ checkpointReached });
}

/** Events written through gRPC have prepare = commit, so a checkpoint maps back to a position. */
function positionOf(globalPosition: number): Position {
  const value = BigInt(globalPosition);
  return { commit: value, prepare: value };
}

function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function isErrorOfType(error: unknown, type: ErrorType): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return bytes;
  }
}
