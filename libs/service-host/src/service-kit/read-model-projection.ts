import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import {
  EventStore,
  PersonalDataVault,
  RevealedEnvelope,
  StoreFilter,
  StoreSubscription,
  revealPersonalData,
} from '@claims/event-sourcing';
import { inTransaction } from '@claims/messaging';

/** How far a read-model projection has applied its service's history. */
@Entity({ name: 'projection_checkpoint' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  position: number;
}

export type ProjectEvent = (manager: EntityManager, event: RevealedEnvelope) => Promise<void>;

export interface ReadModelProjectionOptions {
  readonly name: string;
  readonly store: EventStore;
  readonly dataSource: DataSource;
  readonly project: ProjectEvent;
  readonly vault?: PersonalDataVault;
  readonly filter?: StoreFilter;
}

/**
 * Keeps read models in step with the service's own history: each event is applied in one
 * transaction with the projection's checkpoint, so after a crash it resumes exactly where it
 * committed and never applies an event twice. Dropping the tables and the checkpoint rebuilds
 * the read models from the whole history.
 */
export class ReadModelProjection {
  private subscription: StoreSubscription | null = null;
  private position = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];

  constructor(private readonly options: ReadModelProjectionOptions) {}

  async start(): Promise<void> {
    const saved = await this.options.dataSource.getRepository(ProjectionCheckpoint).findOneBy({ name: this.options.name });
    this.position = saved?.position ?? 0;
    this.subscription = this.options.store.subscribe({ ...this.options.filter, afterPosition: saved?.position }, (event) =>
      this.apply(event),
    );
    await this.subscription.caughtUp;
  }

  /** Resolves once the projection has applied the history up to `position` (read your writes). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.name} did not reach ${position} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  private async apply(stored: Parameters<ProjectEvent>[1]): Promise<void> {
    const event = await revealPersonalData(stored, this.options.vault);
    await inTransaction(this.options.dataSource, async (manager) => {
      await this.options.project(manager, event);
      await manager.save(ProjectionCheckpoint, { name: this.options.name, position: event.globalPosition });
    });
    this.position = event.globalPosition;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    ready.forEach((w) => w.resolve());
  }
}
