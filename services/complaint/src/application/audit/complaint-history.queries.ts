import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AuditedEvent, NotFoundRefusal } from '@claims/event-sourcing';
import { HistoryStateQuery, historyCutOf } from '@claims/service-host';
import { ComplaintView, complaintView } from '../complaint-view/complaint.view';
import { COMPLAINTS, ComplaintHistories } from '../ports';

/** For auditors: every fact of a complaint, who caused it and when, personal fields by name only. */
export class GetComplaintHistory extends Query<AuditedEvent[]> {
  constructor(readonly complaintId: string) {
    super();
  }
}

export type ComplaintHistoryState = ComplaintView & {
  /** The instant asked for (null for a cut by revision alone). */
  readonly asOf: string | null;
  /** The stream revision of the last event folded in. */
  readonly revision: number;
};

/**
 * For auditors: the complaint as it stood after the events up to the cut (their occurredAt on the
 * domain clock and/or a stream revision), clocks included. Neither: 400; before receipt: 404.
 */
export class GetComplaintHistoryState extends Query<ComplaintHistoryState> {
  constructor(
    readonly complaintId: string,
    readonly cut: HistoryStateQuery,
  ) {
    super();
  }
}

@QueryHandler(GetComplaintHistory)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistory> {
  constructor(@Inject(COMPLAINTS) private readonly complaints: ComplaintHistories) {}

  execute({ complaintId }: GetComplaintHistory): Promise<AuditedEvent[]> {
    return this.complaints.audit(complaintId);
  }
}

@QueryHandler(GetComplaintHistoryState)
export class GetComplaintHistoryStateHandler implements IQueryHandler<GetComplaintHistoryState> {
  constructor(@Inject(COMPLAINTS) private readonly complaints: ComplaintHistories) {}

  async execute({ complaintId, cut }: GetComplaintHistoryState): Promise<ComplaintHistoryState> {
    const historyCut = historyCutOf(cut);
    const { state, revision } = await this.complaints.auditAsOf(complaintId, historyCut);
    if (state.status === 'none') throw new NotFoundRefusal(`No complaint ${complaintId} at that point`);
    const at = historyCut.at ?? null;
    return {
      ...complaintView(state, { withComplainant: false }),
      asOf: at ? at.toISOString() : null,
      revision,
    };
  }
}
