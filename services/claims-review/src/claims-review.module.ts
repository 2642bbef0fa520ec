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
import { AcceptClaimHandler } from './application/acceptance/accept-claim.command';
import { OpenReviewCaseHandler } from './application/acceptance/open-review-case.command';
import { ReassignHandlerHandler } from './application/acceptance/reassign-handler.command';
import { ApproveDecisionHandler } from './application/adjudication/approve-decision.command';
import { ProposeDecisionHandler } from './application/adjudication/propose-decision.command';
import { SendBackDecisionHandler } from './application/adjudication/send-back-decision.command';
import { GetCaseHistoryStateHandler } from './application/audit/get-case-history-state.query';
import { GetCaseHistoryHandler } from './application/audit/get-case-history.query';
import { CustomerCaseViews, GetReviewCaseHandler } from './application/case-view/get-review-case.query';
import { CloseCaseHandler } from './application/closure/close-case.command';
import { ReexamineClaimHandler } from './application/closure/reexamine-claim.command';
import { ReopenCaseHandler } from './application/closure/reopen-case.command';
import { AssessLossHandler } from './application/investigation/assess-loss.command';
import { FlagSuspicionHandler } from './application/investigation/flag-suspicion.command';
import { OpenInvestigationHandler } from './application/investigation/open-investigation.command';
import { RecordInvestigationFindingsHandler } from './application/investigation/record-investigation-findings.command';
import { ReceiveSupplementaryDocumentsHandler } from './application/material-review/receive-supplementary-documents.command';
import { RequestSupplementaryDocumentsHandler } from './application/material-review/request-supplementary-documents.command';
import { ReviewDocumentsHandler } from './application/material-review/review-documents.command';
import { ConfirmPaymentHandler } from './application/payment/confirm-payment.command';
import { InstructPaymentHandler } from './application/payment/instruct-payment.command';
import {
  CASE_VIEWS,
  HANDLER_WORKLOAD,
  PAID_ON_POLICY,
  REVIEW_CASES,
  REVIEW_CASE_READ_MODELS,
  REVIEW_RULES,
  REVIEW_TERMS,
  WORK_QUEUES,
} from './application/ports';
import { ReviewCaseDecisions } from './application/review-case-decisions';
import { CheckTimeLimitsHandler } from './application/time-limits/check-time-limits.command';
import { GetTimeLimitBoardHandler } from './application/time-limits/get-time-limit-board.query';
import { TimeLimitCheck } from './application/time-limits/time-limit-check';
import { GetWorkQueueHandler } from './application/work-queues/get-work-queue.query';
import { ListCasesHandler } from './application/work-queues/list-cases.query';
import { ApprovalAuthority } from './domain/approval-authority';
import { ReviewTerms } from './domain/review-case/review-case.guards';
import { ClaimsReviewRules } from './domain/review-rules';
import { StepTimetable } from './domain/step-timetable';
import { ReviewCaseController } from './http/review-case.controller';
import { WorkQueueController } from './http/work-queue.controller';
import { reviewRulesFrom } from './infrastructure/default-review-rules';
import { ComplaintEventsConsumer } from './infrastructure/complaint-events-consumer';
import { IntakeEventsConsumer } from './infrastructure/intake-events-consumer';
import { claimsReviewPublicEvent } from './infrastructure/public-events';
import { REVIEW_CASE_STREAM_PREFIX, reviewCaseHistories } from './infrastructure/review-case-histories';
import { projectReviewCaseEvent } from './infrastructure/review-case-projection';
import { TimeLimitMetrics } from './infrastructure/time-limit-metrics';
import { ReviewCaseReadModels } from './infrastructure/review-case-read-models';
import { reviewReadModels } from './infrastructure/read-models';

export const SERVICE_NAME = 'claims-review';

export interface ClaimsReviewOptions {
  /** Overrides of the default rules (assignment, authority, fast track, time limits...). */
  readonly rules?: Partial<ClaimsReviewRules>;
  /** The time source; the system clock unless a test fixes it. */
  readonly clock?: Clock;
  /** The working-day calendar; default: WORKING_CALENDAR_FILE, or the bundled China mainland one. */
  readonly calendar?: WorkingCalendar;
}

