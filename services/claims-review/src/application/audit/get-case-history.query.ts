import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AuditedEvent } from '@claims/event-sourcing';
import { REVIEW_CASES, ReviewCaseHistories } from '../ports';

/** For auditors: every fact of a case, who caused it and when, personal fields by name only. */
export class GetCaseHistory extends Query<AuditedEvent[]> {
  constructor(readonly claimId: string) {
    super();
  }
}

@QueryHandler(GetCaseHistory)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistory> {
  constructor(@Inject(REVIEW_CASES) private readonly cases: ReviewCaseHistories) {}

  execute({ claimId }: GetCaseHistory): Promise<AuditedEvent[]> {
    return this.cases.audit(claimId);
  }
}
