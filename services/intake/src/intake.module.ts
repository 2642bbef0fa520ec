import { DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule } from '@claims/service-host';

export const SERVICE_NAME = 'intake';

/** The intake bounded context: its own event history, read models and HTTP API. */
@Module({})
export class IntakeModule {
  static register(): DynamicModule {
    return {
      module: IntakeModule,
      imports: [ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: [] })],
    };
  }
}
