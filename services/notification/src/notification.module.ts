import { DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule } from '@claims/service-host';

export const SERVICE_NAME = 'notification';

/** The notification bounded context: its own event history, read models and HTTP API. */
@Module({})
export class NotificationModule {
  static register(): DynamicModule {
    return {
      module: NotificationModule,
      imports: [ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: [] })],
    };
  }
}
