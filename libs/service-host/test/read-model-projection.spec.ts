import { randomUUID } from 'node:crypto';
import { EmbeddedEventStore, newEvent } from '@claims/event-sourcing';
import { ProjectionCheckpoint, ReadModelProjection } from '../src';
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
