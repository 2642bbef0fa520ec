import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB } from '@claims/service-host';
import { InvalidInputRefusal } from '@claims/event-sourcing';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  CaseListFilter,
  CaseSummary,
  CaseViews,
  DueWindow,
  HandlerWorkload,
  Page,
  PageRequest,
  PaidOnPolicy,
  WorkQueues,
} from '../application/ports';
import { Money } from '../domain/money';
import { PolicyPaidTotal, ReviewCaseView } from './read-models';

/** The review-case read models in the service's database, behind the application's query ports. */
@Injectable()
export class ReviewCaseReadModels implements WorkQueues, CaseViews, HandlerWorkload, PaidOnPolicy {
  constructor(@Inject(READ_MODEL_DB) private readonly db: DataSource) {}

  list(filter: CaseListFilter, page: PageRequest): Promise<Page<CaseSummary>> {
    return this.page(page, (q) => {
      if (filter.status) q.andWhere('c.status = :status', { status: filter.status });
      if (filter.assignee) q.andWhere('c.handlerId = :assignee', { assignee: filter.assignee });
      if (filter.dueBefore) q.andWhere('c.stepDueAt <= :dueBefore', { dueBefore: filter.dueBefore });
      if (filter.customerId !== undefined) q.andWhere('c.customerId = :customerId', filter);
    });
  }

  awaitingAcceptance(page: PageRequest): Promise<Page<CaseSummary>> {
    return this.page(page, (q) => q.andWhere('c.status = :status', { status: 'awaiting-acceptance' }));
  }

  handledBy(handlerId: string, page: PageRequest): Promise<Page<CaseSummary>> {
    const waitingForOthers = ['closed', 'awaiting-approval', 'under-investigation'];
    return this.page(page, (q) =>
      q
        .andWhere('c.handlerId = :handlerId', { handlerId })
        .andWhere('c.status NOT IN (:...waitingForOthers)', { waitingForOthers }),
    );
  }

  underInvestigationBy(investigatorId: string, page: PageRequest): Promise<Page<CaseSummary>> {
    return this.page(page, (q) =>
      q
        .andWhere('c.investigatorId = :investigatorId', { investigatorId })
        .andWhere('c.status = :status', { status: 'under-investigation' }),
    );
  }

  awaitingApprovalUpTo(level: number, approverId: string, page: PageRequest): Promise<Page<CaseSummary>> {
    return this.page(page, (q) =>
      q
        .andWhere('c.status = :status', { status: 'awaiting-approval' })
        .andWhere('c.approvalLevel <= :level', { level })
        .andWhere('(c.handlerId IS NULL OR c.handlerId != :approverId)', { approverId })
        .andWhere('(c.proposedBy IS NULL OR c.proposedBy != :approverId)', { approverId }),
    );
  }

  due(window: DueWindow, page: PageRequest): Promise<Page<CaseSummary>> {
    return this.page(page, (q) => dueWithin(q, window));
  }

  countDue(window: DueWindow): Promise<number> {
    return dueWithin(
      this.db.getRepository(ReviewCaseView).createQueryBuilder('c').where('1 = 1'),
      window,
    ).getCount();
  }

  async customerOf(claimId: string): Promise<string | null> {
    const row = await this.db
      .getRepository(ReviewCaseView)
      .findOne({ where: { claimId }, select: { customerId: true } });
    return row?.customerId ?? null;
  }

  async openCasesByHandler(): Promise<Record<string, number>> {
    const rows = await this.db.manager
      .createQueryBuilder(ReviewCaseView, 'c')
      .select('c.handlerId', 'handlerId')
      .addSelect('COUNT(*)', 'open')
      .where('c.status != :closed AND c.handlerId IS NOT NULL', { closed: 'closed' })
      .groupBy('c.handlerId')
      .getRawMany<{ handlerId: string; open: string | number }>();
    return Object.fromEntries(rows.map((r) => [r.handlerId, Number(r.open)]));
  }

  async paidByOtherClaims(policyNumber: string, currency: string, claimId: string): Promise<Money> {
    const total = await this.db.manager.findOneBy(PolicyPaidTotal, { policyNumber });
    const own = await this.db.manager.findOneBy(ReviewCaseView, { claimId });
    return {
      amountMinor: (total?.paidMinor ?? 0) - (own?.paidMinor ?? 0),
      currency: total?.currency ?? currency,
    };
  }

