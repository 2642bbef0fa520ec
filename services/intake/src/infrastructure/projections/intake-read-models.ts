import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppendResult, EventStore, InvalidInputRefusal, PersonalDataVault } from '@claims/event-sourcing';
import {
  EVENT_STORE,
  PERSONAL_DATA_VAULT,
  READ_MODEL_DB,
  ReadModelProgress,
  ReadModelProjection,
} from '@claims/service-host';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  ClaimStatusEntry,
  ClaimStatusFilter,
  IntakeViews,
  Page,
  PageRequest,
  WorkQueueEntry,
  WorkQueueFilter,
} from '../../application/ports';
import { PROJECTED_EVENT_TYPES, projectIntakeEvent } from './intake-projection';
import { ClaimStatusView, WorkQueueItem } from './read-model-entities';

/**
 * Keeps the work queue and claim status view in step with intake's history. A command that
 * changes them waits until they show its own write (read your writes), so queries read them as
 * they stand. `REBUILD_READ_MODELS=true` empties the tables and replays the history.
 */
@Injectable()
export class IntakeReadModels
  implements ReadModelProgress, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly projection: ReadModelProjection;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: DataSource,
    @Inject(PERSONAL_DATA_VAULT) vault: PersonalDataVault,
  ) {
    this.projection = new ReadModelProjection({
      name: 'intake.read-models.v2',
      store,
      dataSource: db,
      vault,
      filter: { eventTypes: PROJECTED_EVENT_TYPES },
      project: projectIntakeEvent,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projection.stop();
  }

  /**
   * Resolves once the read models show an append of a consultation or a claim application (a
   * policy's or a number sequence's events are not projected, so never pass those). Not from
   * inside a read-model transaction (a consumed message): the projection would queue behind it.
   */
  showing(appended: AppendResult | null): Promise<void> {
    return this.projection.showing(appended);
  }
}

/** The read-model queries the application asks through its port, a page at a time (keyset paging). */
@Injectable()
export class TypeOrmIntakeViews implements IntakeViews {
  constructor(@Inject(READ_MODEL_DB) private readonly db: DataSource) {}

  /** Oldest first: by the instant the case entered the queue, then its id. */
  async workQueue(filter: WorkQueueFilter, page: PageRequest): Promise<Page<WorkQueueEntry>> {
    const query = this.db.getRepository(WorkQueueItem).createQueryBuilder('w').where('1 = 1');
    if (filter.ownerId) query.andWhere('w.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.channel) query.andWhere('w.channel = :channel', { channel: filter.channel });
    if (filter.kind) query.andWhere('w.kind = :kind', { kind: filter.kind });
    const keyset = { list: 'work-queue', sort: 'w.openedAt', id: 'w.caseId', direction: 'ASC' } as const;
    return pageOf(query, keyset, page, (row) => [row.openedAt, row.caseId]);
  }

  /** Newest report first: by the instant the claim was reported, then its id. */
  async claimStatuses(filter: ClaimStatusFilter, page: PageRequest): Promise<Page<ClaimStatusEntry>> {
    const query = this.db.getRepository(ClaimStatusView).createQueryBuilder('c').where('1 = 1');
    if (filter.customerId) query.andWhere('c.customerId = :customerId', { customerId: filter.customerId });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.stage) query.andWhere('c.stage = :stage', { stage: filter.stage });
    const keyset = { list: 'claims', sort: 'c.reportedAt', id: 'c.claimId', direction: 'DESC' } as const;
    return pageOf(query, keyset, page, (row) => [row.reportedAt, row.claimId]);
  }

  claimStatus(claimId: string): Promise<ClaimStatusEntry | null> {
    return this.db.getRepository(ClaimStatusView).findOneBy({ claimId });
  }
}

/** A list's order: a sort column (ISO instants, whose text order is their time order) and the row's id. */
interface Keyset {
  /** Names the list, so a cursor of another list is refused. */
  readonly list: string;
  readonly sort: string;
  readonly id: string;
  readonly direction: 'ASC' | 'DESC';
}

/** One page after the cursor: `limit + 1` rows are read to know whether another page follows. */
async function pageOf<Row extends ObjectLiteral>(
  query: SelectQueryBuilder<Row>,
  keyset: Keyset,
  request: PageRequest,
  keyOf: (row: Row) => readonly [string, string],
): Promise<Page<Row>> {
  if (request.cursor) {
    const [sort, id] = decodeCursor(keyset.list, request.cursor);
    const after = keyset.direction === 'ASC' ? '>' : '<';
    query.andWhere(
      `(${keyset.sort} ${after} :cursorSort OR (${keyset.sort} = :cursorSort AND ${keyset.id} ${after} :cursorId))`,
      { cursorSort: sort, cursorId: id },
    );
  }
  const rows = await query
    .orderBy(keyset.sort, keyset.direction)
    .addOrderBy(keyset.id, keyset.direction)
    .take(request.limit + 1)
    .getMany();
  const items = rows.slice(0, request.limit);
  const last = items.at(-1);
  const more = rows.length > request.limit && last !== undefined;
  return { items, nextCursor: more ? encodeCursor(keyset.list, keyOf(last)) : null };
}

function encodeCursor(list: string, key: readonly [string, string]): string {
  return Buffer.from(JSON.stringify({ l: list, k: key })).toString('base64url');
}

/** The key a cursor continues after; a cursor this list did not give is refused (400). */
function decodeCursor(list: string, cursor: string): readonly [string, string] {
  const refuse = () =>
    new InvalidInputRefusal('The cursor is not one this list gave', [
      { path: 'cursor', message: 'cursor must be the nextCursor of a previous page of this list' },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { l, k } = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as Record<
    string,
    unknown
  >;
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
  if (l !== list || !Array.isArray(k) || k.length !== 2 || !text(k[0]) || !text(k[1])) throw refuse();
  return [k[0], k[1]];
}
