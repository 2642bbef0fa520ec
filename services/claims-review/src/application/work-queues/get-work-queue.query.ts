import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@claims/service-host';
import { ReviewTerms } from '../../domain/review-case/review-case.guards';
import { CustomerCaseView } from '../case-view/customer-case.view';
import { CustomerCaseViews } from '../case-view/get-review-case.query';
import { CaseSummary, Page, PageRequest, REVIEW_TERMS, WORK_QUEUES, WorkQueues } from '../ports';

/**
 * The caller's own queue, a page at a time: by role, what waits for them. A customer's queue is
 * their cases that wait for documents from them, as customer views.
 */
export class GetWorkQueue extends Query<Page<CaseSummary> | Page<CustomerCaseView>> {
  constructor(
    readonly principal: Principal,
    readonly page: PageRequest,
  ) {
    super();
  }
}

const NOTHING: Page<never> = { items: [], nextCursor: null };

@QueryHandler(GetWorkQueue)
export class GetWorkQueueHandler implements IQueryHandler<GetWorkQueue> {
  constructor(
    @Inject(WORK_QUEUES) private readonly queues: WorkQueues,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    private readonly customerViews: CustomerCaseViews,
  ) {}

  async execute({ principal, page }: GetWorkQueue): Promise<Page<CaseSummary> | Page<CustomerCaseView>> {
    switch (principal.role) {
      case 'claims-acceptor':
        return this.queues.awaitingAcceptance(page);
      case 'claims-handler':
        return this.queues.handledBy(principal.userId, page);
      case 'investigator':
        return this.queues.underInvestigationBy(principal.userId, page);
      case 'approver':
      case 'manager': {
        // four eyes: never a decision the caller proposed or handles
        const level = this.terms.authority.levelOf(principal.userId, principal.role);
        return this.queues.awaitingApprovalUpTo(level, principal.userId, page);
      }
      case 'customer': {
        const filter = { customerId: principal.customerId ?? '', status: 'awaiting-documents' as const };
        const asked = await this.queues.list(filter, page);
        const items = await this.customerViews.of(asked.items.map((c) => c.claimId));
        return { items, nextCursor: asked.nextCursor };
      }
      default:
        return NOTHING;
    }
  }
}
