import { runHost } from '@claims/service-host';
import { ComplaintModule, SERVICE_NAME } from './complaint.module';

void runHost(SERVICE_NAME, [ComplaintModule.register()]);
