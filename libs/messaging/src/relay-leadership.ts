import { DataSource, QueryRunner } from 'typeorm';

/** The right to be the one instance that publishes a relay's events, held until `release` or loss. */
export interface RelayLease {
  /** Resolves when the lease is lost without `release` (its connection dropped or stopped answering). */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Decides which of several instances of a service runs its relay: the others stand by, so each
 * event is published by one instance (at most the batch in flight when a leader is lost twice).
 */
export interface RelayLeadership {
  /** The lease for `relay`, or null while another instance holds it. */
  tryAcquire(relay: string): Promise<RelayLease | null>;
}

/** Namespace of the relay locks among the database's advisory locks. */
const RELAY_LOCKS = 'claims-platform relay';

/**
 * Leadership by a PostgreSQL session advisory lock on a connection of its own: the server frees it
 * when the holder's process dies or its connection drops, and a standby takes over. The lock is
 * named after the schema, so platforms that share a database under other SCHEMA_PREFIXes do not
 * block each other.
 */
export class PostgresRelayLeadership implements RelayLeadership {
  constructor(
    private readonly dataSource: DataSource,
    private readonly heartbeatMs = 5_000,
  ) {}

  async tryAcquire(relay: string): Promise<RelayLease | null> {
    const runner = this.dataSource.createQueryRunner();
    const key = `${(this.dataSource.options as { schema?: string }).schema ?? 'public'}/${relay}`;
    try {
      const connection = (await runner.connect()) as ConnectionEvents;
      const [{ acquired }] = (await runner.query(
        'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS acquired',
        [RELAY_LOCKS, key],
      )) as { acquired: boolean }[];
      if (acquired) return heldLease(runner, connection, key, this.heartbeatMs);
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
    await runner.release();
    return null;
  }
}

interface ConnectionEvents {
  once(event: 'end', listener: () => void): unknown;
}

function heldLease(
  runner: QueryRunner,
  connection: ConnectionEvents,
  key: string,
  heartbeatMs: number,
): RelayLease {
  let released = false;
  let markLost: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  const lose = () => {
    clearInterval(heartbeat);
    if (!released) markLost();
  };
  // A connection that dropped frees the lock on the server: stop publishing at once. The
  // heartbeat finds a connection that hangs without closing.
  connection.once('end', lose);
  const heartbeat = setInterval(() => {
    runner.query('SELECT 1').catch(() => {
      lose();
      void runner.release().catch(() => undefined);
    });
  }, heartbeatMs);
  heartbeat.unref();
  return {
    lost,
    release: async () => {
      released = true;
      clearInterval(heartbeat);
      await runner
        .query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [RELAY_LOCKS, key])
        .catch(() => undefined);
      await runner.release().catch(() => undefined);
    },
  };
}
