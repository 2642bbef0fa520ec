import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { EventEnvelope, EventStore, StoreFilter, StoreSubscription } from '@claims/event-sourcing';
import { inTransaction } from './in-transaction';
import { IntegrationEvent } from './integration-event';
import { MessageBus } from './message-bus';
import { RelayLeadership, RelayLease } from './relay-leadership';

/** How far a relay has published its service's event store. */
@Entity({ name: 'relay_checkpoint' })
export class RelayCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name: string;

  /** The last global position published; bigint in the database, a safe integer here. */
  @Column({
    type: 'bigint',
    transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) },
  })
  position: number;
}

export interface PublicEvent {
  readonly topic: string;
  readonly event: IntegrationEvent;
}

/** Turns a stored event into what other contexts may see of it, or null when it stays private. */
export type PublicEventMapping = (envelope: EventEnvelope) => PublicEvent | null;

export interface EventRelayOptions {
  /** Names the checkpoint; run one relay per name at a time. */
  readonly name: string;
  readonly store: EventStore;
  readonly bus: MessageBus;
  /** Holds the RelayCheckpoint table (see messagingEntities). */
  readonly dataSource: DataSource;
  readonly toPublicEvent: PublicEventMapping;
  readonly filter?: StoreFilter;
  /** Most events published and checkpointed together; default 100. */
  readonly batchSize?: number;
  /** How long a partial batch waits for more events before it is published; default 10 ms. */
  readonly lingerMs?: number;
  /** Told each checkpoint once it is saved (progress logs, metrics). */
  readonly onCheckpoint?: (position: number) => void;
  /** Told each failure (bus, store or database) before the relay retries after `retryInMs`. */
  readonly onFailure?: (error: unknown, failures: number, retryInMs: number) => void;
  /** Backoff between retries: doubles from `initialMs` (default 500) up to `maxMs` (default 30 s). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /**
   * When several instances of the service may run: only the lease holder publishes; the others
   * stand by and try again every `standbyPollMs` (default 2 s). Omit it for a single process.
   */
  readonly leadership?: RelayLeadership;
  readonly standbyPollMs?: number;
}

/** Batches a relay reads ahead while earlier ones are being published. */
const BATCHES_IN_FLIGHT = 10;
/** Keeps one send well under the broker's default 1 MB record-batch limit. */
const MAX_EVENTS_PER_SEND = 500;

/** What a relay is doing, for health checks and metrics. */
export interface RelayStatus {
  /** `standby`: another instance holds the lease and publishes. */
  readonly state: 'idle' | 'running' | 'standby' | 'retrying' | 'stopped';
  /** The last global position published and checkpointed. */
  readonly checkpoint: number;
  /** Failures since the last successful publish. */
  readonly failures: number;
  readonly lastError: string | null;
  /** When the current run of failures began (ISO), or null. */
  readonly failingSince: string | null;
}

interface PendingEvent {
  readonly position: number;
  readonly published: PublicEvent | null;
}

/**
 * Publishes a service's events to the bus straight from its event store, without an outbox:
 * it follows the store from a saved checkpoint and saves a new checkpoint only after the bus
 * acknowledged everything up to it. A crash republishes at most the last unsaved batch
 * (consumers are idempotent); events of one aggregate keep their order. When the bus, the store
 * or the database fails, it retries forever with backoff from its last checkpoint and reports
 * the failure in `status()` until it publishes again.
 */
export class EventRelay {
  private subscription: StoreSubscription | null = null;
  private pending: PendingEvent[] = [];
  private flushQueued = false;
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Bumped at each (re)start: work of an older run never moves the checkpoint. */
  private run = 0;
  private stopped = false;
  private lease: RelayLease | null = null;
  private current: RelayStatus = {
    state: 'idle',
    checkpoint: 0,
    failures: 0,
    lastError: null,
    failingSince: null,
  };
  private settle: () => void = () => undefined;
  /** Resolves once the relay is stopped. */
  readonly done = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(private readonly options: EventRelayOptions) {}

  get name(): string {
    return this.options.name;
  }

  status(): RelayStatus {
    return this.current;
  }

  /**
   * Relay lag: how many stored events it follows lie after its checkpoint (not yet published),
   * counted up to `limit` so a long outage costs one bounded read.
   */
  async backlog(limit = 10_000): Promise<number> {
    // A standby counts from the checkpoint the leader saved.
    const checkpoint =
      this.current.state === 'standby'
        ? ((
            await this.options.dataSource
              .getRepository(RelayCheckpoint)
              .findOneBy({ name: this.options.name })
          )?.position ?? 0)
        : this.current.checkpoint;
    const after = await this.options.store.readAll({
      ...this.options.filter,
      afterPosition: checkpoint,
      maxCount: limit,
    });
    return after.length;
  }

  /** Starts following the store; a failure to start is retried like any other. */
  async start(): Promise<void> {
    if (this.current.state !== 'idle') throw new Error(`Relay ${this.options.name} was already started`);
    this.current = { ...this.current, state: 'running' };
    await this.follow(this.run).catch((error: unknown) => this.fail(error, this.run));
  }

  /** Resolves once everything stored when called is published and checkpointed (by this run). */
  async caughtUp(): Promise<void> {
    if (!this.subscription) throw new Error(`Relay ${this.options.name} is not running`);
    await this.subscription.caughtUp;
    await this.flush(this.run);
  }

