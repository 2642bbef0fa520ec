import { DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule } from '@claims/service-host';

export const SERVICE_NAME = 'complaint';

/** The complaint bounded context: its own event history, read models and HTTP API. */
@Module({})
export class ComplaintModule {
  static register(): DynamicModule {
    return {
      module: ComplaintModule,
      imports: [ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: [] })],
    };
  }
}
