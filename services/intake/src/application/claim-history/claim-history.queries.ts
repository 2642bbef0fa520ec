import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AuditedEvent, HistoryCut, NotFoundRefusal } from '@claims/event-sourcing';
import { DocumentChecklists } from '../../domain/claim-application/document-checklist';
import { CLAIM_APPLICATIONS, ClaimApplications } from '../ports';
import { ClaimApplicationView, claimApplicationView } from '../claim-tracking/claim-application.view';

/** Auditors: every event of a claim application's history (personal fields named, never shown). */
export class GetClaimHistory extends Query<AuditedEvent[]> {
  constructor(readonly claimId: string) {
    super();
  }
}

export type ClaimApplicationAsOf = ClaimApplicationView & { readonly asOf: string | null };

/**
 * Auditors: the application as it stood after the events up to a cut, on the domain clock
 * (the events' occurredAt) and/or at a stream revision.
 */
export class GetClaimApplicationAsOf extends Query<ClaimApplicationAsOf> {
  constructor(
    readonly claimId: string,
    readonly cut: HistoryCut,
  ) {
    super();
  }
}

@QueryHandler(GetClaimHistory)
export class GetClaimHistoryHandler implements IQueryHandler<GetClaimHistory> {
  constructor(@Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications) {}

  execute({ claimId }: GetClaimHistory): Promise<AuditedEvent[]> {
    return this.claims.audit(claimId);
  }
}

@QueryHandler(GetClaimApplicationAsOf)
export class GetClaimApplicationAsOfHandler implements IQueryHandler<GetClaimApplicationAsOf> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({ claimId, cut }: GetClaimApplicationAsOf): Promise<ClaimApplicationAsOf> {
    const { state, revision } = await this.claims.auditAsOf(claimId, cut);
    if (state.status === 'none')
      throw new NotFoundRefusal(`There is no claim ${claimId} at that point of its history`);
    return {
      ...claimApplicationView(state, revision, this.checklists),
      asOf: cut.at?.toISOString() ?? null,
      revision,
    };
  }
}
