import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import {
  AppendResult,
  Delivery,
  EventStore,
  PersonalDataVault,
  RevealedEnvelope,
  StoreFilter,
  StoreSubscription,
  revealPersonalData,
} from '@claims/event-sourcing';
import { inTransaction } from '@claims/messaging';
import { ReplayProgressListener, ReplayTracker, replayProgressOnTerminal } from './replay-progress';

/** A replay with fewer positions to go than this ends before a progress line would help. */
const REPLAY_WORTH_REPORTING = 5_000;

/** Most events a projection applies in one transaction. */
const MAX_EVENTS_PER_TRANSACTION = 250;

/** How far a read-model projection has applied its service's history. */
@Entity({ name: 'projection_checkpoint' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name: string;

  @Column({
    type: 'bigint',
    transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) },
  })
  position: number;
}

export type ProjectEvent = (manager: EntityManager, event: RevealedEnvelope) => Promise<void>;

/**
 * A projection's handlers by event type, each given its event's typed data. Types without a
 * handler are skipped on purpose (a read model shows only what it needs).
 */
export type ProjectionHandlers<Catalogue> = {
  readonly [T in keyof Catalogue & string]?: (
    manager: EntityManager,
    event: RevealedEnvelope<Catalogue[T]> & { readonly type: T },
  ) => Promise<void>;
};

/** One ProjectEvent from typed handlers. */
export function projectionOf<Catalogue>(handlers: ProjectionHandlers<Catalogue>): ProjectEvent {
  const byType = handlers as Record<
    string,
    ((m: EntityManager, e: RevealedEnvelope) => Promise<void>) | undefined
  >;
  return async (manager, event) => {
    await byType[event.type]?.(manager, event);
  };
}

/** Read your writes: an application port that resolves once the read models show an append. */
export interface ReadModelProgress {
  showing(appended: AppendResult | null): Promise<void>;
}

export interface ReadModelProjectionOptions {
  readonly name: string;
  /** Told how a long replay (a rebuild, a first start) advances; default: a line on the terminal. */
  readonly onReplayProgress?: ReplayProgressListener;
  readonly store: EventStore;
  readonly dataSource: DataSource;
  readonly project: ProjectEvent;
  readonly vault?: PersonalDataVault;
  readonly filter?: StoreFilter;
}

/** The projections following each event store (readiness and metrics find a service's own). */
const following = new WeakMap<EventStore, Set<ReadModelProjection>>();

/** The projections started on a store and not stopped since. */
export function projectionsFollowing(store: EventStore): ReadModelProjection[] {
  return [...(following.get(store) ?? [])];
}

/**
 * Keeps read models in step with the service's own history: events are applied in transactions
 * that also move the projection's checkpoint, so after a crash it resumes exactly where it
 * committed and never applies an event twice. Instances sharing a database (PostgreSQL) take
 * the checkpoint row's lock first and skip what another instance already applied. A failure
 * (database gone, a bug in a handler) is retried with backoff from the checkpoint, and shown in
 * `state()` meanwhile. Dropping the tables and the checkpoint rebuilds the read models.
 */
export class ReadModelProjection implements ReadModelProgress {
  private subscription: StoreSubscription | null = null;
  private position = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private failures = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private batch: RevealedEnvelope[] = [];
  private replay: ReplayTracker | null = null;

  constructor(
    private readonly options: ReadModelProjectionOptions & {
      readonly onFailure?: (error: unknown, failures: number, retryInMs: number) => void;
    },
  ) {}

  get name(): string {
    return this.options.name;
  }

  async start(): Promise<void> {
    const followers = following.get(this.options.store) ?? new Set<ReadModelProjection>();
    following.set(this.options.store, followers.add(this));
    await this.options.dataSource
      .createQueryBuilder()
      .insert()
      .into(ProjectionCheckpoint)
      .values({ name: this.options.name, position: 0 })
      .orIgnore()
      .execute();
    await this.follow();
    const head = await this.options.store.headPosition();
    if (head - this.position < REPLAY_WORTH_REPORTING) return void (await this.subscription?.caughtUp);
    this.replay = new ReplayTracker(
      this.options.name,
      this.position,
      head,
      this.options.onReplayProgress ?? replayProgressOnTerminal,
    );
    try {
      await this.subscription?.caughtUp;
    } finally {
      this.replay.finish();
      this.replay = null;
    }
  }

  /** `up` while applying the history, `down` while waiting to retry after a failure. */
  state(): 'up' | 'down' {
    return this.failures === 0 ? 'up' : 'down';
  }

  /**
   * Projection lag: how many stored events it follows lie after what it has applied, counted up
   * to `limit`.
   */
  async backlog(limit = 10_000): Promise<number> {
    const after = await this.options.store.readAll({
      ...this.options.filter,
      afterPosition: this.position,
      maxCount: limit,
    });
    return after.length;
  }

  /** Resolves once the projection has applied the history up to `position` (read your writes). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.options.name} did not reach ${position} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  showing(appended: AppendResult | null): Promise<void> {
    return appended ? this.waitFor(appended.lastGlobalPosition) : Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    following.get(this.options.store)?.delete(this);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    this.subscription = null;
  }

  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  private async follow(): Promise<void> {
    const saved = await this.checkpoints(this.options.dataSource.manager).findOneBy({
      name: this.options.name,
    });
    this.position = saved?.position ?? 0;
    this.batch = []; // what a failed transaction held is read again from the checkpoint
    const subscription = this.options.store.subscribe(
      { ...this.options.filter, afterPosition: this.position },
      (event, delivery) => this.apply(event, delivery),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => this.retryLater(error));
  }

  private retryLater(error: unknown): void {
    if (this.stopped) return;
    this.failures++;
    const delay = Math.min(30_000, 200 * 2 ** Math.min(this.failures - 1, 16));
    this.options.onFailure?.(error, this.failures, delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.follow().catch((again: unknown) => this.retryLater(again));
    }, delay);
  }

  /**
   * Events already read and about to follow are applied together (one transaction, one
   * checkpoint update): a backlog or a rebuild is not paid for one commit per event.
   */
  private async apply(stored: Parameters<ProjectEvent>[1], delivery: Delivery): Promise<void> {
    this.batch.push(await revealPersonalData(stored, this.options.vault));
    if (delivery.moreReady && this.batch.length < MAX_EVENTS_PER_TRANSACTION) return;
    const batch = this.batch;
    this.batch = [];
    const last = batch[batch.length - 1].globalPosition;
    await inTransaction(this.options.dataSource, async (manager) => {
      const applied = await this.lockedCheckpoint(manager); // another instance may have applied some
      for (const event of batch)
        if (event.globalPosition > applied) await this.options.project(manager, event);
      if (last > applied)
        await this.checkpoints(manager).update({ name: this.options.name }, { position: last });
    });
    this.failures = 0;
    this.position = last;
    this.replay?.record(batch.length, last);
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    ready.forEach((w) => w.resolve());
  }

  /** The checkpoint, locked until the transaction ends where the database can (PostgreSQL). */
  private async lockedCheckpoint(manager: EntityManager): Promise<number> {
    const lock =
      manager.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' as const } : undefined;
    const row = await this.checkpoints(manager).findOne({
      where: { name: this.options.name },
      ...(lock ? { lock } : {}),
    });
    return row?.position ?? 0;
  }

  private checkpoints(manager: EntityManager) {
    return manager.getRepository(ProjectionCheckpoint);
  }
}
