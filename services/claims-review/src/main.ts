import { runHost } from '@claims/service-host';
import { ClaimsReviewModule, SERVICE_NAME } from './claims-review.module';

void runHost(SERVICE_NAME, [ClaimsReviewModule.register()]);
