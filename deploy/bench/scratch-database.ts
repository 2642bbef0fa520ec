import { Client } from 'pg';

/** A database of its own for one benchmark run, dropped afterwards, beside the given one. */
export async function withScratchDatabase<T>(
  databaseUrl: string,
  name: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const drop = () => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    await drop();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await drop().catch(() => undefined);
    await admin.end();
  }
}
