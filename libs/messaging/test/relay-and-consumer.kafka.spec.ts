import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EmbeddedEventStore, newEvent } from '@claims/event-sourcing';
import { Client } from 'pg';
import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import {
  DeliveredMessage,
  KafkaMessageBus,
  ProcessedMessage,
  RelayCheckpoint,
  messagingEntities,
  processOnce,
} from '../src';
import { TEST_RUN_PREFIX, interleavedEvents, uniqueName, waitFor } from './message-bus.contract';
import {
  databaseUrl,
  deleteKafkaTestData,
  kafkaAvailable,
  kafkaBrokers,
  newTestKafkaBus,
  serviceAvailable,
} from './test-environment';

const workspaceRoot = resolve(__dirname, '../../..');
const TIMEOUT_MS = 60_000;

/** The read model under test: how many events each aggregate had, and its last one. */
@Entity({ name: 'aggregate_counter' })
class AggregateCounter {
  @PrimaryColumn({ name: 'aggregate_id', type: 'varchar' })
  aggregateId: string;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;

  @Column({ name: 'last_event_id', type: 'varchar' })
  lastEventId: string;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence: number;
}

async function countEvent(manager: EntityManager, message: DeliveredMessage): Promise<void> {
  const counter = (await manager.findOneBy(AggregateCounter, { aggregateId: message.key })) ?? {
    aggregateId: message.key,
    eventCount: 0,
  };
  await manager.save(AggregateCounter, {
    ...counter,
    eventCount: counter.eventCount + 1,
    lastEventId: message.event.id,
    lastSequence: (message.event.data as { sequence: number }).sequence,
  });
}

async function withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function openSchema(schema: string): Promise<DataSource> {
  await withPostgres((client) => client.query(`CREATE SCHEMA "${schema}"`));
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    schema,
    entities: [...messagingEntities, AggregateCounter],
    synchronize: true,
  }).initialize();
}

interface RelayRun {
  readonly child: ChildProcess;
  readonly checkpoints: number[];
  /** Publishes acknowledged after each checkpoint so far: publishes[i] follows checkpoints[i - 1]. */
  readonly publishes: number[];
  readonly exited: Promise<number | null>;
  stderr(): string;
}

function startRelayProcess(env: Record<string, string>): RelayRun {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'relay-process.ts')], {
    cwd: workspaceRoot,
    env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const checkpoints: number[] = [];
  const publishes: number[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = JSON.parse(line) as { checkpoint?: number; published?: number };
      if (parsed.checkpoint !== undefined) checkpoints.push(parsed.checkpoint);
      if (parsed.published !== undefined)
        publishes[checkpoints.length] = (publishes[checkpoints.length] ?? 0) + 1;
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, checkpoints, publishes, exited, stderr: () => stderr };
}

/** Each key's sequence numbers in order of first arrival: redelivered duplicates are ignored. */
function firstArrivalsByKey(messages: readonly DeliveredMessage[]): Map<string, number[]> {
  const seen = new Set<string>();
  const byKey = new Map<string, number[]>();
  for (const m of messages) {
    if (seen.has(m.event.id)) continue;
    seen.add(m.event.id);
    byKey.set(m.key, [...(byKey.get(m.key) ?? []), (m.event.data as { sequence: number }).sequence]);
  }
  return byKey;
}

const available = kafkaAvailable() && serviceAvailable('PostgreSQL', databaseUrl);
const describeWithServices = available ? describe : describe.skip;

