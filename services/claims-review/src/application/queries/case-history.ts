import { Injectable, NotFoundException } from '@nestjs/common';
import { PERSONAL_DATA_KEY } from '@claims/event-sourcing';
import { ReviewCases } from '../../infrastructure/review-cases';

/** For auditors: every fact of a case with who caused it, and the case as it stood at any moment. */
@Injectable()
export class CaseHistory {
  constructor(private readonly cases: ReviewCases) {}

  async history(claimId: string) {
    const events = await this.cases.history(claimId);
    if (!events.length) throw new NotFoundException(`No review case for claim ${claimId}`);
    return events.map((e) => {
      const { [PERSONAL_DATA_KEY]: _sealed, ...data } = e.data as Record<string, unknown>;
      return {
        revision: e.streamRevision,
        type: e.type,
        schemaVersion: e.schemaVersion,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        actor: e.actor,
        correlationId: e.correlationId,
        causationId: e.causationId,
        data,
        personalFields: e.personalData ? Object.keys(e.personalData.fields) : [],
      };
    });
  }

  async asOf(claimId: string, cut: { at?: Date; revision?: number }) {
    const reviewCase = await this.cases.asOf(claimId, cut);
    if (!reviewCase) throw new NotFoundException(`No review case for claim ${claimId} at that point`);
    return reviewCase.snapshot();
  }
}
