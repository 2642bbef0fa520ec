import { createHash } from 'node:crypto';
import pg from 'pg';
import { AppendSignal, OpenSubscriptions, startCatchUpSubscription } from '../catch-up-subscription';
import { EventEnvelope, NewEvent } from '../envelope';
import { GENESIS_HASH, contentDigest } from '../integrity';
import {
  AppendResult,
  EventHandler,
  EventIdReusedError,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoreSubscription,
  SubscribeOptions,
  WrongExpectedRevisionError,
  findPreviousAppend,
} from '../event-store';

export interface PostgresEventStoreOptions {
  /** Used to create the pool (unless `pool` is given) and the dedicated LISTEN connection. */
  readonly connectionString?: string;
  /** Schema holding the `events` table; letters, digits and underscores, at most 54 characters. */
  readonly schema?: string;
  /** A pool owned by the caller: it is used but not ended by close(). */
  readonly pool?: pg.Pool;
  /** Safety-net poll interval of subscriptions, for a missed or lost notification. */
  readonly pollIntervalMs?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,53}$/;
const UNIQUE_VIOLATION = '23505';
const REVISION_CONSTRAINT = 'events_stream_revision_key';
const EVENT_ID_CONSTRAINT = 'events_event_id_key';
const GUARD_TRIGGERS = ['events_no_update_delete', 'events_no_truncate'];
/** Appends within this window share one NOTIFY to other processes. */
const NOTIFY_WINDOW_MS = 5;
/** Most events in one append: positions are `transaction id * this + index`. */
export const POSITIONS_PER_APPEND = 4096;
/** Transaction ids above this would give positions beyond Number.MAX_SAFE_INTEGER. */
const LAST_SAFE_TRANSACTION_ID = Math.floor(Number.MAX_SAFE_INTEGER / POSITIONS_PER_APPEND) - 1;

interface InsertOutcome {
  /** The stream's revision before the append; null when the stream did not exist. */
  readonly current: number | null;
  /** null when nothing was inserted because the expected revision did not hold. */
  readonly lastGlobalPosition: number | null;
}

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  correlation_id: string;
  causation_id: string | null;
  actor: EventEnvelope['actor'];
  data: unknown;
  metadata: Record<string, unknown>;
  integrity_hash: string | null;
}

/** Timestamps are formatted by the server, so they come back as exact ISO-8601 UTC strings. */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const COLUMNS = `global_position, event_id::text AS event_id, stream_id, stream_revision, type, schema_version,
  to_char(occurred_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS occurred_at,
  to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at,
  correlation_id, causation_id, actor, data, metadata, integrity_hash`;

/**
 * Event store in one append-only PostgreSQL table. An append is one statement in its own
 * transaction, with no lock shared between streams, so concurrent writers commit (and flush)
 * together. A global position is derived from the appending transaction's id
 * (`xid * POSITIONS_PER_APPEND + index`), and readers of the whole log stop below the oldest
 * transaction still in flight: a transaction that commits late can therefore never appear
 * behind a position a subscriber has already passed. Subscribers are woken by NOTIFY, sent
 * after the commit, and poll as a safety net.
 */
