import { createHash } from 'node:crypto';
import pg from 'pg';
import { SubjectKeyStore } from './subject-key-store';

export interface PostgresSubjectKeyStoreOptions {
  readonly connectionString?: string;
  /** A pool owned by the caller: it is used but not ended by close(). */
  readonly pool?: pg.Pool;
  /** Schema of its own, apart from the event store's; letters, digits, underscores. */
  readonly schema?: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Keys in table `<schema>.subject_keys`. forget is a plain DELETE: the key is then gone from
 * every logical dump (pg_dump) taken afterwards. Its bytes stay in dead tuples until (auto)vacuum
 * reuses the space, and in WAL archives and physical backups until those expire.
 */
export class PostgresSubjectKeyStore implements SubjectKeyStore {
  private readonly table: string;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    readonly schema: string,
  ) {
    this.table = `${pg.escapeIdentifier(schema)}.subject_keys`;
  }

  /** Connects, and creates the schema and table if they are missing. */
  static async open(options: PostgresSubjectKeyStoreOptions): Promise<PostgresSubjectKeyStore> {
    const schema = options.schema ?? 'personal_data';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid key store schema name: ${schema}`);
    if (!options.pool && !options.connectionString)
      throw new Error('PostgresSubjectKeyStore needs a connectionString or a pool');
    const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
    if (!options.pool) pool.on('error', () => undefined);
    const store = new PostgresSubjectKeyStore(pool, !options.pool, schema);
    try {
      await store.migrate();
    } catch (error) {
      if (store.ownsPool) await pool.end();
      throw error;
    }
    return store;
  }

  async find(subjectHash: string): Promise<Buffer | null> {
    const result = await this.pool.query<{ key: Buffer }>(
      `SELECT key FROM ${this.table} WHERE subject_hash = $1`,
      [subjectHash],
    );
    return result.rows[0]?.key ?? null;
  }

  async findOrAdd(subjectHash: string, key: Buffer): Promise<Buffer> {
    // A forget between the conflicting insert and the select empties the slot again: retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await this.pool.query<{ key: Buffer }>(
        `INSERT INTO ${this.table} (subject_hash, key) VALUES ($1, $2) ON CONFLICT (subject_hash) DO NOTHING RETURNING key`,
        [subjectHash, key],
      );
      const found = inserted.rows[0]?.key ?? (await this.find(subjectHash));
      if (found) return found;
    }
    throw new Error(`Could not create a key for subject ${subjectHash}`);
  }

  async destroy(subjectHash: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE subject_hash = $1`, [subjectHash]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private async migrate(): Promise<void> {
    const exists = await this.pool.query<{ exists: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS exists',
      [this.table],
    );
    if (exists.rows[0].exists) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Two processes opening the same new store at once must not race on the DDL.
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(this.schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(this.schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        subject_hash text PRIMARY KEY,
        key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function lockKey(schema: string): string {
  return createHash('sha256').update(`subject-key-store:${schema}`).digest().readBigInt64BE(0).toString();
}
