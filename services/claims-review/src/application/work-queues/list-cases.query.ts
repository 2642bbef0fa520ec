import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InvalidInputRefusal } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CustomerCaseView } from '../case-view/customer-case.view';
import { CustomerCaseViews } from '../case-view/get-review-case.query';
import { CaseListFilter, CaseSummary, Page, PageRequest, WORK_QUEUES, WorkQueues } from '../ports';

/** Cases matching the filter, soonest due first, a page at a time; a customer sees only their own. */
export class ListCases extends Query<Page<CaseSummary> | Page<CustomerCaseView>> {
  constructor(
    readonly filter: Omit<CaseListFilter, 'customerId'>,
    readonly page: PageRequest,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases> {
  constructor(
    @Inject(WORK_QUEUES) private readonly queues: WorkQueues,
    private readonly customerViews: CustomerCaseViews,
  ) {}

  async execute({ filter, page, principal }: ListCases): Promise<Page<CaseSummary> | Page<CustomerCaseView>> {
    const { status, assignee, dueBefore } = filter;
    if (principal.role !== 'customer') return this.queues.list({ status, assignee, dueBefore }, page);
    // the filters name internal statuses, staff and time limits: a customer lists their cases as they are
    const staffFilters = Object.entries(filter).filter(([, value]) => value !== undefined);
    if (staffFilters.length) {
      throw new InvalidInputRefusal(
        'A customer lists their own cases without filters',
        staffFilters.map(([path]) => ({ path, message: `${path} is a staff filter` })),
      );
    }
    const own = await this.queues.list({ customerId: principal.customerId ?? '' }, page);
    const items = await this.customerViews.of(own.items.map((c) => c.claimId));
    return { items, nextCursor: own.nextCursor };
  }
}
