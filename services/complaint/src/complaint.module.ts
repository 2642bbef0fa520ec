import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore, PersonalDataVault } from '@claims/event-sourcing';
import {
  EVENT_STORE,
  PERSONAL_DATA_VAULT,
  PLATFORM_CONFIG,
  PlatformConfig,
  READ_MODEL_DB,
  ReadModelProjection,
  ServiceInfrastructureModule,
} from '@claims/service-host';
import { CLOCK, Clock, WorkingCalendar, loadWorkingCalendar, systemClock } from '@claims/working-calendar';
import { DataSource } from 'typeorm';
import { join, resolve } from 'node:path';
import { AddAttachmentHandler } from './application/attachments/add-attachment.command';
import { GetAttachmentContentHandler } from './application/attachments/get-attachment-content.query';
import { AssignComplaintHandlerHandler } from './application/assignment/assign-handler.command';
import {
  GetComplaintHistoryHandler,
  GetComplaintHistoryStateHandler,
} from './application/audit/complaint-history.queries';
import { CheckClocksHandler, ClockCheck } from './application/clocks/check-clocks.command';
import { ExtendRegulatoryLimitHandler } from './application/clocks/extend-regulatory-limit.command';
import { ArchiveComplaintHandler, CloseComplaintHandler } from './application/closure/closure.commands';
import { ComplaintDecisions } from './application/complaint-decisions';
import { GetComplaintHandler } from './application/complaint-view/get-complaint.query';
import { RecordCustomerAnswerHandler } from './application/confirmation/record-customer-answer.command';
import { AcceptComplaintHandler } from './application/initial-review/accept-complaint.command';
import { DeclineComplaintHandler } from './application/initial-review/decline-complaint.command';
import { AddEvidenceHandler } from './application/investigation/add-evidence.command';
import { CompleteInvestigationHandler } from './application/investigation/complete-investigation.command';
import { WaitOnCustomerHandler } from './application/investigation/customer-wait.command';
import { RecordContactHandler } from './application/investigation/record-contact.command';
import {
  DecideMaliciousFlagHandler,
  ProposeMaliciousFlagHandler,
} from './application/malicious-flag/malicious-flag.commands';
import {
  ATTACHMENT_BLOB_STORE,
  AttachmentBlobStore,
  COMPLAINTS,
  COMPLAINT_NUMBERS,
  COMPLAINT_QUEUE,
  COMPLAINT_READ_MODELS,
  COMPLAINT_RULES,
  COMPLAINT_TERMS,
  RELATED_CLAIMS,
} from './application/ports';
import { ReceiveComplaintHandler } from './application/receipt/receive-complaint.command';
import { CommunicateResolutionHandler } from './application/resolution/communicate-resolution.command';
import { DecidePlanHandler } from './application/resolution/decide-plan.command';
import { ProposePlanHandler } from './application/resolution/propose-plan.command';
import { WithdrawComplaintHandler } from './application/withdrawal/withdraw-complaint.command';
import { ListComplaintsHandler } from './application/work-queue/list-complaints.query';
import { ComplaintRules } from './domain/complaint-rules';
import { ComplaintTimetable } from './domain/complaint-timetable';
import { ComplaintTerms } from './domain/complaint/complaint.guards';
import { ComplaintsController } from './http/complaints.controller';
import { MyComplaintsController } from './http/my-complaints.controller';
import { ClaimsReviewEventsConsumer } from './infrastructure/claims-review-consumer';
import { ClockMetrics } from './infrastructure/clock-metrics';
import {
  COMPLAINT_STREAM_PREFIX,
  complaintHistories,
  complaintNumberHistories,
} from './infrastructure/complaint-histories';
import { projectComplaintEvent } from './infrastructure/complaint-projection';
import { ComplaintReadModels } from './infrastructure/complaint-read-models';
import { complaintRulesFrom } from './infrastructure/default-complaint-rules';
import { FilesystemBlobStore, PostgresBlobStore } from '@claims/documents';
import { complaintPublicEvent } from './infrastructure/public-events';
import { complaintReadModels } from './infrastructure/read-models';

export const SERVICE_NAME = 'complaint';

export interface ComplaintOptions {
  /** Overrides of the default rules (taxonomies, risk, authority, time limits...). */
  readonly rules?: Partial<ComplaintRules>;
  /** Every "now" of the domain; tests pass a FixedClock. Default: the system clock. */
  readonly clock?: Clock;
  /** The working-day calendar; default: WORKING_CALENDAR_FILE, or the bundled China mainland one. */
  readonly calendar?: WorkingCalendar;
  /** How often the clock check runs (ms); 0 disables the timer (tests call ClockCheck). Default 15 min. */
  readonly clockCheckIntervalMs?: number;
  /** Where attachments' sealed bytes go; default: a table with PostgreSQL read models, else files under DATA_DIR/complaint/blobs. */
  readonly blobStore?: AttachmentBlobStore;
}

