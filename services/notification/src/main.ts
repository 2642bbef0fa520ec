import { runHost } from '@claims/service-host';
import { NotificationModule, SERVICE_NAME } from './notification.module';

void runHost(SERVICE_NAME, [NotificationModule.register()]);
