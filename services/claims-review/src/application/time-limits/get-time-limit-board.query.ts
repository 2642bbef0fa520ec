import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock, DeadlineStatus } from '@claims/working-calendar';
import { ReviewTerms } from '../../domain/review-case/review-case.guards';
import { CaseSummary, DueWindow, Page, PageRequest, REVIEW_TERMS, WORK_QUEUES, WorkQueues } from '../ports';

export type TimeLimitBoardEntry = CaseSummary & { readonly standing: DeadlineStatus };
export type TimeLimitStanding = 'at-risk' | 'overdue';

/**
 * Open cases whose running step is at risk or overdue now (or only the given standing), a page at
 * a time, soonest due first; none for customers (time limits are the insurer's own work).
 */
export class GetTimeLimitBoard extends Query<Page<TimeLimitBoardEntry>> {
  constructor(
    readonly standing: TimeLimitStanding | undefined,
    readonly page: PageRequest,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetTimeLimitBoard)
export class GetTimeLimitBoardHandler implements IQueryHandler<GetTimeLimitBoard> {
  constructor(
    @Inject(WORK_QUEUES) private readonly queues: WorkQueues,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ standing, page, principal }: GetTimeLimitBoard): Promise<Page<TimeLimitBoardEntry>> {
    if (principal.role === 'customer') return { items: [], nextCursor: null };
    const now = this.clock.now();
    const due = await this.queues.due(dueWindow(this.terms, now, standing), page);
    const items = due.items.map((entry) => ({
      ...entry,
      standing: this.terms.timetable.standing(new Date(entry.stepDueAt ?? now), now),
    }));
    return { items, nextCursor: due.nextCursor };
  }
}

/** The running steps due so soon that they are at risk, overdue, or either (not on time). */
export function dueWindow(terms: ReviewTerms, now: Date, standing?: TimeLimitStanding): DueWindow {
  const bounds = terms.timetable.standingBounds(now);
  const [nowIso, until] = [bounds.now.toISOString(), bounds.atRiskUntil.toISOString()];
  if (standing === 'overdue') return { before: nowIso };
  if (standing === 'at-risk') return { from: nowIso, until };
  return { until };
}
