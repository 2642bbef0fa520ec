import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Declares `suites` when PostgreSQL answers. Otherwise prints a `skipped:` line locally, and
 * fails under CI=true. jest decides what runs before any hook, so availability is probed
 * synchronously at module load, in a child process using the same driver.
 */
export function describeWithPostgres(name: string, suites: () => void): void {
  const unavailable = probe(postgresUrl);
  if (unavailable === null) {
    suites();
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL in CI', () => {
        throw new Error(
          `No PostgreSQL at ${redact(postgresUrl)} (${unavailable}); CI must provide DATABASE_URL.`,
        );
      });
    });
  } else {
    console.warn(`skipped: no PostgreSQL at ${redact(postgresUrl)} (${unavailable})`);
    describe.skip(`${name} (no PostgreSQL)`, suites);
  }
}

export const freshSchema = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

export async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function dropSchema(schema: string): Promise<void> {
  return withClient(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  });
}

/** Every row of a table, each as PostgreSQL's own text form (bytea as hex). */
export function tableAsText(table: string): Promise<string> {
  return withClient(async (client) => {
    const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
    return rows.rows.map((r) => r.row).join('\n');
  });
}

function probe(connectionString: string): string | null {
  const script = `
    const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    const client = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query('SELECT 1')).then(
      () => client.end().then(() => process.exit(0)),
      (error) => { process.stderr.write(String(error && error.message)); process.exit(1); },
    );`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, PROBE_URL: connectionString },
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (result.status === 0) return null;
  return result.error?.message ?? (result.stderr.trim() || `probe exited with ${result.status}`);
}

function redact(connectionString: string): string {
  try {
    const parsed = new URL(connectionString);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