export class PostgresEventStore implements EventStore {
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new OpenSubscriptions();
  private readonly table: string;
  private readonly channel: string;
  private readonly lockKey: string;
  private listener: pg.Client | null = null;
  private listening: Promise<pg.Client> | null = null;
  private notifyScheduled = false;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    private readonly connectionConfig: pg.ClientConfig,
    readonly schema: string,
    private readonly pollIntervalMs: number | undefined,
  ) {
    this.table = `${pg.escapeIdentifier(schema)}.events`;
    this.channel = `${schema}_appended`;
    this.lockKey = advisoryLockKey(schema);
  }

  /** Connects, and creates the schema and the events table if they are missing. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'event_store';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid event store schema name: ${schema}`);
    if (!options.pool && !options.connectionString)
      throw new Error('PostgresEventStore needs a connectionString or a pool');
    const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
    if (!options.pool) {
      // An idle pooled connection that breaks (e.g. a server restart) is dropped from the pool and
      // the next query opens a new one; without a listener the pool would crash the process.
      pool.on('error', () => undefined);
    }
    const connectionConfig: pg.ClientConfig = options.connectionString
      ? { connectionString: options.connectionString }
      : { ...options.pool?.options };
    const store = new PostgresEventStore(
      pool,
      !options.pool,
      connectionConfig,
      schema,
      options.pollIntervalMs,
    );
    try {
      await store.migrate();
    } catch (error) {
      if (store.ownsPool) await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    // Nothing to do (and no DDL privilege needed) when the table and its guards exist: the
    // runtime role then only needs SELECT and INSERT on the table and USAGE on its sequence.
    if (await this.isMigrated(this.pool)) return;
    const schema = pg.escapeIdentifier(this.schema);
    await this.transaction(async (client) => {
      // Two processes opening the same store at once must not race on the DDL.
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.lockKey]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      // The unique (stream_id, stream_revision) constraint also provides the index on those
      // columns that stream reads use, so no separate index is created.
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          global_position bigint PRIMARY KEY,
          transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
          event_id uuid NOT NULL CONSTRAINT ${EVENT_ID_CONSTRAINT} UNIQUE,
          stream_id text NOT NULL,
          stream_revision integer NOT NULL CHECK (stream_revision >= 0),
          type text NOT NULL,
          schema_version integer NOT NULL,
          occurred_at timestamptz NOT NULL,
          recorded_at timestamptz NOT NULL DEFAULT now(),
          correlation_id text NOT NULL,
          causation_id text,
          actor jsonb NOT NULL,
          data jsonb NOT NULL,
          metadata jsonb NOT NULL,
          integrity_hash text,
          CONSTRAINT ${REVISION_CONSTRAINT} UNIQUE (stream_id, stream_revision)
        )`);
      // A table from before positions came from transaction ids: its rows committed long ago
      // (transaction id 0 is below every snapshot), and new positions continue far above them.
      await client.query(
        `ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT '0'`,
      );
      await client.query(
        `ALTER TABLE ${this.table} ALTER COLUMN transaction_id SET DEFAULT pg_current_xact_id()`,
      );
      await client.query(`ALTER TABLE ${this.table} ALTER COLUMN global_position DROP DEFAULT`);
      await client.query(`ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS integrity_hash text`);
      // History is append-only: no row is ever changed or removed, whatever the role's grants
      // (erasure of personal data is done by crypto-shredding, which never touches this table).
      await client.query(`
        CREATE OR REPLACE FUNCTION ${schema}.forbid_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the event store is append-only: % on %.% is not allowed', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$`);
      const names = await this.guardTriggers(client);
      if (!names.has('events_no_update_delete')) {
        await client.query(`CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON ${this.table}
          FOR EACH ROW EXECUTE FUNCTION ${schema}.forbid_event_change()`);
      }
      if (!names.has('events_no_truncate')) {
        await client.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${this.table}
          FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.forbid_event_change()`);
      }
    });
  }

  private async isMigrated(db: pg.Pool | pg.PoolClient): Promise<boolean> {
    const table = await db.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
      this.table,
    ]);
    if (!table.rows[0].exists) return false;
    const column = await db.query(
      `SELECT 1 FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'events' AND column_name IN ('transaction_id', 'integrity_hash')`,
      [this.schema],
    );
    return column.rowCount === 2 && (await this.guardTriggers(db)).size === GUARD_TRIGGERS.length;
  }

  private async guardTriggers(db: pg.Pool | pg.PoolClient): Promise<Set<string>> {
    const existing = await db.query<{ tgname: string }>(
      'SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = ANY($2::text[])',
      [this.table, GUARD_TRIGGERS],
    );
    return new Set(existing.rows.map((r) => r.tgname));
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (events.length > POSITIONS_PER_APPEND) {
      throw new Error(`append takes at most ${POSITIONS_PER_APPEND} events at once`);
    }
    this.assertOpen();
    const ids = events.map((e) => e.eventId.toLowerCase());
    let outcome: InsertOutcome;
    try {
      outcome = await this.insert(streamId, ids, events, expected);
    } catch (error) {
      const previous = await this.previousAppend(streamId, ids, events);
      if (previous) return previous;
      if (isUniqueViolation(error, REVISION_CONSTRAINT)) {
        // A concurrent append to the same stream committed this revision first.
        throw new WrongExpectedRevisionError(streamId, expected, await this.currentRevision(streamId));
      }
      if (isUniqueViolation(error, EVENT_ID_CONSTRAINT)) {
        throw new EventIdReusedError(streamId, duplicateEventId(error) ?? ids[0]);
      }
      throw error;
    }
    if (outcome.lastGlobalPosition === null) {
      // Nothing was written: the stream is not where the writer expected, unless this is a retry.
      const previous = await this.previousAppend(streamId, ids, events);
      if (previous) return previous;
      throw new WrongExpectedRevisionError(streamId, expected, outcome.current ?? 'no_stream');
    }
    this.announce();
    return {
      nextExpectedRevision: (outcome.current ?? -1) + events.length,
      lastGlobalPosition: outcome.lastGlobalPosition,
    };
  }

  /**
   * One statement (its own transaction): the expected-revision check and the insert together.
   * When the check fails nothing is inserted and the current revision comes back.
   */
  private async insert(
    streamId: string,
    ids: readonly string[],
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<InsertOutcome> {
    const result = await this.pool.query<{ current: number | null; last_position: string | null }>(
      `WITH RECURSIVE current AS (
         SELECT max(stream_revision) AS revision FROM ${this.table} WHERE stream_id = $1
       ), checked AS (
         SELECT coalesce(revision, -1) AS base FROM current
          WHERE $2 = 'any' OR ($2 = 'no_stream' AND revision IS NULL)
             OR ($2 = 'stream_exists' AND revision IS NOT NULL) OR ($2 = 'exact' AND revision = $3)
       ), transaction AS (
         SELECT pg_current_xact_id() AS id
          WHERE EXISTS (SELECT 1 FROM checked)
       ), chain(n, hash) AS (
         SELECT 0, coalesce(
           (SELECT integrity_hash FROM ${this.table} WHERE stream_id = $1 AND stream_revision = c.base),
           '${GENESIS_HASH}')
           FROM checked c
         UNION ALL
         SELECT chain.n + 1, encode(sha256(convert_to(
                  chain.hash || ':' || (c.base + chain.n + 1) || ':' || ($13::text[])[chain.n + 1], 'UTF8')), 'hex')
           FROM chain, checked c
          WHERE chain.n < cardinality($13::text[])
       ), inserted AS (
         INSERT INTO ${this.table}
           (global_position, transaction_id, event_id, stream_id, stream_revision, type, schema_version,
            occurred_at, correlation_id, causation_id, actor, data, metadata, integrity_hash)
         SELECT t.id::text::bigint * ${POSITIONS_PER_APPEND} + e.n - 1, t.id, e.event_id, $1, c.base + e.n,
                e.type, e.schema_version, e.occurred_at, e.correlation_id, e.causation_id,
                e.actor::jsonb, e.data::jsonb, e.metadata::jsonb, h.hash
           FROM checked c, transaction t,
                unnest($4::uuid[], $5::text[], $6::int[], $7::timestamptz[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::text[])
                WITH ORDINALITY AS e(event_id, type, schema_version, occurred_at, correlation_id,
                                     causation_id, actor, data, metadata, n),
                chain h
          WHERE h.n = e.n
         RETURNING global_position
       )
       SELECT (SELECT revision FROM current) AS current,
              (SELECT max(global_position) FROM inserted)::text AS last_position`,
      [
        streamId,
        typeof expected === 'number' ? 'exact' : expected,
        typeof expected === 'number' ? expected : null,
        ids,
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => e.occurredAt),
        events.map((e) => e.correlationId),
        events.map((e) => e.causationId),
        events.map((e) => JSON.stringify(e.actor)),
        events.map((e) => JSON.stringify(e.data ?? null)),
        events.map((e) => JSON.stringify(e.metadata ?? {})),
        events.map((e) => contentDigest(e, streamId)),
      ],
    );
    const row = result.rows[0];
    const last = row.last_position === null ? null : Number(row.last_position);
    if (last !== null && last > LAST_SAFE_TRANSACTION_ID * POSITIONS_PER_APPEND) {
      throw new Error('transaction ids have outgrown the positions a JavaScript number can hold');
    }
    return { current: row.current, lastGlobalPosition: last };
  }

  /** The original result when this exact batch is already stored (a retried append). */
  private async previousAppend(
    streamId: string,
    ids: readonly string[],
    events: readonly NewEvent[],
  ): Promise<AppendResult | null> {
    const stored = await this.pool.query<{
      event_id: string;
      stream_revision: number;
      global_position: string;
    }>(
      `SELECT event_id::text AS event_id, stream_revision, global_position FROM ${this.table}
        WHERE stream_id = $1 AND event_id = ANY($2::uuid[])`,
      [streamId, ids],
    );
    return findPreviousAppend(
      streamId,
      events.map((e, i) => ({ ...e, eventId: ids[i] })),
      stored.rows.map((r) => ({
        eventId: r.event_id,
        streamRevision: r.stream_revision,
        globalPosition: Number(r.global_position),
      })),
    );
  }

  /**
   * Wakes this process's subscriptions at once and other processes' through NOTIFY. The NOTIFY
   * is sent after the commit, outside the append: inside, PostgreSQL would serialise the commits
   * of all appending transactions on its notification queue lock. A NOTIFY is itself a small
   * commit, so the appends of a few milliseconds share one.
   */
  private announce(): void {
    this.signal.notify();
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      if (this.closed) return;
      this.pool.query('SELECT pg_notify($1, $2)', [this.channel, '']).catch(() => undefined); // subscriptions poll as a safety net
    }, NOTIFY_WINDOW_MS).unref();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId, options.maxCount ?? null];
    let from = '';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision);
      from = `AND stream_revision ${backwards ? '<=' : '>='} $3`;
    }
    const result = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE stream_id = $1 ${from}
        ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}
        LIMIT $2`,
      params,
    );
    return result.rows.map(toEnvelope);
  }

  async readAll(options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    this.assertOpen();
    return this.selectAll(options);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const result = await this.pool.query<{ head: string }>(
      `SELECT coalesce(max(global_position), 0)::text AS head FROM ${this.table}
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
    );
    return Number(result.rows[0].head);
  }

  /** readAll without the open check: subscriptions finish their last read while close() stops them. */
  private async selectAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    const params: unknown[] = [options.afterPosition ?? 0, options.maxCount ?? null];
    // Only transactions older than the oldest one in flight: their positions can no longer be
    // preceded by a late commit.
    const conditions = ['global_position > $1', 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())'];
    if (options.streamPrefixes?.length) {
      params.push(options.streamPrefixes.map((p) => `${escapeLike(p)}%`));
      conditions.push(`stream_id LIKE ANY($${params.length}::text[])`);
    }
    if (options.eventTypes?.length) {
      params.push([...options.eventTypes]);
      conditions.push(`type = ANY($${params.length}::text[])`);
    }
    const result = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE ${conditions.join(' AND ')}
        ORDER BY global_position
        LIMIT $2`,
      params,
    );
    return result.rows.map(toEnvelope);
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): StoreSubscription {
    this.assertOpen();
    const read = async (after: number | undefined, maxCount: number) => {
      // LISTEN is in place before the first read, so no append committed after that read's
      // snapshot can go unnoticed (the poll interval covers a lost listener connection).
      await this.ensureListening();
      return this.selectAll({ ...options, afterPosition: after, maxCount });
    };
    const subscription = startCatchUpSubscription(read, this.signal, options, handler, this.pollIntervalMs);
    return this.subscriptions.track(subscription);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    this.signal.notify();
    const listening = this.listening;
    this.listening = null;
    this.listener = null;
    const listener = await listening?.catch(() => null);
    if (listener) await listener.end().catch(() => undefined);
    if (this.ownsPool) await this.pool.end();
  }

  /** One connection per store LISTENs for appends and wakes every subscription of this store. */
  private async ensureListening(): Promise<void> {
    if (this.closed) return;
    await (this.listening ?? this.listen());
  }

  private listen(): Promise<pg.Client> {
    const client = new pg.Client(this.connectionConfig);
    const listening = (async () => {
      client.on('notification', (message) => {
        if (message.channel === this.channel) this.signal.notify();
      });
      client.on('error', () => {
        // The connection is gone: wake the subscriptions, whose next read opens a new one and
        // picks up whatever was appended while nobody listened.
        if (this.listener === client) {
          this.listener = null;
          this.listening = null;
          this.signal.notify();
        }
        client.end().catch(() => undefined);
      });
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
      this.listener = client;
      return client;
    })();
    this.listening = listening;
    listening.catch(() => {
      if (this.listening === listening) this.listening = null;
      client.end().catch(() => undefined);
    });
    return listening;
  }

  private async currentRevision(streamId: string): Promise<number | 'no_stream'> {
    const result = await this.pool.query<{ revision: number | null }>(
      `SELECT max(stream_revision) AS revision FROM ${this.table} WHERE stream_id = $1`,
      [streamId],
    );
    const revision = result.rows[0]?.revision;
    return revision === null || revision === undefined ? 'no_stream' : revision;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that could not roll back is discarded rather than returned to the pool.
      client.release(broken);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    occurredAt: row.occurred_at,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    actor: row.actor,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: Number(row.global_position),
    recordedAt: row.recorded_at,
    ...(row.integrity_hash ? { integrityHash: row.integrity_hash } : {}),
  };
}

/** A stable 64-bit advisory lock key per schema, so stores in different schemas don't contend. */
function advisoryLockKey(schema: string): string {
  return createHash('sha256').update(`claims-event-store:${schema}`).digest().readBigInt64BE(0).toString();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION && error.constraint === constraint
  );
}

function duplicateEventId(error: unknown): string | undefined {
  const detail = error instanceof pg.DatabaseError ? error.detail : undefined;
  return detail?.match(/\(event_id\)=\(([^)]+)\)/)?.[1];
}
