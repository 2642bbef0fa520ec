import { runHost } from '@claims/service-host';
import { AnalyticsModule, SERVICE_NAME } from './analytics.module';

void runHost(SERVICE_NAME, [AnalyticsModule.register()]);
