import { runHost } from '@claims/service-host';
import { IntakeModule, SERVICE_NAME } from './intake.module';

void runHost(SERVICE_NAME, [IntakeModule.register()]);