const commandHandlers = [
  ReceiveComplaintHandler,
  AddAttachmentHandler,
  AcceptComplaintHandler,
  DeclineComplaintHandler,
  AssignComplaintHandlerHandler,
  RecordContactHandler,
  AddEvidenceHandler,
  WaitOnCustomerHandler,
  CompleteInvestigationHandler,
  ProposePlanHandler,
  DecidePlanHandler,
  CommunicateResolutionHandler,
  RecordCustomerAnswerHandler,
  WithdrawComplaintHandler,
  ProposeMaliciousFlagHandler,
  DecideMaliciousFlagHandler,
  CloseComplaintHandler,
  ArchiveComplaintHandler,
  ExtendRegulatoryLimitHandler,
  CheckClocksHandler,
];

const queryHandlers = [
  GetComplaintHandler,
  GetAttachmentContentHandler,
  ListComplaintsHandler,
  GetComplaintHistoryHandler,
  GetComplaintHistoryStateHandler,
];

const CLOCK_CHECK_INTERVAL = Symbol('CLOCK_CHECK_INTERVAL');

@Injectable()
class ComplaintLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SERVICE_NAME);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(COMPLAINT_READ_MODELS) private readonly projection: ReadModelProjection,
    @Inject(CLOCK_CHECK_INTERVAL) private readonly intervalMs: number,
    private readonly consumer: ClaimsReviewEventsConsumer,
    private readonly clocks: ClockCheck,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.projection.done.catch((error: Error) =>
      this.logger.error(`complaint projection stopped: ${error.message}`),
    );
    await this.consumer.start();
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => void this.checkClocks(), this.intervalMs);
      this.timer.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.projection.stop();
  }

  private async checkClocks(): Promise<void> {
    try {
      await this.clocks.execute();
    } catch (error) {
      this.logger.error(`clock check failed: ${(error as Error).message}`);
    }
  }
}

/**
 * The complaint bounded context: its own event history, read models and HTTP API. It hears of
 * claims only through claims review's integration events, and publishes its own for
 * notification, analytics, intake and claims review (src/infrastructure/public-events.ts).
 */
@Module({})
export class ComplaintModule {
  static register(options: ComplaintOptions = {}): DynamicModule {
    const rules = complaintRulesFrom(options.rules);
    return {
      module: ComplaintModule,
      imports: [
        CqrsModule.forRoot(),
        ServiceInfrastructureModule.forService({
          name: SERVICE_NAME,
          entities: complaintReadModels,
          publicEvents: complaintPublicEvent,
        }),
      ],
      controllers: [ComplaintsController, MyComplaintsController],
      providers: [
        { provide: COMPLAINT_RULES, useValue: rules },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: CLOCK_CHECK_INTERVAL, useValue: options.clockCheckIntervalMs ?? 15 * 60_000 },
        {
          provide: COMPLAINT_TERMS,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig): ComplaintTerms => ({
            rules,
            timetable: new ComplaintTimetable(
              options.calendar ?? loadWorkingCalendar(config.WORKING_CALENDAR_FILE),
              rules,
            ),
          }),
        },
        { provide: COMPLAINTS, inject: [EVENT_STORE, PERSONAL_DATA_VAULT], useFactory: complaintHistories },
        { provide: COMPLAINT_NUMBERS, inject: [EVENT_STORE], useFactory: complaintNumberHistories },
        {
          provide: COMPLAINT_READ_MODELS,
          inject: [EVENT_STORE, READ_MODEL_DB, PERSONAL_DATA_VAULT],
          useFactory: (store: EventStore, dataSource: DataSource, vault: PersonalDataVault) =>
            new ReadModelProjection({
              name: 'complaint.complaints',
              store,
              dataSource,
              vault,
              project: projectComplaintEvent,
              filter: { streamPrefixes: [`${COMPLAINT_STREAM_PREFIX}-`] },
            }),
        },
        {
          provide: ATTACHMENT_BLOB_STORE,
          inject: [PLATFORM_CONFIG, READ_MODEL_DB],
          useFactory: (config: PlatformConfig, db: DataSource) =>
            options.blobStore ??
            (config.READ_MODELS === 'postgres'
              ? new PostgresBlobStore(db, 'attachment_blob')
              : new FilesystemBlobStore(join(resolve(config.DATA_DIR), SERVICE_NAME, 'blobs'))),
        },
        ComplaintReadModels,
        { provide: COMPLAINT_QUEUE, useExisting: ComplaintReadModels },
        { provide: RELATED_CLAIMS, useExisting: ComplaintReadModels },
        ComplaintDecisions,
        ...commandHandlers,
        ...queryHandlers,
        ClockCheck,
        ClockMetrics,
        ClaimsReviewEventsConsumer,
        ComplaintLifecycle,
      ],
      exports: [ClockCheck],
    };
  }
}
