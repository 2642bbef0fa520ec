import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@claims/service-host';
import {
  COMPLAINT_QUEUE,
  ComplaintListFilter,
  ComplaintQueue,
  ComplaintSummary,
  Page,
  PageRequest,
} from '../ports';

/** The customer's own complaints, in the customer's words: number, stage, when received. */
export interface CustomerComplaintSummary {
  readonly complaintId: string;
  readonly complaintNumber: string;
  readonly category: string;
  readonly stage: string;
  readonly receivedAt: string;
}

/**
 * Staff: the work queue, nearest deadline first, filtered. A customer: only their own complaints
 * (every staff filter ignored), without staff fields.
 */
export class ListComplaints extends Query<Page<ComplaintSummary> | Page<CustomerComplaintSummary>> {
  constructor(
    readonly filter: ComplaintListFilter,
    readonly page: PageRequest,
    readonly principal: Principal,
  ) {
    super();
  }
}

const OPEN_STAGE = (status: string) =>
  status === 'received'
    ? 'received'
    : status === 'awaiting-customer'
      ? 'awaiting-your-answer'
      : ['declined', 'withdrawn', 'resolved'].includes(status)
        ? status
        : status === 'closed' || status === 'archived'
          ? 'closed'
          : 'in-progress';

@QueryHandler(ListComplaints)
export class ListComplaintsHandler implements IQueryHandler<ListComplaints> {
  constructor(@Inject(COMPLAINT_QUEUE) private readonly queue: ComplaintQueue) {}

  async execute({ filter, page, principal }: ListComplaints) {
    if (principal.role !== 'customer') return this.queue.list(filter, page);
    const own = await this.queue.list({ customerId: principal.customerId ?? '\u0000none' }, page);
    return {
      items: own.items.map(({ complaintId, complaintNumber, category, status, receivedAt }) => ({
        complaintId,
        complaintNumber,
        category,
        stage: OPEN_STAGE(status),
        receivedAt,
      })),
      nextCursor: own.nextCursor,
    };
  }
}
