import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BlobStore } from './blob-store';

const PREFIX = 'pg:sha256/';

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Files in a table of the service's schema (`document_blob` unless named), so every instance of
 * the service on the database reads what any of them stored. The table is not a read model: a
 * rebuild leaves it alone.
 */
export class PostgresBlobStore implements BlobStore {
  private ready: Promise<unknown> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly tableName = 'document_blob',
  ) {
    if (!TABLE_NAME.test(tableName)) throw new Error(`Invalid blob table name: ${tableName}`);
  }

  referenceFor(contentHash: string): string {
    return `${PREFIX}${checked(contentHash)}`;
  }

  async put(contentHash: string, bytes: Buffer): Promise<string> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== contentHash)
      throw new Error(`Content hash mismatch: expected ${contentHash}, got ${actual}`);
    await this.table();
    await this.db.query(
      `INSERT INTO ${this.name()} (content_hash, bytes) VALUES ($1, $2) ON CONFLICT (content_hash) DO NOTHING`,
      [contentHash, bytes],
    );
    return this.referenceFor(contentHash);
  }

  async read(reference: string): Promise<Buffer> {
    if (!reference.startsWith(PREFIX)) throw new Error(`Not a PostgreSQL blob reference: ${reference}`);
    await this.table();
    const rows = (await this.db.query(`SELECT bytes FROM ${this.name()} WHERE content_hash = $1`, [
      checked(reference.slice(PREFIX.length)),
    ])) as { bytes: Buffer }[];
    if (!rows.length) throw new Error(`No blob ${reference}`);
    return rows[0].bytes;
  }

  private name(): string {
    const schema = (this.db.options as { schema?: string }).schema;
    return schema ? `"${schema}".${this.tableName}` : this.tableName;
  }

  private table(): Promise<unknown> {
    this.ready ??= this.db
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.name()} (content_hash char(64) PRIMARY KEY, bytes bytea NOT NULL)`,
      )
      .catch((error: { code?: string }) => {
        if (error.code === '23505' || error.code === '42P07') return; // another instance made it first
        this.ready = null;
        throw error;
      });
    return this.ready;
  }
}

function checked(contentHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error('Not a SHA-256 hex digest');
  return contentHash;
}
