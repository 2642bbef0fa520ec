import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  CLOCK,
  Clock,
  INTAKE_VIEWS,
  IntakeViews,
  Page,
  PageRequest,
  WorkQueueEntry,
  WorkQueueFilter,
} from '../ports';

export interface WorkQueueItemView extends WorkQueueEntry {
  /** Minutes since the case entered the queue. */
  readonly ageMinutes: number;
  /** The response promise was not kept. */
  readonly overdue: boolean;
}

/** The front desk's open work, oldest first, a page at a time; overdue response promises flagged. */
export class GetWorkQueue extends Query<Page<WorkQueueItemView>> {
  constructor(
    readonly filter: WorkQueueFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(GetWorkQueue)
export class GetWorkQueueHandler implements IQueryHandler<GetWorkQueue> {
  constructor(
    @Inject(INTAKE_VIEWS) private readonly views: IntakeViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, page }: GetWorkQueue): Promise<Page<WorkQueueItemView>> {
    const found = await this.views.workQueue(filter, page);
    const now = this.clock.now().getTime();
    const items = found.items.map((item) => ({
      ...item,
      ageMinutes: Math.floor((now - Date.parse(item.openedAt)) / 60_000),
      overdue: item.responseDueAt !== null && now > Date.parse(item.responseDueAt),
    }));
    return { items, nextCursor: found.nextCursor };
  }
}
