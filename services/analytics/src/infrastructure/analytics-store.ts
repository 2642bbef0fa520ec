import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputRefusal, PersonalDataVault } from '@claims/event-sourcing';
import { IntegrationEvent, revealIntegrationEvent } from '@claims/messaging';
import { PERSONAL_DATA_VAULT, READ_MODEL_DB } from '@claims/service-host';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import {
  Archive,
  ArchiveFilter,
  ClosedQuarter,
  ClosedQuarters,
  Page,
  PageRequest,
  ReceivedHistory,
} from '../application/ports';
import { ArchivedCase, foldAll, foldCase } from '../domain/case-archive';
import { Positions, ReceivedEvent, withinPositions } from '../domain/received-event';
import { ArchivedCaseRow, ClosedQuarterRow, ReceivedEventRow } from './read-models';

/** The archive, the received history and the closed quarters, on analytics' read-model database. */
@Injectable()
export class AnalyticsStore implements Archive, ReceivedHistory, ClosedQuarters {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  /** Records a received event and refolds its case, in the consumer's transaction. */
  async record(manager: EntityManager, event: ReceivedEvent): Promise<void> {
    await manager.save(ReceivedEventRow, { ...event });
    const history = (await manager.findBy(ReceivedEventRow, { caseId: event.caseId })).map(receivedOf);
    const folded = await foldCase(event.caseId, history, (e) => this.reveal(e));
    if (folded) await manager.save(ArchivedCaseRow, { ...folded });
  }

  /**
   * Refolds the whole archive from the received history (REBUILD_READ_MODELS=true at start, or
   * after a customer was forgotten: the masked fields then read as forgotten). Answers how many cases.
   */
  async rebuildArchive(): Promise<number> {
    const cases = await foldAll(await this.events(), (e) => this.reveal(e));
    await this.db.transaction(async (manager) => {
      await manager.clear(ArchivedCaseRow);
      for (let i = 0; i < cases.length; i += 200)
        await manager.save(
          ArchivedCaseRow,
          cases.slice(i, i + 200).map((c) => ({ ...c })),
        );
    });
    return cases.length;
  }

  async reveal(event: ReceivedEvent) {
    if (!event.data['personalData']) return undefined;
    const revealed = await revealIntegrationEvent(
      { id: event.eventId, type: event.type, data: event.data } as unknown as IntegrationEvent,
      this.vault,
    );
    return revealed.personalData?.fields as { claimantName?: unknown; claimantPhone?: unknown } | undefined;
  }

  async events(positions?: Positions): Promise<ReceivedEvent[]> {
    const rows = (await this.db.manager.find(ReceivedEventRow)).map(receivedOf);
    return positions ? rows.filter((e) => withinPositions(e, positions)) : rows;
  }

  /** How many events analytics has received. */
  received(): Promise<number> {
    return this.db.manager.count(ReceivedEventRow);
  }

  async ofCases(caseIds: readonly string[]): Promise<ReceivedEvent[]> {
    if (!caseIds.length) return [];
    return (await this.db.manager.findBy(ReceivedEventRow, { caseId: In([...caseIds]) })).map(receivedOf);
  }

  async search(filter: ArchiveFilter, request: PageRequest): Promise<Page<ArchivedCase>> {
    const query = this.filtered(filter);
    if (request.cursor) {
      const after = decodeCursor(request.cursor);
      query.andWhere('(c.receivedAt > :received OR (c.receivedAt = :received AND c.caseId > :id))', after);
    }
    const rows = await query.limit(request.limit + 1).getMany();
    const items = rows.slice(0, request.limit).map(caseOf);
    const last = items.at(-1);
    const nextCursor =
      rows.length > request.limit && last
        ? Buffer.from(JSON.stringify({ received: last.receivedAt, id: last.caseId })).toString('base64url')
        : null;
    return { items, nextCursor };
  }

