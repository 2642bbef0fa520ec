import { Inject, Injectable } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { Principal, mayAccessCaseOf } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ReviewTerms } from '../../domain/review-case/review-case.guards';
import { CASE_VIEWS, CaseViews, REVIEW_CASES, REVIEW_TERMS, ReviewCaseHistories } from '../ports';
import { CustomerCaseView, customerCaseView } from './customer-case.view';
import { ReviewCaseView, reviewCaseView } from './review-case.view';

/** The case as its reader may see it: staff get the case view, a customer their own customer view. */
export type CaseViewFor = ReviewCaseView | CustomerCaseView;

/**
 * The case view, from the case's history (the read models decide only whether it is shown yet,
 * so what this shows the work queues show too). Another customer's case does not exist (404).
 */
export class GetReviewCase extends Query<CaseViewFor> {
  constructor(
    readonly claimId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetReviewCase)
export class GetReviewCaseHandler implements IQueryHandler<GetReviewCase> {
  constructor(
    @Inject(CASE_VIEWS) private readonly views: CaseViews,
    @Inject(REVIEW_CASES) private readonly cases: ReviewCaseHistories,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ claimId, principal }: GetReviewCase): Promise<CaseViewFor> {
    const customerId = await this.views.customerOf(claimId);
    if (customerId === null || !mayAccessCaseOf(principal, customerId)) {
      throw new NotFoundRefusal(`No review case for claim ${claimId}`);
    }
    const { state } = await this.cases.read(claimId);
    if (state.status === 'none') throw new NotFoundRefusal(`No review case for claim ${claimId}`);
    if (principal.role === 'customer') return customerCaseView(state);
    return reviewCaseView(state, {
      timetable: this.terms.timetable,
      at: this.clock.now(),
      withClaimant: true,
    });
  }
}

/** Customer views of the cases a list found (each folded from its history, as its GET shows it). */
@Injectable()
export class CustomerCaseViews {
  constructor(@Inject(REVIEW_CASES) private readonly cases: ReviewCaseHistories) {}

  async of(claimIds: readonly string[]): Promise<CustomerCaseView[]> {
    const views: CustomerCaseView[] = [];
    for (const claimId of claimIds) {
      const { state } = await this.cases.read(claimId);
      if (state.status !== 'none') views.push(customerCaseView(state));
    }
    return views;
  }
}
