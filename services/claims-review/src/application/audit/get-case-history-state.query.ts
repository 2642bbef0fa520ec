import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { HistoryStateQuery, historyCutOf } from '@claims/service-host';
import { ReviewTerms } from '../../domain/review-case/review-case.guards';
import { ReviewCaseView, reviewCaseView } from '../case-view/review-case.view';
import { REVIEW_CASES, REVIEW_TERMS, ReviewCaseHistories } from '../ports';

export type CaseHistoryState = ReviewCaseView & {
  /** The instant asked for (null for a cut by revision alone). */
  readonly asOf: string | null;
  /** The stream revision of the last event folded in. */
  readonly revision: number;
};

/**
 * For auditors: the case view as it stood after the events up to the cut (their occurredAt on
 * the domain clock, not when they were stored, and/or a stream revision). Neither: 400; before
 * the case opened: 404.
 */
export class GetCaseHistoryState extends Query<CaseHistoryState> {
  constructor(
    readonly claimId: string,
    readonly cut: HistoryStateQuery,
  ) {
    super();
  }
}

@QueryHandler(GetCaseHistoryState)
export class GetCaseHistoryStateHandler implements IQueryHandler<GetCaseHistoryState> {
  constructor(
    @Inject(REVIEW_CASES) private readonly cases: ReviewCaseHistories,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
  ) {}

  async execute({ claimId, cut }: GetCaseHistoryState): Promise<CaseHistoryState> {
    const historyCut = historyCutOf(cut);
    const { state, revision } = await this.cases.auditAsOf(claimId, historyCut);
    if (state.status === 'none')
      throw new NotFoundRefusal(`No review case for claim ${claimId} at that point`);
    const at = historyCut.at ?? null;
    const view = reviewCaseView(state, { timetable: this.terms.timetable, at, withClaimant: false });
    return { ...view, asOf: at ? at.toISOString() : null, revision };
  }
}