describeWithServices('relay and idempotent consumer against Kafka and PostgreSQL', () => {
  const runId = randomUUID().slice(0, 8);
  const schemas: string[] = [];
  const dataSources: DataSource[] = [];
  let bus: KafkaMessageBus;
  let directory: string;

  const schemaName = (label: string) => `messaging_test_${runId}_${label}`;
  const schema = async (label: string): Promise<DataSource> => {
    const name = schemaName(label);
    schemas.push(name);
    const dataSource = await openSchema(name);
    dataSources.push(dataSource);
    return dataSource;
  };

  beforeAll(() => {
    bus = newTestKafkaBus();
    directory = mkdtempSync(join(tmpdir(), 'relay-'));
  });

  afterAll(async () => {
    await bus?.close();
    if (available) await deleteKafkaTestData(TEST_RUN_PREFIX);
    await Promise.all(dataSources.map((d) => d.destroy()));
    const drops = schemas.map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE;`);
    if (drops.length) await withPostgres((client) => client.query(drops.join('\n')));
    rmSync(directory, { recursive: true, force: true });
  }, TIMEOUT_MS);

  it(
    'a relay SIGKILLed mid-stream and restarted publishes every event, in order per aggregate',
    async () => {
      const storeFile = join(directory, 'history.jsonl');
      const store = new EmbeddedEventStore(storeFile);
      const context = {
        actor: { id: 'test', role: 'system' },
        correlationId: randomUUID(),
        causationId: null,
      };
      const appended: string[] = [];
      for (let sequence = 0; sequence < 30; sequence++) {
        for (let claim = 0; claim < 10; claim++) {
          const event = newEvent({ type: 'ClaimNoted', schemaVersion: 1, data: { sequence } }, context);
          await store.append(`claim-${claim}`, [event], 'any');
          appended.push(event.eventId);
        }
      }
      await store.close();
      const checkpointDb = await schema('relay');
      const topic = uniqueName('relay');
      const env = {
        RELAY_TOPIC: topic,
        RELAY_STORE_FILE: storeFile,
        RELAY_SCHEMA: schemaName('relay'),
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: kafkaBrokers.join(','),
        RELAY_PAUSE_AFTER_PUBLISH_MS: '50',
      };

      const killed = startRelayProcess(env);
      // Killed after a batch is acknowledged by Kafka and before its checkpoint is saved.
      const publishedAfterCheckpoint100 = () => {
        const index = killed.checkpoints.findIndex((p) => p >= 100);
        return index >= 0 && (killed.publishes[index + 1] ?? 0) > 0;
      };
      const killable = () => publishedAfterCheckpoint100() || killed.child.exitCode !== null;
      await waitFor('the relay to publish past checkpoint 100', killable);
      if (killed.child.exitCode !== null)
        throw new Error(`The relay ended before it was killed: ${killed.stderr()}`);
      killed.child.kill('SIGKILL');
      await killed.exited;
      const saved = await checkpointDb
        .getRepository(RelayCheckpoint)
        .findOneByOrFail({ name: 'relay-process' });
      expect(saved.position).toBeGreaterThanOrEqual(100);
      expect(saved.position).toBeLessThan(300);

      const restarted = startRelayProcess(env);
      if ((await restarted.exited) !== 0)
        throw new Error(`The restarted relay failed: ${restarted.stderr()}`);
      expect(restarted.checkpoints[0]).toBeGreaterThan(saved.position);
      expect(restarted.checkpoints[restarted.checkpoints.length - 1]).toBe(300);

      const messages = await bus.readTopic(topic);
      expect(new Set(messages.map((m) => m.event.id))).toEqual(new Set(appended));
      // The batch published but not checkpointed before the kill went out again: at least once.
      expect(messages.length).toBeGreaterThan(300);
      const inOrder = Array.from({ length: 30 }, (_, i) => i);
      const byKey = firstArrivalsByKey(messages);
      expect(byKey.size).toBe(10);
      byKey.forEach((sequences) => expect(sequences).toEqual(inOrder));
      console.log(
        `relay: killed at checkpoint ${saved.position}; ${messages.length - 300} duplicate(s) after restart`,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a consumer crashing mid-batch ends with the read model a full replay builds, counting nothing twice',
    async () => {
      const topic = uniqueName('projection');
      const events = interleavedEvents(10, 20, 'claim');
      await bus.publish(topic, events);
      // What a relay restart does: some events published a second time, same ids.
      await bus.publish(topic, events.slice(95, 115));
      const live = await schema('live');
      const group = uniqueName('projector');
      let skipped = 0;
      const countOnce = (dataSource: DataSource) => async (message: DeliveredMessage) => {
        if (!(await processOnce(dataSource, 'counter', message, countEvent))) skipped++;
      };

      let projected = 0;
      const crashAfterCommit = await bus.consume({ groupId: group, topics: [topic] }, async (message) => {
        await countOnce(live)(message);
        if (++projected === 60)
          throw new Error('killed after the projection committed, before the offset was');
      });
      await expect(crashAfterCommit.done).rejects.toThrow('killed after the projection committed');

      const crashInProjection = await bus.consume({ groupId: group, topics: [topic] }, async (message) => {
        const applied = await processOnce(live, 'counter', message, async (manager, m) => {
          await countEvent(manager, m);
          if (++projected === 130) throw new Error('killed inside the projection transaction');
        });
        if (!applied) skipped++;
      });
      await expect(crashInProjection.done).rejects.toThrow('killed inside the projection transaction');

      const healthy = await bus.consume({ groupId: group, topics: [topic] }, countOnce(live));
      const processed = () => live.getRepository(ProcessedMessage).countBy({ consumer: 'counter' });
      // Skipped: the 20 republished events, and the message whose offset the first crash left uncommitted.
      let processedCount = 0;
      await waitFor(
        () => `every event in the read model (processed ${processedCount}, skipped ${skipped})`,
        async () => (processedCount = await processed()) === 200 && skipped >= 21,
      );
      await healthy.stop();

      const replay = await schema('replay');
      let delivered = 0;
      const everythingAgain = await bus.consume(
        { groupId: uniqueName('again'), topics: [topic] },
        async (message) => {
          await countOnce(live)(message);
          delivered++;
        },
      );
      const fullReplay = await bus.consume(
        { groupId: uniqueName('replay'), topics: [topic] },
        async (message) => {
          await countOnce(replay)(message);
          delivered++;
        },
      );
      await waitFor('both groups to read the whole topic', () => delivered >= 2 * 220);
      await Promise.all([everythingAgain.stop(), fullReplay.stop()]);

      const rows = (dataSource: DataSource) =>
        dataSource.getRepository(AggregateCounter).find({ order: { aggregateId: 'ASC' } });
      const liveRows = await rows(live);
      expect(liveRows).toEqual(await rows(replay));
      expect(liveRows).toHaveLength(10);
      liveRows.forEach((row) => expect(row).toMatchObject({ eventCount: 20, lastSequence: 19 }));
    },
    TIMEOUT_MS,
  );
});
