/**
 * `npm run bench`: every benchmark of the platform, side by side with its peers in the same run,
 * printed as one table (and written to tmp/bench.md). `npm run bench -- --smoke` is the short
 * run CI uses so the benchmarks cannot rot. Needs PostgreSQL (DATABASE_URL) and, for the bus
 * figures, a Kafka broker (KAFKA_BROKERS); it is not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { busBench } from './bus.bench';
import { eventStoresBench } from './event-stores.bench';
import { httpBench } from './http.bench';
import { readModelsBench } from './read-models.bench';
import { Bench, Figure, markdownTable, seconds } from './figures';

const benches: ReadonlyArray<[string, Bench]> = [
  ['HTTP', httpBench],
  ['event stores', eventStoresBench],
  ['Kafka', busBench],
  ['read models', readModelsBench],
];

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const options = {
    smoke,
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    kafkaBrokers: process.env.KAFKA_BROKERS,
  };
  const header = [
    `npm run bench${smoke ? ' -- --smoke' : ''} — ${new Date().toISOString().slice(0, 10)}`,
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`,
  ].join('\n');
  console.log(header);
  const figures: Figure[] = [];
  const started = process.hrtime.bigint();
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  for (const [name, bench] of benches.filter(([name]) => !only || name === only)) {
    const benchStarted = process.hrtime.bigint();
    console.log(`… ${name}`);
    figures.push(...(await bench(options)));
    console.log(`  ${name} took ${seconds(benchStarted).toFixed(0)} s`);
  }
  const table = markdownTable(figures);
  console.log(`\n${table}\n\nall benchmarks took ${seconds(started).toFixed(0)} s`);
  mkdirSync('tmp', { recursive: true });
  writeFileSync(join('tmp', 'bench.md'), `${header}\n\n${table}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
