import { Client } from 'pg';

/** "terminating connection due to administrator command" */
const ADMIN_SHUTDOWN = '57P01';

/** A database of its own for one benchmark run, dropped afterwards, beside the given one. */
export async function withScratchDatabase<T>(
  databaseUrl: string,
  name: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const drop = async () => {
    // A peer's pool may keep idle connections it does not listen on; ending them must not end the run.
    const ignoreTerminated = (error: Error & { code?: string }) => {
      if (error.code !== ADMIN_SHUTDOWN) throw error;
    };
    process.on('uncaughtException', ignoreTerminated);
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', ignoreTerminated);
    }
  };
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
