import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore, PersonalDataVault, RevealedEnvelope } from '@claims/event-sourcing';
import { EVENT_STORE, PERSONAL_DATA_VAULT, READ_MODEL_DB, ReadModelProjection } from '@claims/service-host';
import { DataSource, EntityManager } from 'typeorm';
import { PROJECTED_EVENT_TYPES, projectIntakeEvent } from './intake-projection';

/**
 * Keeps the work queue and claim status view in step with intake's history, and lets a query
 * wait until everything stored before it is applied (read your writes).
 */
@Injectable()
export class IntakeReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly projection: ReadModelProjection;
  private applied = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) readonly db: DataSource,
    @Inject(PERSONAL_DATA_VAULT) vault: PersonalDataVault,
  ) {
    this.projection = new ReadModelProjection({
      name: 'intake.read-models',
      store,
      dataSource: db,
      vault,
      filter: { eventTypes: PROJECTED_EVENT_TYPES },
      project: (manager, event) => this.project(manager, event),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projection.stop();
  }

  /** Resolves once every projected event stored so far is applied. */
  async settled(): Promise<void> {
    const pending = await this.store.readAll({ afterPosition: this.applied, eventTypes: PROJECTED_EVENT_TYPES });
    await this.projection.waitFor(pending.length > 0 ? pending[pending.length - 1].globalPosition : this.applied);
  }

  private async project(manager: EntityManager, event: RevealedEnvelope): Promise<void> {
    await projectIntakeEvent(manager, event);
    this.applied = Math.max(this.applied, event.globalPosition);
  }
}
