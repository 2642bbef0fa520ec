/**
 * The event stores: the PostgreSQL adapter against Emmett's PostgreSQL store on the same
 * database and pool size, in interleaved rounds; the embedded store alone and with 16 writers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import {
  CommandContext,
  EmbeddedEventStore,
  EventStore,
  PostgresEventStore,
  newEvent,
} from '@claims/event-sourcing';
import { Bench, Figure, interleaved, rate, ratio, seconds } from './figures';
import { withScratchDatabase } from './scratch-database';

const POOL_SIZE = 10;
const WRITERS = 16;
const STREAM_EVENTS = 5000;
const context: CommandContext = {
  actor: { id: 'bench', role: 'system' },
  correlationId: 'bench',
  causationId: null,
};
const payload = {
  claimNumber: 'CLM-2026-000123',
  lossKind: 'vehicle-damage',
  estimate: { amountMinor: 1250000, currency: 'CNY' },
};

/** What each contender must do; `append` writes `count` events to `stream` in one call. */
interface Contender {
  append(stream: string, count: number): Promise<void>;
  readStream(stream: string): Promise<number>;
}

function ours(store: EventStore): Contender {
  return {
    append: async (stream, count) => {
      const events = Array.from({ length: count }, () =>
        newEvent({ type: 'ClaimReported', schemaVersion: 1, data: payload }, context),
      );
      await store.append(stream, events, 'any');
    },
    readStream: async (stream) => (await store.readStream(stream)).length,
  };
}

function emmett(store: ReturnType<typeof getPostgreSQLEventStore>): Contender {
  return {
    append: async (stream, count) => {
      const events = Array.from({ length: count }, () => ({ type: 'ClaimReported', data: payload }));
      await store.appendToStream(stream, events);
    },
    readStream: async (stream) => (await store.readStream(stream)).events.length,
  };
}

let runs = 0;
const streamName = (kind: string) => `${kind}-${process.pid}-${++runs}`;

async function sequential(contender: Contender, appends: number, batch: number): Promise<number> {
  const stream = streamName('sequential');
  const started = process.hrtime.bigint();
  for (let i = 0; i < appends; i++) await contender.append(`${stream}-${i % 100}`, batch);
  return (appends * batch) / seconds(started);
}

async function concurrent(contender: Contender, appendsPerWriter: number): Promise<number> {
  const stream = streamName('concurrent');
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < appendsPerWriter; i++) await contender.append(`${stream}-${w}`, 1);
    }),
  );
  return (WRITERS * appendsPerWriter) / seconds(started);
}

async function fullReads(contender: Contender, stream: string, reads: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < reads; i++) {
    if ((await contender.readStream(stream)) !== STREAM_EVENTS) throw new Error('short stream read');
  }
  return (reads * STREAM_EVENTS) / seconds(started);
}

async function fillStream(contender: Contender, stream: string): Promise<void> {
  for (let i = 0; i < STREAM_EVENTS / 100; i++) await contender.append(stream, 100);
}

export const eventStoresBench: Bench = async ({ smoke, databaseUrl }) => {
  const rounds = smoke ? 1 : 3;
  const n = smoke ? 150 : 1500;
  const figures: Figure[] = [];
  await withScratchDatabase(databaseUrl, 'claims_bench_stores', async (url) => {
    const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
    pool.on('error', () => undefined); // idle connections are cut when the scratch database is dropped
    const project = ours(await PostgresEventStore.open({ pool, schema: 'bench_store' }));
    const peerStore = getPostgreSQLEventStore(url, {
      connectionOptions: { pooled: true, connectionString: url },
    } as never);
    const peer = emmett(peerStore);
    try {
      await peer.append('warm-up', 1); // creates Emmett's schema
      await project.append('warm-up', 1);
      const compare = async (measure: string, run: (c: Contender) => Promise<number>, unit: string) => {
        const [mine, theirs] = await interleaved(rounds, [() => run(project), () => run(peer)]);
        const r = mine / theirs;
        figures.push({
          section: 'PostgreSQL store',
          measure: `${measure} (Emmett ${rate(theirs, unit)})`,
          value: `${rate(mine, unit)}, ${ratio(r)}`,
          target: '≥ 1.5× Emmett',
          met: r >= 1.5,
        });
        return mine;
      };
      const single = await compare('sequential single-event appends', (c) => sequential(c, n, 1), 'events');
      await compare('sequential 10-event batches', (c) => sequential(c, n / 5, 10), 'events');
      const many = await compare(
        `${WRITERS} concurrent writers, distinct streams`,
        (c) => concurrent(c, (n / WRITERS) * 2),
        'events',
      );
      figures.push({
        section: 'PostgreSQL store',
        measure: `${WRITERS} writers vs its own sequential rate`,
        value: ratio(many / single),
        target: '≥ 3×',
        met: many / single >= 3,
      });
      const ourStream = streamName('read');
      const theirStream = streamName('read');
      await fillStream(project, ourStream);
      await fillStream(peer, theirStream);
      const reads = smoke ? 2 : 10;
      const [mine, theirs] = await interleaved(rounds, [
        () => fullReads(project, ourStream, reads),
        () => fullReads(peer, theirStream, reads),
      ]);
      figures.push({
        section: 'PostgreSQL store',
        measure: `full read of a ${STREAM_EVENTS}-event stream (Emmett ${rate(theirs, 'events')})`,
        value: `${rate(mine, 'events')}, ${ratio(mine / theirs)}`,
        target: '≥ 1.5× Emmett',
        met: mine / theirs >= 1.5,
      });
    } finally {
      await peerStore.close();
      await pool.end();
    }
  });
  figures.push(...(await embeddedStore(n)));
  return figures;
};

async function embeddedStore(n: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  const store = new EmbeddedEventStore(join(dir, 'history.jsonl'));
  try {
    const contender = ours(store);
    const [single, many] = await interleaved(1, [
      () => sequential(contender, n, 1),
      () => concurrent(contender, (n / WRITERS) * 2),
    ]);
    return [
      {
        section: 'Embedded store',
        measure: 'sequential single-event appends (fsync each)',
        value: rate(single, 'events'),
        target: '',
      },
      {
        section: 'Embedded store',
        measure: `${WRITERS} concurrent writers (group commit)`,
        value: `${rate(many, 'events')}, ${ratio(many / single)}`,
        target: '≥ 5× single',
        met: many / single >= 5,
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
