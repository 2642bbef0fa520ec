import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import {
  DeliveredMessage,
  ProcessedMessage,
  idempotentBatchHandler,
  messagingEntities,
  processOnce,
} from '../src';
import { testEvent } from './message-bus.contract';
import { databaseUrl, serviceAvailable } from './test-environment';

@Entity({ name: 'tally' })
class Tally {
  @PrimaryColumn({ type: 'varchar' })
  name: string;

  @Column({ type: 'integer' })
  count: number;
}

function message(sequence = 0): DeliveredMessage {
  const event = testEvent('claim-1', sequence);
  return { topic: 'topic', partition: 0, offset: '0', key: event.subject, event, headers: {} };
}

async function addOne(manager: EntityManager): Promise<void> {
  const tally = (await manager.findOneBy(Tally, { name: 'events' })) ?? { name: 'events', count: 0 };
  await manager.save(Tally, { ...tally, count: tally.count + 1 });
}

const count = async (dataSource: DataSource) =>
  (await dataSource.getRepository(Tally).findOneBy({ name: 'events' }))?.count ?? 0;

interface Database {
  readonly dataSource: DataSource;
  dispose(): Promise<void>;
}

function idempotentConsumerContract(name: string, open: () => Promise<Database>): void {
  describe(`processOnce on ${name}`, () => {
    let database: Database;
    let dataSource: DataSource;
    beforeEach(async () => {
      database = await open();
      dataSource = database.dataSource;
    });
    afterEach(() => database.dispose());

    it('applies a batch in one go, skipping what it applied before and repeats within the batch', async () => {
      const [first, second, third] = [message(0), message(1), message(2)];
      expect(await processOnce(dataSource, 'tally', first, addOne)).toBe(true);
      const applyBatch = idempotentBatchHandler(dataSource, 'tally', addOne);
      await applyBatch([first, second, second, third]);
      expect(await count(dataSource)).toBe(3);
      await applyBatch([third, first]);
      expect(await count(dataSource)).toBe(3);
    });

    it('applies nothing of a batch when one of its messages fails', async () => {
      const failing = message(1);
      const applyBatch = idempotentBatchHandler(dataSource, 'tally', async (manager, delivered) => {
        if (delivered.event.id === failing.event.id) throw new Error('bad message');
        await addOne(manager);
      });
      await expect(applyBatch([message(0), failing, message(2)])).rejects.toThrow('bad message');
      expect(await count(dataSource)).toBe(0);
      expect(await dataSource.getRepository(ProcessedMessage).countBy({ consumer: 'tally' })).toBe(0);
    });

    it('applies a message once: its redelivery changes nothing', async () => {
      const delivered = message();
      expect(await processOnce(dataSource, 'tally', delivered, addOne)).toBe(true);
      expect(await processOnce(dataSource, 'tally', delivered, addOne)).toBe(false);
      expect(await count(dataSource)).toBe(1);
      expect(
        await dataSource.getRepository(ProcessedMessage).findOneByOrFail({ consumer: 'tally' }),
      ).toMatchObject({
        messageId: delivered.event.id,
        processedAt: expect.any(Date),
      });
    });

    it('records nothing when the projection fails, so the redelivery applies it', async () => {
      const delivered = message();
      const failing = async (manager: EntityManager) => {
        await addOne(manager);
        throw new Error('projection failed halfway');
      };
      await expect(processOnce(dataSource, 'tally', delivered, failing)).rejects.toThrow(
        'projection failed halfway',
      );
      expect(await count(dataSource)).toBe(0);
      expect(await processOnce(dataSource, 'tally', delivered, addOne)).toBe(true);
      expect(await count(dataSource)).toBe(1);
    });

    it('keeps each consumer apart: the same message is applied once per consumer', async () => {
      const delivered = message();
      expect(await processOnce(dataSource, 'first', delivered, addOne)).toBe(true);
      expect(await processOnce(dataSource, 'second', delivered, addOne)).toBe(true);
      expect(await count(dataSource)).toBe(2);
    });

    it('applies concurrent messages of several consumers, each once', async () => {
      const messages = Array.from({ length: 10 }, () => message());
      const recordOne = (consumer: string) => async (manager: EntityManager, m: DeliveredMessage) => {
        await manager.insert(Tally, { name: `${consumer}/${m.event.id}`, count: 1 });
      };
      const deliveries = messages.flatMap((m) =>
        ['first', 'second'].map((consumer) => processOnce(dataSource, consumer, m, recordOne(consumer))),
      );
      expect(await Promise.all(deliveries)).toEqual(deliveries.map(() => true));
      expect(await dataSource.getRepository(Tally).count()).toBe(20);
    });

    it('applies once when two deliveries of a message race', async () => {
      const delivered = message();
      const outcomes = await Promise.allSettled([
        processOnce(dataSource, 'tally', delivered, addOne),
        processOnce(dataSource, 'tally', delivered, addOne),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === true)).toHaveLength(1);
      expect(await count(dataSource)).toBe(1);
    });
  });
}

idempotentConsumerContract('sql.js', async () => {
  const dataSource = await new DataSource({
    type: 'sqljs',
    entities: [...messagingEntities, Tally],
    synchronize: true,
  }).initialize();
  return { dataSource, dispose: () => dataSource.destroy() };
});

function openSqlJsFile(file: string): Promise<DataSource> {
  return new DataSource({
    type: 'sqljs',
    autoSave: true,
    location: file,
    entities: [...messagingEntities, Tally],
    synchronize: true,
  }).initialize();
}

idempotentConsumerContract('sql.js in a file (embedded mode)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'read-models-'));
  const dataSource = await openSqlJsFile(join(directory, 'read-models.sqlite'));
  return {
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe('processOnce on a sql.js file', () => {
  it('still knows a processed message after a restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'read-models-'));
    const file = join(directory, 'read-models.sqlite');
    const delivered = message();
    const before = await openSqlJsFile(file);
    await processOnce(before, 'tally', delivered, addOne);
    await before.destroy();

    const after = await openSqlJsFile(file);
    expect(await processOnce(after, 'tally', delivered, addOne)).toBe(false);
    expect(await count(after)).toBe(1);
    await after.destroy();
    rmSync(directory, { recursive: true, force: true });
  });
});

if (serviceAvailable('PostgreSQL', databaseUrl)) {
  idempotentConsumerContract('PostgreSQL', async () => {
    const schema = `messaging_test_${randomUUID().slice(0, 8)}`;
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema,
      entities: [...messagingEntities, Tally],
      synchronize: true,
    }).initialize();
    return {
      dataSource,
      dispose: async () => {
        await dataSource.destroy();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.end();
      },
    };
  });
}
