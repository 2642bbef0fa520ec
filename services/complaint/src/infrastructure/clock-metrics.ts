import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PlatformMetrics } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ComplaintTerms } from '../domain/complaint/complaint.guards';
import { ClockName } from '../domain/complaint-rules';
import {
  COMPLAINT_QUEUE,
  COMPLAINT_TERMS,
  ComplaintQueue,
  ComplaintSummary,
  PAGE_SIZE,
  Page,
} from '../application/ports';

/**
 * `claims_time_limits{service="complaint", state}`: open complaints whose nearest running clock is
 * at risk (within its clock's at-risk hours) or breached, from the work-queue read model at each
 * scrape of /metrics (the same gauge as claims review's).
 */
@Injectable()
export class ClockMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: PlatformMetrics,
    @Inject(COMPLAINT_QUEUE) private readonly queue: ComplaintQueue,
    @Inject(COMPLAINT_TERMS) private readonly terms: ComplaintTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: 'claims_time_limits',
      help: 'Open time limits at risk and breached',
      labelNames: ['service', 'state'],
      read: async () => {
        const { atRisk, breached } = await this.standing(this.clock.now());
        return [
          { labels: { service: 'complaint', state: 'at-risk' }, value: atRisk },
          { labels: { service: 'complaint', state: 'breached' }, value: breached },
        ];
      },
    });
  }

  private async standing(now: Date): Promise<{ atRisk: number; breached: number }> {
    const widest = Math.max(...Object.values(this.terms.rules.atRiskWithinHours));
    const dueBefore = new Date(now.getTime() + widest * 3_600_000).toISOString();
    const counts = { atRisk: 0, breached: 0 };
    let page: Page<ComplaintSummary> = { items: [], nextCursor: null };
    do {
      page = await this.queue.list(
        { openOnly: true, dueBefore },
        { limit: PAGE_SIZE.max, cursor: page.nextCursor ?? undefined },
      );
      for (const c of page.items) {
        if (!c.nextDueAt || !c.nextClock) continue;
        const standing = this.terms.timetable.standing(c.nextClock as ClockName, new Date(c.nextDueAt), now);
        if (standing === 'overdue') counts.breached++;
        else if (standing === 'at-risk') counts.atRisk++;
      }
    } while (page.nextCursor);
    return counts;
  }
}