  async *scan(filter: ArchiveFilter, batch: number): AsyncIterable<ArchivedCase> {
    let cursor: string | undefined;
    do {
      const page = await this.search(filter, { limit: batch, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async byNumber(number: string): Promise<ArchivedCase | null> {
    const row = await this.db.manager.findOneBy(ArchivedCaseRow, { number });
    return row ? caseOf(row) : null;
  }

  async all(): Promise<ArchivedCase[]> {
    return (await this.db.manager.find(ArchivedCaseRow, { order: { caseId: 'ASC' } })).map(caseOf);
  }

  async related(numbers: readonly string[]): Promise<ArchivedCase[]> {
    const rows = await this.db.manager.find(ArchivedCaseRow);
    return rows
      .map(caseOf)
      .filter(
        (c) => (c.number && numbers.includes(c.number)) || c.relatedNumbers.some((n) => numbers.includes(n)),
      );
  }

  async find(quarter: string): Promise<ClosedQuarter | null> {
    return this.db.manager.findOneBy(ClosedQuarterRow, { quarter });
  }

  async close(closed: ClosedQuarter): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      if (await manager.findOneBy(ClosedQuarterRow, { quarter: closed.quarter })) return false;
      await manager.insert(ClosedQuarterRow, { ...closed });
      return true;
    });
  }

  private filtered(filter: ArchiveFilter): SelectQueryBuilder<ArchivedCaseRow> {
    const q = this.db.getRepository(ArchivedCaseRow).createQueryBuilder('c').where('1 = 1');
    const eq: [keyof ArchiveFilter, string][] = [
      ['kind', 'kind'],
      ['number', 'number'],
      ['policyNumber', 'policyNumber'],
      ['status', 'status'],
      ['outcome', 'outcome'],
      ['category', 'category'],
      ['channel', 'channel'],
      ['productLine', 'productLine'],
    ];
    for (const [key, column] of eq) {
      if (filter[key] !== undefined) q.andWhere(`c.${column} = :${key}`, { [key]: filter[key] });
    }
    if (filter.from) q.andWhere('c.receivedAt >= :from', { from: instantOf(filter.from) });
    if (filter.to) q.andWhere('c.receivedAt < :to', { to: instantOf(filter.to) });
    return q.orderBy('c.receivedAt', 'ASC').addOrderBy('c.caseId', 'ASC');
  }
}

const instantOf = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : new Date(v).toISOString();

function decodeCursor(text: string): { received: string; id: string } {
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
  const { received, id } = (cursor ?? {}) as Record<string, unknown>;
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
  if (!ok(received) || !ok(id)) throw refuse();
  return { received, id };
}

export function receivedOf(row: ReceivedEventRow): ReceivedEvent {
  return {
    eventId: row.eventId,
    topic: row.topic,
    partition: row.partition,
    busOffset: row.busOffset,
    source: row.source,
    type: row.type,
    schemaVersion: row.schemaVersion,
    subject: row.subject,
    caseId: row.caseId,
    time: row.time,
    correlationId: row.correlationId,
    causationId: row.causationId ?? null,
    data: row.data,
  };
}

/** A row as the domain's record, keys in the record's order (so a rebuild compares equal). */
export function caseOf(row: ArchivedCaseRow): ArchivedCase {
  return {
    caseId: row.caseId,
    kind: row.kind as ArchivedCase['kind'],
    number: row.number,
    policyNumber: row.policyNumber,
    customer: row.customer,
    status: row.status,
    outcome: row.outcome,
    category: row.category,
    channel: row.channel,
    productLine: row.productLine,
    branch: row.branch,
    handlerId: row.handlerId,
    reasonCodes: row.reasonCodes,
    milestones: row.milestones,
    durations: row.durations,
    route: row.route,
    supplementaryRounds: row.supplementaryRounds,
    escalations: row.escalations,
    payoutMinor: row.payoutMinor,
    paidMinor: row.paidMinor,
    currency: row.currency,
    timeLimitsAtRisk: row.timeLimitsAtRisk,
    timeLimitsExceeded: row.timeLimitsExceeded,
    clocks: row.clocks,
    satisfaction: row.satisfaction,
    reevaluations: row.reevaluations,
    rootCause: row.rootCause,
    correctiveAction: row.correctiveAction,
    relatedNumbers: row.relatedNumbers,
    receivedAt: row.receivedAt,
    closedAt: row.closedAt,
    reopened: row.reopened,
  };
}
