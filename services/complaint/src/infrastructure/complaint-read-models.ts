import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputRefusal } from '@claims/event-sourcing';
import { READ_MODEL_DB } from '@claims/service-host';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import {
  ComplaintListFilter,
  ComplaintQueue,
  ComplaintSummary,
  Page,
  PageRequest,
  RelatedClaim,
  RelatedClaims,
} from '../application/ports';
import { ClaimInvolvementRow, ClaimRef, ClaimTimelineRow, ComplaintRow } from './read-models';

const ENDED = ['declined', 'withdrawn', 'closed', 'archived'];

/** The work queue and the related claims, on the service's read-model database. */
@Injectable()
export class ComplaintReadModels implements ComplaintQueue, RelatedClaims {
  constructor(@Inject(READ_MODEL_DB) private readonly db: DataSource) {}

  async statusOfNumber(complaintNumber: string): Promise<string | null> {
    const row = await this.db.manager.findOneBy(ComplaintRow, { complaintNumber });
    return row ? row.status : null;
  }

  async customerOf(complaintId: string): Promise<string | null | undefined> {
    const row = await this.db.manager.findOneBy(ComplaintRow, { complaintId });
    return row ? row.customerId : undefined;
  }

  /**
   * One page of the rows the filter selects, nearest deadline first (no running clock last), then
   * by receipt and complaint id: the keyset the cursor continues after.
   */
  async list(filter: ComplaintListFilter, request: PageRequest): Promise<Page<ComplaintSummary>> {
    const query = this.db.getRepository(ComplaintRow).createQueryBuilder('c').where('1 = 1');
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.handlerId) query.andWhere('c.handlerId = :handlerId', { handlerId: filter.handlerId });
    if (filter.priority) query.andWhere('c.priority = :priority', { priority: filter.priority });
    if (filter.customerId !== undefined)
      query.andWhere('c.customerId = :customerId', { customerId: filter.customerId });
    if (filter.dueBefore) query.andWhere('c.nextDueAt <= :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.openOnly) query.andWhere('c.status NOT IN (:...ended)', { ended: ENDED });
    if (request.cursor) continueAfter(query, decodeCursor(request.cursor));
    const rows = await query
      .orderBy('c.nextDueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('c.receivedAt', 'ASC')
      .addOrderBy('c.complaintId', 'ASC')
      .limit(request.limit + 1)
      .getMany();
    const items = rows.slice(0, request.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > request.limit && last ? encodeCursor(last) : null;
    return { items: items.map(summaryOf), nextCursor };
  }

  async ofClaimNumbers(claimNumbers: readonly string[]): Promise<RelatedClaim[]> {
    if (!claimNumbers.length) return [];
    const refs = await this.db.manager.findBy(ClaimRef, { claimNumber: In([...claimNumbers]) });
    const ids = refs.map((r) => r.claimId);
    const involvements = ids.length
      ? await this.db.manager.findBy(ClaimInvolvementRow, { claimId: In(ids) })
      : [];
    const timeline = ids.length
      ? await this.db.manager.find(ClaimTimelineRow, {
          where: { claimId: In(ids) },
          order: { occurredAt: 'ASC' },
        })
      : [];
    return claimNumbers.map((claimNumber) => {
      const claimId = refs.find((r) => r.claimNumber === claimNumber)?.claimId ?? null;
      return {
        claimNumber,
        claimId,
        involvements: involvements
          .filter((i) => i.claimId === claimId)
          .map((i) => ({ claimNumber, staffId: i.staffId, as: i.involvedAs })),
        timeline: timeline
          .filter((t) => t.claimId === claimId)
          .map(({ type, occurredAt }) => ({ type, occurredAt })),
      };
    });
  }
}

interface Cursor {
  readonly due: string | null;
  readonly received: string;
  readonly id: string;
}

function encodeCursor(row: ComplaintRow): string {
  const cursor: Cursor = { due: row.nextDueAt, received: row.receivedAt, id: row.complaintId };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const refuse = () =>
    new InvalidInputRefusal('The cursor is not one this list gave', [
      { path: 'cursor', message: 'cursor must be the nextCursor of a previous page' },
    ]);
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { due, received, id } = (cursor ?? {}) as Record<string, unknown>;
  const text100 = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
  if (!(due === null || text100(due)) || !text100(received) || !text100(id)) throw refuse();
  return { due, received, id };
}

function continueAfter(query: SelectQueryBuilder<ComplaintRow>, after: Cursor): void {
  const sameDueLater = '(c.receivedAt > :received OR (c.receivedAt = :received AND c.complaintId > :id))';
  const keys = { due: after.due, received: after.received, id: after.id };
  if (after.due === null) query.andWhere(`(c.nextDueAt IS NULL AND ${sameDueLater})`, keys);
  else {
    const laterDue = 'c.nextDueAt IS NULL OR c.nextDueAt > :due';
    query.andWhere(`(${laterDue} OR (c.nextDueAt = :due AND ${sameDueLater}))`, keys);
  }
}

function summaryOf(row: ComplaintRow): ComplaintSummary {
  const { clocks: _clocks, updatedAt: _updatedAt, ...summary } = row;
  return { ...summary };
}
