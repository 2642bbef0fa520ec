/**
 * `node -r @swc-node/register deploy/distributed/ensure-database.ts <postgres-url> [--check]`:
 * creates the URL's database on its server when missing (connecting to the server's `postgres`
 * database). Exit 0: the database exists; 2: the server is not reachable (or refuses the user);
 * 1: anything else. `--check` only tells whether the server is reachable.
 */
import { Client } from 'pg';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  '28000',
  '28P01',
  '57P03',
]);

async function main(url: string, checkOnly: boolean): Promise<number> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(database))
    throw new Error(`database name "${database}" is not a plain identifier`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    process.stderr.write(
      `PostgreSQL at ${target.host} not usable: ${code ? `${code} ` : ''}${(error as Error).message}\n`,
    );
    return UNREACHABLE.has(code) || (error as Error).message.includes('timeout') ? 2 : 1;
  }
  try {
    if (checkOnly) return 0;
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database}"`);
      process.stdout.write(`created database ${database} on ${target.host}\n`);
    }
    return 0;
  } finally {
    await client.end();
  }
}

main(process.argv[2] ?? '', process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`ensure-database: ${error.message}\n`);
    process.exit(1);
  },
);
