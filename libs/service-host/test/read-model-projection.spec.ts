import { randomUUID } from 'node:crypto';
import { EmbeddedEventStore, newEvent } from '@claims/event-sourcing';
import { ProjectionCheckpoint, ReadModelProjection, ReplayProgress } from '../src';
import { DataSource } from 'typeorm';

const context = { actor: { id: 'test', role: 'system' }, correlationId: randomUUID(), causationId: null };
const append = (store: EmbeddedEventStore, n: number) =>
  store.append(`case-${n}`, [newEvent({ type: 'Noted', schemaVersion: 1, data: { n } }, context)], 'any');

describe('ReadModelProjection', () => {
  let store: EmbeddedEventStore;
  let db: DataSource;

  beforeEach(async () => {
    store = new EmbeddedEventStore(null);
    db = await new DataSource({
      type: 'sqljs',
      entities: [ProjectionCheckpoint],
      synchronize: true,
    }).initialize();
  });
  afterEach(async () => {
    await store.close();
    await db.destroy();
  });

  it('applies each event once even when two instances follow the same history into one database', async () => {
    const applied: number[] = [];
    const project = async (_m: unknown, event: { globalPosition: number }) =>
      void applied.push(event.globalPosition);
    const first = new ReadModelProjection({ name: 'cases', store, dataSource: db, project });
    const second = new ReadModelProjection({ name: 'cases', store, dataSource: db, project });
    for (let n = 0; n < 5; n++) await append(store, n);
    await first.start();
    await second.start();
    const last = await append(store, 5);
    await Promise.all([first.showing(last), second.showing(last)]);
    expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
    await Promise.all([first.stop(), second.stop()]);
  });

  it('applies a replay in batches and reports its progress up to the head', async () => {
    for (let batch = 0; batch < 60; batch++) {
      const events = Array.from({ length: 100 }, (_, i) =>
        newEvent({ type: 'Noted', schemaVersion: 1, data: { i } }, context),
      );
      await store.append(`case-${batch}`, events, 'no_stream');
    }
    const transactions: number[] = [];
    let applied = 0;
    const reports: ReplayProgress[] = [];
    const projection = new ReadModelProjection({
      name: 'cases',
      store,
      dataSource: db,
      project: async () => void applied++,
      onReplayProgress: (progress) => reports.push(progress),
    });
    db.subscribers.push({ afterTransactionCommit: () => void transactions.push(applied) });
    await projection.start();
    expect(applied).toBe(6000);
    // Events already read go in one transaction (at most 250 each), not one transaction per event.
    expect(transactions.length).toBeGreaterThanOrEqual(6000 / 250);
    expect(transactions.length).toBeLessThanOrEqual(6000 / 250 + 2);
    expect(reports.at(-1)).toMatchObject({
      projection: 'cases',
      eventsApplied: 6000,
      done: 1,
      finished: true,
    });
    await projection.stop();
  });

  it('retries a failed event from its checkpoint with backoff and reports itself down meanwhile', async () => {
    let failOnce = true;
    const failures: string[] = [];
    const applied: number[] = [];
    const projection = new ReadModelProjection({
      name: 'cases',
      store,
      dataSource: db,
      project: async (_m, event) => {
        if (event.globalPosition === 2 && failOnce) {
          failOnce = false;
          throw new Error('database gone');
        }
        applied.push(event.globalPosition);
      },
      onFailure: (error) => failures.push((error as Error).message),
    });
    await projection.start();
    await append(store, 1);
    await append(store, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures).toEqual(['database gone']);
    expect(projection.state()).toBe('down');
    const third = await append(store, 3);
    await projection.showing(third);
    expect(applied).toEqual([1, 2, 3]);
    expect(projection.state()).toBe('up');
    await projection.stop();
  });
});