const commandHandlers = [
  OpenReviewCaseHandler,
  AcceptClaimHandler,
  ReassignHandlerHandler,
  ReviewDocumentsHandler,
  RequestSupplementaryDocumentsHandler,
  ReceiveSupplementaryDocumentsHandler,
  FlagSuspicionHandler,
  OpenInvestigationHandler,
  RecordInvestigationFindingsHandler,
  AssessLossHandler,
  ProposeDecisionHandler,
  ApproveDecisionHandler,
  SendBackDecisionHandler,
  InstructPaymentHandler,
  ConfirmPaymentHandler,
  CloseCaseHandler,
  ReopenCaseHandler,
  ReexamineClaimHandler,
  CheckTimeLimitsHandler,
];

const queryHandlers = [
  GetReviewCaseHandler,
  ListCasesHandler,
  GetWorkQueueHandler,
  GetTimeLimitBoardHandler,
  GetCaseHistoryHandler,
  GetCaseHistoryStateHandler,
];

@Injectable()
class ClaimsReviewLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SERVICE_NAME);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REVIEW_CASE_READ_MODELS) private readonly projection: ReadModelProjection,
    @Inject(REVIEW_RULES) private readonly rules: ClaimsReviewRules,
    private readonly consumer: IntakeEventsConsumer,
    private readonly complaints: ComplaintEventsConsumer,
    private readonly timeLimits: TimeLimitCheck,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.projection.done.catch((error: Error) =>
      this.logger.error(`case projection stopped: ${error.message}`),
    );
    await this.consumer.start();
    await this.complaints.start();
    if (this.rules.timeLimitCheckIntervalMs > 0) {
      this.timer = setInterval(() => void this.checkTimeLimits(), this.rules.timeLimitCheckIntervalMs);
      this.timer.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.projection.stop();
  }

  private async checkTimeLimits(): Promise<void> {
    try {
      await this.timeLimits.execute();
    } catch (error) {
      this.logger.error(`time-limit check failed: ${(error as Error).message}`);
    }
  }
}

/** The claims-review bounded context: its own event history, read models and HTTP API. */
@Module({})
export class ClaimsReviewModule {
  static register(options: ClaimsReviewOptions = {}): DynamicModule {
    const rules = reviewRulesFrom(options.rules);
    return {
      module: ClaimsReviewModule,
      imports: [
        CqrsModule.forRoot(),
        ServiceInfrastructureModule.forService({
          name: SERVICE_NAME,
          entities: reviewReadModels,
          publicEvents: claimsReviewPublicEvent,
        }),
      ],
      controllers: [ReviewCaseController, WorkQueueController],
      providers: [
        { provide: REVIEW_RULES, useValue: rules },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: REVIEW_TERMS,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig): ReviewTerms => ({
            timetable: new StepTimetable(
              options.calendar ?? loadWorkingCalendar(config.WORKING_CALENDAR_FILE),
              rules,
            ),
            authority: new ApprovalAuthority(rules.authority),
          }),
        },
        {
          provide: REVIEW_CASES,
          inject: [EVENT_STORE, PERSONAL_DATA_VAULT],
          useFactory: reviewCaseHistories,
        },
        {
          provide: REVIEW_CASE_READ_MODELS,
          inject: [EVENT_STORE, READ_MODEL_DB, PERSONAL_DATA_VAULT],
          useFactory: (store: EventStore, dataSource: DataSource, vault: PersonalDataVault) =>
            new ReadModelProjection({
              name: 'claims-review.cases',
              store,
              dataSource,
              vault,
              project: projectReviewCaseEvent,
              filter: { streamPrefixes: [`${REVIEW_CASE_STREAM_PREFIX}-`] },
            }),
        },
        ReviewCaseReadModels,
        { provide: WORK_QUEUES, useExisting: ReviewCaseReadModels },
        { provide: CASE_VIEWS, useExisting: ReviewCaseReadModels },
        { provide: HANDLER_WORKLOAD, useExisting: ReviewCaseReadModels },
        { provide: PAID_ON_POLICY, useExisting: ReviewCaseReadModels },
        ReviewCaseDecisions,
        CustomerCaseViews,
        ...commandHandlers,
        ...queryHandlers,
        TimeLimitCheck,
        TimeLimitMetrics,
        IntakeEventsConsumer,
        ComplaintEventsConsumer,
        ClaimsReviewLifecycle,
      ],
      exports: [TimeLimitCheck],
    };
  }
}
