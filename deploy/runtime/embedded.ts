/* eslint-disable @nx/enforce-module-boundaries -- the composition root is the one place allowed to import the service apps */
import { AnalyticsModule } from '@claims/analytics';
import { ClaimsReviewModule } from '@claims/claims-review';
import { ComplaintModule } from '@claims/complaint';
import { IntakeModule } from '@claims/intake';
import { NotificationModule } from '@claims/notification';
import { runHost } from '@claims/service-host';

/** The embedded default: all five bounded contexts in one process, one port. */
export const allServices = () => [
  IntakeModule.register(),
  ClaimsReviewModule.register(),
  ComplaintModule.register(),
  NotificationModule.register(),
  AnalyticsModule.register(),
];

if (require.main === module) void runHost('platform', allServices());
