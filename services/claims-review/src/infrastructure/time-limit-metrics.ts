import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PlatformMetrics } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { dueWindow } from '../application/time-limits/get-time-limit-board.query';
import { ReviewTerms } from '../domain/review-case/review-case.guards';
import { REVIEW_TERMS, WORK_QUEUES, WorkQueues } from '../application/ports';

/**
 * `claims_time_limits{service="claims-review", state}`: open cases whose running step is at risk
 * or breached (overdue), counted in the work-queue read model at each scrape of /metrics.
 */
@Injectable()
export class TimeLimitMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: PlatformMetrics,
    @Inject(WORK_QUEUES) private readonly queues: WorkQueues,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: 'claims_time_limits',
      help: 'Open time limits at risk and breached',
      labelNames: ['service', 'state'],
      read: async () => {
        const now = this.clock.now();
        const [atRisk, breached] = await Promise.all([
          this.queues.countDue(dueWindow(this.terms, now, 'at-risk')),
          this.queues.countDue(dueWindow(this.terms, now, 'overdue')),
        ]);
        return [
          { labels: { service: 'claims-review', state: 'at-risk' }, value: atRisk },
          { labels: { service: 'claims-review', state: 'breached' }, value: breached },
        ];
      },
    });
  }
}
