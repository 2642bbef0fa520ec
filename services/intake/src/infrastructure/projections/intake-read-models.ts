import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppendResult, EventStore, PersonalDataVault } from '@claims/event-sourcing';
import { EVENT_STORE, PERSONAL_DATA_VAULT, READ_MODEL_DB, ReadModelProjection } from '@claims/service-host';
import { DataSource } from 'typeorm';
import { PROJECTED_EVENT_TYPES, projectIntakeEvent } from './intake-projection';

/**
 * Keeps the work queue and claim status view in step with intake's history. A command that
 * changes them waits until they show its own write (read your writes), so queries read them as
 * they stand.
 */
@Injectable()
export class IntakeReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly projection: ReadModelProjection;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) readonly db: DataSource,
    @Inject(PERSONAL_DATA_VAULT) vault: PersonalDataVault,
  ) {
    this.projection = new ReadModelProjection({
      name: 'intake.read-models',
      store,
      dataSource: db,
      vault,
      filter: { eventTypes: PROJECTED_EVENT_TYPES },
      project: projectIntakeEvent,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projection.stop();
  }

  /**
   * Resolves once the read models show a save of a consultation or a claim application (every
   * event of theirs is projected; a policy's or a number sequence's is not, so never pass those).
   * Not from inside a read-model transaction (a consumed message): the projection would queue
   * behind it.
   */
  async showing(saved: AppendResult | null): Promise<void> {
    if (saved) await this.projection.waitFor(saved.lastGlobalPosition);
  }
}
