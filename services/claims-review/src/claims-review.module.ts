import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore, PersonalDataVault } from '@claims/event-sourcing';
import { PublicEventMapping, integrationEventFrom, topicOf } from '@claims/messaging';
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
import { Acceptance } from './application/commands/acceptance';
import { Adjudication } from './application/commands/adjudication';
import { TimeLimitCheck } from './application/commands/check-time-limits';
import { InvestigationAndAssessment } from './application/commands/investigation';
import { MaterialReview } from './application/commands/material-review';
import { ReviewCaseOpening } from './application/commands/open-review-case';
import { Settlement } from './application/commands/settlement';
import { REVIEW_RULES } from './application/configuration';
import { CaseHistory } from './application/queries/case-history';
import { WorkQueues } from './application/queries/work-queues';
import { ApprovalAuthority } from './domain/approval-authority';
import { ReviewCaseDependencies } from './domain/review-case';
import { ClaimsReviewRules } from './domain/review-rules';
import { StepTimetable } from './domain/step-timetable';
import { reviewRulesFrom } from './infrastructure/default-review-rules';
import { IntakeEventsConsumer } from './infrastructure/intake-events-consumer';
import { reviewReadModels } from './infrastructure/read-models';
import { projectReviewCaseEvent } from './infrastructure/review-case-projection';
import { REVIEW_CASE_DEPENDENCIES, REVIEW_CASE_PROJECTION, REVIEW_CASE_STREAM_PREFIX, ReviewCases } from './infrastructure/review-cases';
import { ReviewCaseController } from './http/review-case.controller';
import { WorkQueueController } from './http/work-queue.controller';

export const SERVICE_NAME = 'claims-review';

export interface ClaimsReviewOptions {
  /** Overrides of the default rules (assignment, authority, fast track, time limits...). */
  readonly rules?: Partial<ClaimsReviewRules>;
  /** The time source; the system clock unless a test fixes it. */
  readonly clock?: Clock;
  /** The working-day calendar; default: WORKING_CALENDAR_FILE, or the bundled China mainland one. */
  readonly calendar?: WorkingCalendar;
}

/** Every stored review-case event goes to claims-platform.claims-review, subject = claim id. */
const publicEvents: PublicEventMapping = (envelope) =>
  envelope.streamId.startsWith(`${REVIEW_CASE_STREAM_PREFIX}-`)
    ? { topic: topicOf(SERVICE_NAME), event: integrationEventFrom(envelope, SERVICE_NAME, envelope.streamId.slice(REVIEW_CASE_STREAM_PREFIX.length + 1)) }
    : null;

@Injectable()
class ClaimsReviewLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SERVICE_NAME);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REVIEW_CASE_PROJECTION) private readonly projection: ReadModelProjection,
    @Inject(REVIEW_RULES) private readonly rules: ClaimsReviewRules,
    private readonly consumer: IntakeEventsConsumer,
    private readonly timeLimits: TimeLimitCheck,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.projection.done.catch((error: Error) => this.logger.error(`case projection stopped: ${error.message}`));
    await this.consumer.start();
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
    const clock = options.clock ?? systemClock;
    return {
      module: ClaimsReviewModule,
      imports: [ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: reviewReadModels, publicEvents })],
      controllers: [ReviewCaseController, WorkQueueController],
      providers: [
        { provide: REVIEW_RULES, useValue: rules },
        { provide: CLOCK, useValue: clock },
        {
          provide: REVIEW_CASE_DEPENDENCIES,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig): ReviewCaseDependencies => ({
            clock,
            timetable: new StepTimetable(options.calendar ?? loadWorkingCalendar(config.WORKING_CALENDAR_FILE), rules),
            authority: new ApprovalAuthority(rules.authority),
          }),
        },
        {
          provide: REVIEW_CASE_PROJECTION,
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
        ReviewCases,
        ReviewCaseOpening,
        Acceptance,
        MaterialReview,
        InvestigationAndAssessment,
        Adjudication,
        Settlement,
        TimeLimitCheck,
        WorkQueues,
        CaseHistory,
        IntakeEventsConsumer,
        ClaimsReviewLifecycle,
      ],
      exports: [TimeLimitCheck],
    };
  }
}
