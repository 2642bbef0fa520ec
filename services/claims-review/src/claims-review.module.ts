import { DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule } from '@claims/service-host';

export const SERVICE_NAME = 'claims-review';

/** The claims-review bounded context: its own event history, read models and HTTP API. */
@Module({})
export class ClaimsReviewModule {
  static register(): DynamicModule {
    return {
      module: ClaimsReviewModule,
      imports: [ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: [] })],
    };
  }
}
