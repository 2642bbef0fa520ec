import { Inject } from '@nestjs/common';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { TimelineEntry, causalTimeline } from '../../domain/timeline';
import { ARCHIVE, Archive, RECEIVED_HISTORY, ReceivedHistory } from '../ports';

export interface CaseTimeline {
  readonly number: string;
  readonly caseId: string;
  readonly kind: string;
  /** The claims and complaints that name each other (a complaint's related claims, a claim's complaints). */
  readonly related: string[];
  readonly events: TimelineEntry[];
}

/** Auditors: every event analytics received about a claim or complaint and the cases related to it. */
export class GetCaseTimeline extends Query<CaseTimeline> {
  constructor(readonly number: string) {
    super();
  }
}

@QueryHandler(GetCaseTimeline)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimeline> {
  constructor(
    @Inject(ARCHIVE) private readonly archive: Archive,
    @Inject(RECEIVED_HISTORY) private readonly history: ReceivedHistory,
  ) {}

  async execute({ number }: GetCaseTimeline): Promise<CaseTimeline> {
    const found = await this.archive.byNumber(number);
    if (!found) throw new NotFoundRefusal(`No case ${number} in the archive`);
    const numbers = [number, ...found.relatedNumbers];
    const all = await this.archive.all();
    const related = all.filter(
      (c) =>
        c.caseId !== found.caseId &&
        ((c.number !== null && numbers.includes(c.number)) || c.relatedNumbers.includes(number)),
    );
    const events = await this.history.ofCases([found.caseId, ...related.map((c) => c.caseId)]);
    return {
      number,
      caseId: found.caseId,
      kind: found.kind,
      related: related.map((c) => c.number ?? c.caseId).sort(),
      events: causalTimeline(events),
    };
  }
}
