/**
 * Event-store throughput: appends/s (single-event and 10-event batches, sequential writers to
 * many streams) and full-read events/s, for the embedded and PostgreSQL adapters.
 * Not a test: it prints figures. `npm run bench:store` (BENCH_EVENTS to change the volume).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CommandContext, EmbeddedEventStore, EventStore, PostgresEventStore, newEvent } from '../src';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
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

async function appendAll(store: EventStore, batchSize: number, prefix: string): Promise<number> {
  const batches = EVENTS / batchSize;
  const started = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    const events = Array.from({ length: batchSize }, () =>
      newEvent({ type: 'ClaimReported', schemaVersion: 1, data: payload }, context),
    );
    await store.append(`${prefix}-${b % 100}`, events, 'any');
  }
  return EVENTS / seconds(started);
}

async function readAllOf(store: EventStore): Promise<{ rate: number; count: number }> {
  const started = process.hrtime.bigint();
  let count = 0;
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 1000 });
    if (page.length === 0) break;
    count += page.length;
    after = page[page.length - 1].globalPosition;
  }
  return { rate: count / seconds(started), count };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function bench(
  name: string,
  open: () => Promise<EventStore>,
  dispose: () => Promise<void>,
): Promise<void> {
  const store = await open();
  try {
    const single = await appendAll(store, 1, 'single');
    const batched = await appendAll(store, 10, 'batched');
    const read = await readAllOf(store);
    console.log(
      `${name.padEnd(10)} | ${fmt(single)} appends/s (1-event) | ${fmt(batched)} events/s (10-event batches) | ` +
        `${fmt(read.rate)} events/s full read (${read.count} events)`,
    );
  } finally {
    await store.close();
    await dispose();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);

async function main(): Promise<void> {
  console.log(
    `bench:store — ${EVENTS} events per append mode; node ${process.version}; ${cpus().length} cores (${cpus()[0]?.model}); ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  await bench(
    'embedded',
    async () => new EmbeddedEventStore(join(dir, 'history.jsonl')),
    async () => rmSync(dir, { recursive: true, force: true }),
  );

  const schema = `bench_${Date.now()}`;
  await bench(
    'postgres',
    () => PostgresEventStore.open({ connectionString: DATABASE_URL, schema }),
    async () => {
      const client = new Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  ).catch((error: Error) => console.log(`postgres   | not measured: ${error.message}`));
}

void main();
