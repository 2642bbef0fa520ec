import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PLATFORM_CONFIG, PlatformConfig, ServiceInfrastructureModule } from '@claims/service-host';
import { CLOCK, Clock, systemClock } from '@claims/working-calendar';
import { ExportArchiveHandler } from './application/archive/export-archive.query';
import { SearchArchiveHandler } from './application/archive/search-archive.query';
import { GetCaseTimelineHandler } from './application/audit/get-timeline.query';
import { ARCHIVE, CLOSED_QUARTERS, RECEIVED_HISTORY } from './application/ports';
import { CloseQuarterHandler } from './application/reports/close-quarter.command';
import { GetQuarterlyReportHandler } from './application/reports/get-quarterly-report.query';
import { QuarterlyReports } from './application/reports/quarterly-reports';
import { AnalyticsController } from './http/analytics.controller';
import { AnalyticsStore } from './infrastructure/analytics-store';
import { IntegrationEventsConsumer } from './infrastructure/integration-events-consumer';
import { analyticsReadModels } from './infrastructure/read-models';

export const SERVICE_NAME = 'analytics';

export interface AnalyticsOptions {
  /** Every "now" (closing a quarter); tests pass a FixedClock. Default: the system clock. */
  readonly clock?: Clock;
}

@Injectable()
class AnalyticsLifecycle implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: IntegrationEventsConsumer,
    private readonly store: AnalyticsStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.REBUILD_READ_MODELS === 'true') {
      const cases = await this.store.rebuildArchive();
      new Logger(SERVICE_NAME).log(`archive rebuilt from the received history: ${cases} cases`);
    }
    await this.consumer.start();
  }
}

/**
 * The analytics bounded context: it follows intake's, claims review's and complaint's integration
 * events (never their stores) into its own tables: the received history, the archive and the
 * closed quarters; reports are folded from the received history at recorded positions.
 */
@Module({})
export class AnalyticsModule {
  static register(options: AnalyticsOptions = {}): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        CqrsModule.forRoot(),
        ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: analyticsReadModels }),
      ],
      controllers: [AnalyticsController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        AnalyticsStore,
        { provide: ARCHIVE, useExisting: AnalyticsStore },
        { provide: RECEIVED_HISTORY, useExisting: AnalyticsStore },
        { provide: CLOSED_QUARTERS, useExisting: AnalyticsStore },
        QuarterlyReports,
        SearchArchiveHandler,
        ExportArchiveHandler,
        GetQuarterlyReportHandler,
        CloseQuarterHandler,
        GetCaseTimelineHandler,
        IntegrationEventsConsumer,
        AnalyticsLifecycle,
      ],
      exports: [QuarterlyReports, AnalyticsStore],
    };
  }
}
