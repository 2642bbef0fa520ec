import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { EventEnvelope, EventStore, StoreFilter, StoreSubscription } from '@claims/event-sourcing';
import { inTransaction } from './in-transaction';
import { IntegrationEvent } from './integration-event';
import { MessageBus } from './message-bus';

/** How far a relay has published its service's event store. */
@Entity({ name: 'relay_checkpoint' })
export class RelayCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name: string;

  /** The last global position published; bigint in the database, a safe integer here. */
  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
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
}

interface PendingEvent {
  readonly position: number;
  readonly published: PublicEvent | null;
}

/**
 * Publishes a service's events to the bus straight from its event store, without an outbox:
 * it follows the store from a saved checkpoint and saves a new checkpoint only after the bus
 * acknowledged everything up to it. A crash republishes at most the last unsaved batch
 * (consumers are idempotent); events of one aggregate keep their order.
 */
export class EventRelay {
  private subscription: StoreSubscription | null = null;
  private pending: PendingEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private failure: { error: unknown } | null = null;
  private settle: { resolve: () => void; reject: (error: unknown) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };
  /** Resolves once stopped; rejects with the error that stopped the relay (bus, database or mapping). */
  readonly done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));

  constructor(private readonly options: EventRelayOptions) {
    this.done.catch(() => undefined);
  }

  async start(): Promise<void> {
    if (this.subscription) throw new Error(`Relay ${this.options.name} is already running`);
    const saved = await this.options.dataSource.getRepository(RelayCheckpoint).findOneBy({ name: this.options.name });
    this.subscription = this.options.store.subscribe(
      { ...this.options.filter, afterPosition: saved?.position },
      (envelope) => this.accept(envelope),
    );
    this.subscription.done.catch((error: unknown) => this.fail(error));
  }

  /** Resolves once everything stored when the relay started is published and checkpointed. */
  async caughtUp(): Promise<void> {
    if (!this.subscription) throw new Error(`Relay ${this.options.name} is not running`);
    await this.subscription.caughtUp;
    await this.flush();
  }

  /** Stops following the store, then publishes and checkpoints what it had already taken. */
  async stop(): Promise<void> {
    this.cancelTimer();
    await this.subscription?.stop();
    if (!this.failure) await this.flush().catch((error: unknown) => this.fail(error));
    this.settle.resolve();
  }

  private async accept(envelope: EventEnvelope): Promise<void> {
    if (this.failure) throw this.failure.error;
    this.pending.push({ position: envelope.globalPosition, published: this.options.toPublicEvent(envelope) });
    if (this.pending.length >= (this.options.batchSize ?? 100)) await this.flush();
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) => this.fail(error));
    }, this.options.lingerMs ?? 10);
  }

  /** Flushes run one after another, each taking everything pending when it starts. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.publishPending());
    return this.flushing;
  }

  private async publishPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    for (const [topic, events] of eventsByTopic(batch)) await this.options.bus.publish(topic, events);
    const position = batch[batch.length - 1].position;
    await inTransaction(this.options.dataSource, (manager) =>
      manager.upsert(RelayCheckpoint, { name: this.options.name, position }, ['name']),
    );
    this.options.onCheckpoint?.(position);
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    this.cancelTimer();
    this.settle.reject(error);
    // Not awaited: the failure may come from inside the subscription's own handler.
    void this.subscription?.stop();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
