import pg from 'pg';
import { PostgresEventStore } from '../src/adapters/postgres-event-store';
import { EventEnvelope, verifyStream } from '../src';
import { HeldAppend, anEvent, eventStoreContract } from './event-store.contract';
import {
  describeWithPostgres,
  dropSchema,
  freshSchema as freshSchemaWithPrefix,
  postgresUrl,
} from '../testing/postgres-available';

const url = postgresUrl;
const freshSchema = () => freshSchemaWithPrefix('es_test');

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A store on `schema` whose first append runs inside a transaction that stays open (its position
 * taken) until commit() is called: another process's append stalled between insert and commit.
 */
async function holdAppendOpen(schema: string): Promise<HeldAppend> {
  const pool = new pg.Pool({ connectionString: url });
  let commit: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (commit = resolve));
  let markTaken: () => void = () => undefined;
  const positionTaken = new Promise<void>((resolve) => (markTaken = resolve));
  let holding = true;
  const heldQuery = async (text: string, params: unknown[]) => {
    holding = false;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await client.query(text, params);
      markTaken();
      await gate;
      await client.query('COMMIT');
      return result;
    } finally {
      client.release();
    }
  };
  const gated = new Proxy(pool, {
    get(target, property) {
      if (property === 'query') {
        return (text: unknown, params: unknown[]) =>
          holding && typeof text === 'string' && text.includes('INSERT INTO')
            ? heldQuery(text, params)
            : target.query(text as string, params);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const store = await PostgresEventStore.open({ pool: gated, schema, pollIntervalMs: 100 });
  return {
    store,
    positionTaken,
    commit,
    close: async () => {
      commit();
      await store.close();
      await pool.end();
    },
  };
}

function postgresSuites(): void {
  const schemas = new WeakMap<object, string>();
  eventStoreContract(
    'PostgreSQL',
    async () => {
      const schema = freshSchema();
      const store = await PostgresEventStore.open({ connectionString: url, schema, pollIntervalMs: 500 });
      const subject = {
        store,
        reopen: () => PostgresEventStore.open({ connectionString: url, schema }),
        dispose: async () => {
          await store.close();
          await dropSchema(schema);
        },
      };
      schemas.set(subject, schema);
      return subject;
    },
    { holdAppendOpen: (subject) => holdAppendOpen(schemas.get(subject)!) },
  );

  describe('PostgresEventStore', () => {
    let schema: string;
    let store: PostgresEventStore;

    beforeEach(async () => {
      schema = freshSchema();
      store = await PostgresEventStore.open({ connectionString: url, schema, pollIntervalMs: 200 });
    });
    afterEach(async () => {
      await store.close();
      await dropSchema(schema);
    });

    it('delivers concurrent appends to a live subscriber exactly once, in strictly increasing position order', async () => {
      // Without the append lock, a transaction that took a lower position but commits later is
      // skipped by a subscriber that has already checkpointed past it. A second store instance
      // (another process) writes half of the streams, so the notifications cross connections.
      const other = await PostgresEventStore.open({ connectionString: url, schema });
      try {
        const seen: EventEnvelope[] = [];
        const subscription = store.subscribe({ streamPrefixes: ['race-'] }, async (e) => {
          seen.push(e);
        });
        await subscription.caughtUp;

        const streams = 24;
        const appendsPerStream = 10;
        const writes = Array.from({ length: streams }, async (_, s) => {
          const writer = s % 2 === 0 ? store : other;
          let expected: number | 'no_stream' = 'no_stream';
          for (let a = 0; a < appendsPerStream; a++) {
            const batch = Array.from({ length: 1 + (a % 3) }, (_, i) => anEvent('Raced', { s, a, i }));
            expected = (await writer.append(`race-${s}`, batch, expected)).nextExpectedRevision;
          }
        });
        await Promise.all(writes);
        const all = await store.readAll({ streamPrefixes: ['race-'] });
        // On a timeout the comparison below shows which events were skipped.
        await waitFor(() => seen.length >= all.length).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 300));
        await subscription.stop();

        expect(all).toHaveLength(streams * [1, 2, 3, 1, 2, 3, 1, 2, 3, 1].reduce((x, y) => x + y, 0));
        const positions = seen.map((e) => e.globalPosition);
        positions.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(positions[i]));
        expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      } finally {
        await other.close();
      }
    }, 60_000);

    it('wakes a subscriber through NOTIFY well before the poll interval', async () => {
      const slow = await PostgresEventStore.open({ connectionString: url, schema, pollIntervalMs: 60_000 });
      try {
        const seen: string[] = [];
        const subscription = slow.subscribe({ streamPrefixes: ['notify-'] }, async (e) => {
          seen.push(e.eventId);
        });
        await subscription.caughtUp;
        const started = Date.now();
        await store.append('notify-1', [anEvent()], 'no_stream');
        await waitFor(() => seen.length === 1, 5_000);
        expect(Date.now() - started).toBeLessThan(5_000);
        await subscription.stop();
      } finally {
        await slow.close();
      }
    });

    it('listens again after the LISTEN connection is lost', async () => {
      const slow = await PostgresEventStore.open({ connectionString: url, schema, pollIntervalMs: 60_000 });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const seen: string[] = [];
        const subscription = slow.subscribe({ streamPrefixes: ['relisten-'] }, async (e) => {
          seen.push(e.eventId);
        });
        await subscription.caughtUp;
        const killed = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`,
          [`LISTEN ${pg.escapeIdentifier(`${schema}_appended`)}`],
        );
        expect(killed.rowCount).toBe(1);
        await new Promise((r) => setTimeout(r, 200));
        await store.append('relisten-1', [anEvent()], 'no_stream');
        await waitFor(() => seen.length === 1, 5_000);
        await subscription.stop();
      } finally {
        await admin.end();
        await slow.close();
      }
    });

    it('shows an event edited in the table (by a superuser past the guards) as the broken link, exactly there', async () => {
      await store.append('claim-9', [anEvent('Reported', { amountMinor: 1000 })], 'no_stream');
      await store.append(
        'claim-9',
        [anEvent('Assessed', { amountMinor: 900 }), anEvent('Paid', { amountMinor: 900 })],
        0,
      );
      expect(verifyStream(await store.readStream('claim-9'))).toBeNull();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const table = `${pg.escapeIdentifier(schema)}.events`;
        await admin.query(`ALTER TABLE ${table} DISABLE TRIGGER events_no_update_delete`);
        await admin.query(
          `UPDATE ${table} SET data = jsonb_set(data, '{amountMinor}', '90000') WHERE stream_id = 'claim-9' AND stream_revision = 1`,
        );
        await admin.query(`ALTER TABLE ${table} ENABLE TRIGGER events_no_update_delete`);
      } finally {
        await admin.end();
      }
      expect(verifyStream(await store.readStream('claim-9'))).toMatchObject({
        streamRevision: 1,
        problem: 'altered',
      });
    });

    it('refuses to update, delete or truncate stored events', async () => {
      await store.append('immutable-1', [anEvent()], 'no_stream');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const table = `${pg.escapeIdentifier(schema)}.events`;
        await expect(client.query(`UPDATE ${table} SET type = 'Changed'`)).rejects.toThrow(/append-only/);
        await expect(client.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
        await expect(client.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
      expect(await store.readStream('immutable-1')).toHaveLength(1);
    });

    it('matches stream prefixes literally, not as LIKE patterns', async () => {
      await store.append('a_b-1', [anEvent()], 'no_stream');
      await store.append('axb-1', [anEvent()], 'no_stream');
      await store.append('a%b-1', [anEvent()], 'no_stream');
      expect((await store.readAll({ streamPrefixes: ['a_b'] })).map((e) => e.streamId)).toEqual(['a_b-1']);
      expect((await store.readAll({ streamPrefixes: ['a%'] })).map((e) => e.streamId)).toEqual(['a%b-1']);
    });

    it('refuses an event id already used in another stream', async () => {
      const event = anEvent();
      await store.append('owner-1', [event], 'no_stream');
      await expect(store.append('owner-2', [event], 'no_stream')).rejects.toMatchObject({
        name: 'EventIdReusedError',
      });
      expect(await store.readStream('owner-2')).toEqual([]);
    });

    it('opens concurrently on the same new schema', async () => {
      const other = freshSchema();
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => PostgresEventStore.open({ connectionString: url, schema: other })),
      );
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(other);
    });
  });
}

describeWithPostgres('PostgresEventStore', postgresSuites);
