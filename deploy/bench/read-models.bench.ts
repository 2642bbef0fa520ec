/**
 * Embedded read models: replaying the history into a claim archive (the rebuild rate), the same
 * projection's rate once the database already holds many claims (cost must not grow with size),
 * and the process's peak RSS. Each run is its own child process so memory figures are its own.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { CommandContext, EmbeddedEventStore, EventEnvelope, newEvent } from '@claims/event-sourcing';
import { ReadModelProjection, loadPlatformConfig, openReadModelDatabase } from '@claims/service-host';
import { Bench, Figure, rate, seconds } from './figures';

@Entity({ name: 'claim_archive' })
export class ClaimArchiveRow {
  @PrimaryColumn({ type: 'varchar' })
  claimNumber: string;

  @Column({ type: 'varchar' })
  status: string;

  @Column({ type: 'integer' })
  estimateMinor: number;

  @Column({ type: 'integer' })
  events: number;
}

const context: CommandContext = {
  actor: { id: 'bench', role: 'system' },
  correlationId: 'bench',
  causationId: null,
};
const EVENTS_PER_CLAIM = 4;

async function project(manager: EntityManager, event: EventEnvelope): Promise<void> {
  const data = event.data as { claimNumber: string; estimateMinor: number };
  if (event.type === 'ClaimReported') {
    await manager.insert(ClaimArchiveRow, {
      claimNumber: data.claimNumber,
      status: 'reported',
      estimateMinor: data.estimateMinor,
      events: 1,
    });
  } else {
    await manager.increment(ClaimArchiveRow, { claimNumber: data.claimNumber }, 'events', 1);
    await manager.update(ClaimArchiveRow, { claimNumber: data.claimNumber }, { status: event.type });
  }
}

async function appendClaims(store: EmbeddedEventStore, from: number, claims: number): Promise<void> {
  const types = ['ClaimReported', 'DocumentsReviewed', 'ClaimApproved', 'PaymentConfirmed'];
  const appends: Promise<unknown>[] = [];
  for (let c = from; c < from + claims; c++) {
    const claimNumber = `CLM-2026-${String(c).padStart(6, '0')}`;
    const events = types.map((type) =>
      newEvent({ type, schemaVersion: 1, data: { claimNumber, estimateMinor: 1_250_000 } }, context),
    );
    appends.push(store.append(claimNumber, events, 'no_stream'));
    if (appends.length >= 500) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
}

interface RunResult {
  readonly rebuildRate: number;
  readonly smallRate: number;
  readonly largeRate: number;
  readonly peakRssMb: number;
}

/** In the child: fills a history, replays it, then measures the rate of new claims at small and large size. */
async function child(claims: number, sample: number): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-read-models-'));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const store = new EmbeddedEventStore(join(dataDir, 'history.jsonl'));
    const config = loadPlatformConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'x'.repeat(40) });
    const db = await openReadModelDatabase(config, 'bench', [ClaimArchiveRow]);
    const rateOf = async (projection: ReadModelProjection, newClaims: number) => {
      const last = await store.headPosition();
      await appendClaims(store, (await db.getRepository(ClaimArchiveRow).count()) + 1_000_000, newClaims);
      const head = await store.headPosition();
      const started = process.hrtime.bigint();
      await projection.waitFor(head, 600_000);
      return (head - last) / seconds(started);
    };
    // A small database: the first `sample` claims projected live.
    const live = new ReadModelProjection({
      name: 'archive',
      store,
      dataSource: db,
      project,
      onReplayProgress: () => undefined,
    });
    await live.start();
    const smallRate = await rateOf(live, sample);
    await appendClaims(store, 0, claims);
    await live.waitFor(await store.headPosition(), 600_000);
    const largeRate = await rateOf(live, sample);
    await live.stop();
    // The rebuild: every table emptied, the whole history replayed.
    await db.getRepository(ClaimArchiveRow).clear();
    await db.query('DELETE FROM projection_checkpoint');
    const rebuild = new ReadModelProjection({
      name: 'archive',
      store,
      dataSource: db,
      project,
      onReplayProgress: () => undefined,
    });
    const started = process.hrtime.bigint();
    await rebuild.start();
    const rebuildRate = (await store.headPosition()) / seconds(started);
    await rebuild.stop();
    await db.destroy();
    await store.close();
    return { rebuildRate, smallRate, largeRate, peakRssMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(sampler);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function inChild(claims: number, sample: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const worker = fork(__filename, ['--child', String(claims), String(sample)], {
      execArgv: ['-r', '@swc-node/register'],
    });
    worker.on('message', (result) => resolve(result as RunResult));
    worker.on('error', reject);
    worker.on(
      'exit',
      (code) => code !== 0 && reject(new Error(`read-model bench child exited with ${code}`)),
    );
  });
}

export const readModelsBench: Bench = async ({ smoke }) => {
  const claims = smoke ? 5_000 : 200_000;
  const sample = smoke ? 1_000 : 10_000;
  const result = await inChild(claims, sample);
  const events = (claims + 2 * sample) * EVENTS_PER_CLAIM;
  return [
    {
      section: 'Embedded read models',
      measure: `rebuild: replay ${events.toLocaleString('en-US')} events into the claim archive`,
      value: rate(result.rebuildRate, 'events'),
      target: '≥ 50,000 events/s',
      met: result.rebuildRate >= 50_000,
    },
    {
      section: 'Embedded read models',
      measure: `projection rate with ${claims.toLocaleString('en-US')} claims stored vs with ${sample.toLocaleString('en-US')} (${rate(result.smallRate, 'events')})`,
      value: `${rate(result.largeRate, 'events')}, ${(result.largeRate / result.smallRate).toFixed(2)}×`,
      target: '≥ 0.8× the small rate',
      met: result.largeRate >= 0.8 * result.smallRate,
    },
    {
      section: 'Embedded read models',
      measure: `peak RSS of the process holding ${events.toLocaleString('en-US')} events and the archive`,
      value: `${result.peakRssMb} MB`,
      target: smoke ? '' : '< 300 MB (target set for 1M events)',
      met: smoke ? undefined : result.peakRssMb < 300,
    },
  ] satisfies Figure[];
};

if (process.argv[2] === '--child') {
  child(Number(process.argv[3]), Number(process.argv[4])).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
