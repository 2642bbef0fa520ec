import { DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule } from '@claims/service-host';

export const SERVICE_NAME = 'analytics';

/** The analytics bounded context: its own event history, read models and HTTP API. */
@Module({})
export class AnalyticsModule {
  static register(): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: [] })],
    };
  }
}