  /**
   * One page of the rows the filter selects, soonest due first (no due time last), then by
   * submission and claim id: the keyset the cursor continues after. Instants are stored as
   * `toISOString()` strings, whose order is their time order.
   */
  private async page(
    request: PageRequest,
    filter: (query: SelectQueryBuilder<ReviewCaseView>) => unknown,
  ): Promise<Page<CaseSummary>> {
    const query = this.db.getRepository(ReviewCaseView).createQueryBuilder('c').where('1 = 1');
    filter(query);
    if (request.cursor) continueAfter(query, decodeCursor(request.cursor));
    const rows = await query
      .orderBy('c.stepDueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('c.submittedAt', 'ASC')
      .addOrderBy('c.claimId', 'ASC')
      .limit(request.limit + 1)
      .getMany();
    const items = rows.slice(0, request.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > request.limit && last ? encodeCursor(last) : null;
    return { items: items.map(summaryOf), nextCursor };
  }
}

/** Where a page ended: the sort key of its last row. */
interface Cursor {
  readonly due: string | null;
  readonly submitted: string;
  readonly claim: string;
}

function encodeCursor(row: ReviewCaseView): string {
  const cursor: Cursor = { due: row.stepDueAt, submitted: row.submittedAt, claim: row.claimId };
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
  const { due, submitted, claim } = (cursor ?? {}) as Record<string, unknown>;
  const text100 = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
  if (!(due === null || text100(due)) || !text100(submitted) || !text100(claim)) throw refuse();
  return { due, submitted, claim };
}

/** Rows after the cursor in the list's order (due time, no due time last; submission; claim id). */
function continueAfter(query: SelectQueryBuilder<ReviewCaseView>, after: Cursor): void {
  const sameDueLater = '(c.submittedAt > :submitted OR (c.submittedAt = :submitted AND c.claimId > :claim))';
  const keys = { due: after.due, submitted: after.submitted, claim: after.claim };
  if (after.due === null) query.andWhere(`(c.stepDueAt IS NULL AND ${sameDueLater})`, keys);
  else {
    const laterDue = `c.stepDueAt IS NULL OR c.stepDueAt > :due`;
    query.andWhere(`(${laterDue} OR (c.stepDueAt = :due AND ${sameDueLater}))`, keys);
  }
}

function summaryOf(row: ReviewCaseView): CaseSummary {
  const money = (amountMinor: number): Money => ({ amountMinor, currency: row.currency });
  return {
    claimId: row.claimId,
    claimNumber: row.claimNumber,
    customerId: row.customerId,
    policyNumber: row.policyNumber,
    productLine: row.productLine,
    status: row.status,
    handlerId: row.handlerId,
    investigatorId: row.investigatorId,
    approvalLevel: row.approvalLevel,
    currentStep: row.currentStep,
    stepDueAt: row.stepDueAt,
    pausedSince: row.pausedSince,
    customerRespondBy: row.customerRespondBy,
    timeLimitAlert: row.timeLimitAlert,
    estimatedLoss: money(row.estimatedLossMinor),
    assessedLoss: row.assessedLossMinor === null ? null : money(row.assessedLossMinor),
    payout: row.payoutMinor === null ? null : money(row.payoutMinor),
    paid: money(row.paidMinor),
    supplementaryRounds: row.supplementaryRounds,
    suspicions: row.suspicions,
    fastTracked: row.fastTracked,
    expectedArrivalDate: row.expectedArrivalDate,
    submittedAt: row.submittedAt,
    closedAt: row.closedAt,
  };
}

/** Cases whose running step (not paused, not closed: those have no due time) is due within the window. */
function dueWithin(
  query: SelectQueryBuilder<ReviewCaseView>,
  window: DueWindow,
): SelectQueryBuilder<ReviewCaseView> {
  query.andWhere('c.stepDueAt IS NOT NULL');
  if (window.before) query.andWhere('c.stepDueAt < :before', { before: window.before });
  if (window.from) query.andWhere('c.stepDueAt >= :from', { from: window.from });
  if (window.until) query.andWhere('c.stepDueAt <= :until', { until: window.until });
  return query;
}