  /** Stops following the store, then publishes and checkpoints what it had already taken. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimers();
    await this.subscription?.stop();
    await this.flush(this.run).catch(() => undefined);
    await this.lease?.release();
    this.lease = null;
    this.current = { ...this.current, state: 'stopped' };
    this.settle();
  }

  private async follow(run: number): Promise<void> {
    if (!(await this.leading(run))) return;
    const saved = await this.options.dataSource
      .getRepository(RelayCheckpoint)
      .findOneBy({ name: this.options.name });
    if (run !== this.run || this.stopped) return;
    this.current = { ...this.current, checkpoint: saved?.position ?? 0 };
    const subscription = this.options.store.subscribe(
      { ...this.options.filter, afterPosition: saved?.position },
      (envelope) => this.accept(envelope, run),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => this.fail(error, run));
    void subscription.caughtUp
      .then(() => this.flush(run))
      .then(() => {
        if (run === this.run && !this.stopped)
          this.current = {
            ...this.current,
            state: 'running',
            failures: 0,
            lastError: null,
            failingSince: null,
          };
      })
      .catch((error: unknown) => this.fail(error, run));
  }

  /** Whether this instance may publish now; a standby polls for the lease until it gets it. */
  private async leading(run: number): Promise<boolean> {
    const { leadership } = this.options;
    if (!leadership || this.lease) return true;
    const lease = await leadership.tryAcquire(this.options.name);
    if (run !== this.run || this.stopped) {
      await lease?.release();
      return false;
    }
    if (!lease) {
      this.current = { ...this.current, state: 'standby', failures: 0, lastError: null, failingSince: null };
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.follow(run).catch((error: unknown) => this.fail(error, run));
      }, this.options.standbyPollMs ?? 2_000);
      return false;
    }
    this.lease = lease;
    void lease.lost.then(() => {
      if (this.lease !== lease) return;
      this.lease = null;
      this.fail(new Error('relay lease lost (its database connection dropped)'), this.run);
    });
    this.current = { ...this.current, state: 'running' };
    return true;
  }

  /**
   * Takes the next event. A full batch starts a publish without waiting for it, so the next
   * batch is read while the bus acknowledges this one; the store is held back only when
   * several batches are waiting.
   */
  private async accept(envelope: EventEnvelope, run: number): Promise<void> {
    if (run !== this.run) throw new Error('relay restarted');
    this.pending.push({ position: envelope.globalPosition, published: this.options.toPublicEvent(envelope) });
    const batchSize = this.options.batchSize ?? 100;
    if (this.pending.length >= batchSize * BATCHES_IN_FLIGHT) await this.flush(run);
    else if (this.pending.length >= batchSize && !this.flushQueued) {
      this.flushQueued = true;
      this.flush(run).catch((error: unknown) => this.fail(error, run));
    } else this.scheduleFlush(run);
  }

  private scheduleFlush(run: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush(run).catch((error: unknown) => this.fail(error, run));
    }, this.options.lingerMs ?? 10);
  }

  /** Flushes run one after another, each taking everything pending when it starts. */
  private flush(run: number): Promise<void> {
    const next = this.flushing.catch(() => undefined).then(() => this.publishPending(run));
    this.flushing = next;
    return next;
  }

  private async publishPending(run: number): Promise<void> {
    this.flushQueued = false;
    if (run !== this.run) return;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    for (const [topic, events] of eventsByTopic(batch)) {
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_SEND) {
        await this.options.bus.publish(topic, events.slice(i, i + MAX_EVENTS_PER_SEND));
      }
    }
    const position = batch[batch.length - 1].position;
    if (run !== this.run) return;
    await inTransaction(this.options.dataSource, (manager) =>
      manager.upsert(RelayCheckpoint, { name: this.options.name, position }, ['name']),
    );
    this.current = {
      state: this.stopped ? 'stopped' : 'running',
      checkpoint: position,
      failures: 0,
      lastError: null,
      failingSince: null,
    };
    this.options.onCheckpoint?.(position);
  }

  /** Drops the run that failed and starts a new one from the checkpoint after a backoff. */
  private fail(error: unknown, run: number): void {
    if (run !== this.run || this.stopped) return;
    this.run++;
    this.cancelTimers();
    this.pending = [];
    const failures = this.current.failures + 1;
    const { initialMs = 500, maxMs = 30_000 } = this.options.backoff ?? {};
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 16));
    this.current = {
      ...this.current,
      state: 'retrying',
      failures,
      lastError: error instanceof Error ? error.message : String(error),
      failingSince: this.current.failingSince ?? new Date().toISOString(),
    };
    this.options.onFailure?.(error, failures, delay);
    const failed = this.subscription;
    this.subscription = null;
    // Not awaited: the failure may come from inside the subscription's own handler.
    void failed?.stop().catch(() => undefined);
    const next = this.run;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.follow(next).catch((followError: unknown) => this.fail(followError, next));
    }, delay);
  }

  private cancelTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
  }
}

/** Keeps store order inside each topic, so per-key order survives the grouping. */
function eventsByTopic(batch: readonly PendingEvent[]): Map<string, IntegrationEvent[]> {
  const byTopic = new Map<string, IntegrationEvent[]>();
  for (const { published } of batch) {
    if (!published) continue;
    const events = byTopic.get(published.topic) ?? [];
    events.push(published.event);
    byTopic.set(published.topic, events);
  }
  return byTopic;
}
