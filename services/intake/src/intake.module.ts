import { join, resolve } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  PLATFORM_CONFIG,
  PlatformConfig,
  READ_MODEL_DB,
  ServiceInfrastructureModule,
} from '@claims/service-host';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, WorkingCalendar, loadWorkingCalendar, systemClock } from '@claims/working-calendar';
import documentChecklists from '../data/document-checklists.json';
import responsePromises from '../data/response-promises.json';
import { intakeApplication } from './application/intake-handlers';
import {
  DOCUMENT_BLOB_STORE,
  DocumentBlobStore,
  INTAKE_READ_MODELS,
  INTAKE_VIEWS,
} from './application/ports';
import { ChecklistItem, DocumentChecklists } from './domain/claim-application/document-checklist';
import { ResponsePromises } from './domain/consultation/response-promise';
import { ProductLine } from './domain/vocabulary';
import { FilesystemBlobStore, PostgresBlobStore } from '@claims/documents';
import { ClaimsReviewConsumer } from './infrastructure/consumers/claims-review.consumer';
import { ComplaintConsumer } from './infrastructure/consumers/complaint.consumer';
import { DemoPoliciesLoader, LOAD_DEMO_POLICIES } from './infrastructure/demo-policies.loader';
import { intakeHistories } from './infrastructure/histories';
import { IntakeReadModels, TypeOrmIntakeViews } from './infrastructure/projections/intake-read-models';
import { intakeReadModelEntities } from './infrastructure/projections/read-model-entities';
import { intakePublicEvent } from './infrastructure/public-events';
import { ClaimsController } from './http/claims.controller';
import { ConsultationsController, WorkQueueController } from './http/consultations.controller';
import { PoliciesController } from './http/policies.controller';

export const SERVICE_NAME = 'intake';

export interface IntakeOptions {
  /** Every "now" of the domain; tests pass a FixedClock. Default: the system clock. */
  readonly clock?: Clock;
  /**
   * Working days and time zone for response promises and accident dates. Default:
   * WORKING_CALENDAR_FILE, or China mainland.
   */
  readonly calendar?: WorkingCalendar;
  /** Where uploaded files go (sealed for the claim's customer). Default: the filesystem under DATA_DIR/intake/blobs. */
  readonly blobStore?: DocumentBlobStore;
  /** Load the demo policies at start when absent. Default: in embedded mode (EVENT_STORE=embedded). */
  readonly demoPolicies?: boolean;
}

/** The intake bounded context (the front desk): consultations, policies, claim reports and applications. */
@Module({})
export class IntakeModule {
  static register(options: IntakeOptions = {}): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        CqrsModule.forRoot(),
        ServiceInfrastructureModule.forService({
          name: SERVICE_NAME,
          entities: intakeReadModelEntities,
          publicEvents: intakePublicEvent,
        }),
      ],
      controllers: [ConsultationsController, WorkQueueController, PoliciesController, ClaimsController],
      providers: [
        // data and time
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: WorkingCalendar,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) =>
            options.calendar ?? loadWorkingCalendar(config.WORKING_CALENDAR_FILE),
        },
        {
          provide: DocumentChecklists,
          useValue: new DocumentChecklists(documentChecklists as Record<ProductLine, ChecklistItem[]>),
        },
        {
          provide: ResponsePromises,
          inject: [WorkingCalendar],
          useFactory: (calendar: WorkingCalendar) =>
            ResponsePromises.fromData(responsePromises as never, calendar),
        },
        // ports
        ...intakeHistories,
        IntakeReadModels,
        { provide: INTAKE_READ_MODELS, useExisting: IntakeReadModels },
        { provide: INTAKE_VIEWS, useClass: TypeOrmIntakeViews },
        {
          provide: DOCUMENT_BLOB_STORE,
          inject: [PLATFORM_CONFIG, READ_MODEL_DB],
          useFactory: (config: PlatformConfig, db: DataSource) =>
            options.blobStore ??
            (config.READ_MODELS === 'postgres'
              ? new PostgresBlobStore(db)
              : new FilesystemBlobStore(join(resolve(config.DATA_DIR), SERVICE_NAME, 'blobs'))),
        },
        // application
        ...intakeApplication,
        // other services' events, demo data
        ClaimsReviewConsumer,
        ComplaintConsumer,
        { provide: LOAD_DEMO_POLICIES, useValue: options.demoPolicies ?? null },
        DemoPoliciesLoader,
      ],
    };
  }
}
