/**
 * The bus: the relay's publish rate against a raw kafkajs producer with the same settings,
 * consumers applying messages into a PostgreSQL read model, and append → consumer latency at a
 * steady rate (PostgreSQL store → relay → Kafka → consumer).
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import pg from 'pg';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import {
  CommandContext,
  EmbeddedEventStore,
  EventEnvelope,
  EventStore,
  PostgresEventStore,
  newEvent,
} from '@claims/event-sourcing';
import {
  EventRelay,
  KafkaMessageBus,
  idempotentBatchHandler,
  idempotentHandler,
  integrationEventFrom,
  messagingEntities,
  retryingHandler,
} from '@claims/messaging';
import { Bench, Figure, interleaved, ms, rate, ratio, seconds } from './figures';
import { withScratchDatabase } from './scratch-database';

@Entity({ name: 'claim_tally' })
class ClaimTally {
  @PrimaryColumn({ type: 'varchar' })
  claim: string;

  @Column({ type: 'integer' })
  events: number;
}

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
const quiet = { logger: { warn: () => undefined, error: (entry: unknown) => console.error(entry) } };

const publicEvent = (topic: string) => (envelope: EventEnvelope) => ({
  topic,
  event: integrationEventFrom(envelope, 'bench', envelope.streamId),
});

async function filledStore(events: number): Promise<EventStore> {
  const store = new EmbeddedEventStore(null);
  for (let i = 0; i < events / 100; i++) {
    const batch = Array.from({ length: 100 }, () =>
      newEvent({ type: 'ClaimReported', schemaVersion: 1, data: payload }, context),
    );
    await store.append(`claim-${i % 200}`, batch, 'any');
  }
  return store;
}

async function relayRate(brokers: string[], store: EventStore, events: number): Promise<number> {
  const bus = new KafkaMessageBus({ brokers, clientId: 'bench-relay', ...quiet });
  const dataSource = await new DataSource({
    type: 'sqljs',
    entities: messagingEntities,
    synchronize: true,
  }).initialize();
  const topic = `bench.relay.${randomUUID().slice(0, 8)}`;
  await bus.publish(topic, [
    integrationEventFrom((await store.readAll({ maxCount: 1 }))[0], 'bench', 'warm-up'),
  ]);
  const last = (await store.readAll()).at(-1)!.globalPosition;
  let finished: () => void = () => undefined;
  const published = new Promise<void>((resolve) => (finished = resolve));
  const relay = new EventRelay({
    name: topic,
    store,
    bus,
    dataSource,
    toPublicEvent: publicEvent(topic),
    onCheckpoint: (position) => position >= last && finished(),
    onFailure: (error) => console.error('relay failed', error),
  });
  const started = process.hrtime.bigint();
  await relay.start();
  await published;
  const result = events / seconds(started);
  await relay.stop();
  await bus.close();
  await dataSource.destroy();
  return result;
}

async function rawProducerRate(brokers: string[], store: EventStore, events: number): Promise<number> {
  const kafka = new Kafka({ brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await producer.connect();
  const envelopes = await store.readAll();
  const started = process.hrtime.bigint();
  for (let i = 0; i < envelopes.length; i += 100) {
    await producer.send({
      topic,
      acks: -1,
      messages: envelopes.slice(i, i + 100).map((e) => ({
        key: e.streamId,
        value: JSON.stringify(integrationEventFrom(e, 'bench', e.streamId)),
      })),
    });
  }
  const result = events / seconds(started);
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return result;
}

/** Messages/s a consumer group applies into a PostgreSQL read model, from a filled topic. */
async function consumerRate(
  brokers: string[],
  url: string,
  store: EventStore,
  events: number,
): Promise<number> {
  const bus = new KafkaMessageBus({ brokers, clientId: 'bench-consumer', ...quiet });
  const topic = `bench.consume.${randomUUID().slice(0, 8)}`;
  const envelopes = await store.readAll();
  for (let i = 0; i < envelopes.length; i += 500) {
    await bus.publish(
      topic,
      envelopes.slice(i, i + 500).map((e) => integrationEventFrom(e, 'bench', e.streamId)),
    );
  }
  const dataSource = await new DataSource({
    type: 'postgres',
    url,
    schema: 'public',
    entities: [...messagingEntities, ClaimTally],
    synchronize: true,
  }).initialize();
  const apply = async (manager: import('typeorm').EntityManager, message: { event: { subject: string } }) => {
    await manager.query(
      `INSERT INTO claim_tally (claim, events) VALUES ($1, 1) ON CONFLICT (claim) DO UPDATE SET events = claim_tally.events + 1`,
      [message.event.subject],
    );
  };
  let applied = 0;
  let finished: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const consumer = `tally-${topic}`;
  const batch = idempotentBatchHandler(dataSource, consumer, apply);
  // Timed from the first delivery: joining the group is not consumption.
  let started: bigint | null = null;
  const subscription = await bus.consume(
    {
      groupId: consumer,
      topics: [topic],
      applyBatch: async (messages) => {
        started ??= process.hrtime.bigint();
        await batch(messages);
        if ((applied += messages.length) >= events) finished();
      },
    },
    retryingHandler(bus, async (message) => {
      started ??= process.hrtime.bigint();
      await idempotentHandler(dataSource, consumer, apply)(message);
      if (++applied >= events) finished();
    }),
  );
  await all;
  const result = events / seconds(started ?? process.hrtime.bigint());
  await subscription.stop();
  await bus.close();
  await dataSource.destroy();
  return result;
}

/** Append → consumer latency with events appended at a steady `perSecond`, in batches every 10 ms. */
async function endToEndLatency(
  brokers: string[],
  url: string,
  perSecond: number,
  durationS: number,
): Promise<{ p50: number; p99: number; count: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const store = await PostgresEventStore.open({
    pool,
    schema: `latency_${randomUUID().slice(0, 8)}`,
    pollIntervalMs: 1000,
  });
  const bus = new KafkaMessageBus({ brokers, clientId: 'bench-latency', maxWaitTimeMs: 100, ...quiet });
  const dataSource = await new DataSource({
    type: 'postgres',
    url,
    schema: 'public',
    entities: [...messagingEntities, ClaimTally],
    synchronize: true,
  }).initialize();
  const topic = `bench.latency.${randomUUID().slice(0, 8)}`;
  const relay = new EventRelay({
    name: topic,
    store,
    bus,
    dataSource,
    toPublicEvent: publicEvent(topic),
    lingerMs: 2,
  });
  const appendedAt = new Map<string, bigint>();
  const latencies: number[] = [];
  const consumer = `latency-${topic}`;
  const apply = async () => undefined;
  const subscription = await bus.consume(
    {
      groupId: consumer,
      topics: [topic],
      applyBatch: async (messages) => {
        await idempotentBatchHandler(dataSource, consumer, apply)(messages);
        const now = process.hrtime.bigint();
        for (const m of messages) {
          const at = appendedAt.get(m.event.id);
          if (at !== undefined) latencies.push(Number(now - at) / 1e6);
        }
      },
    },
    async (message) => {
      await idempotentHandler(dataSource, consumer, apply)(message);
      const at = appendedAt.get(message.event.id);
      if (at !== undefined) latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
    },
  );
  await relay.start();
  const perTick = perSecond / 100;
  const ticks = durationS * 100;
  const started = Date.now();
  const appends: Promise<unknown>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const due = started + tick * 10;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    const events = Array.from({ length: perTick }, () =>
      newEvent({ type: 'ClaimReported', schemaVersion: 1, data: payload }, context),
    );
    const at = process.hrtime.bigint();
    events.forEach((e) => appendedAt.set(e.eventId, at));
    appends.push(store.append(`claim-${randomUUID()}`, events, 'no_stream'));
  }
  await Promise.all(appends);
  const deadline = Date.now() + 30_000;
  while (latencies.length < perTick * ticks && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  await relay.stop();
  await subscription.stop();
  await bus.close();
  await store.close();
  await dataSource.destroy();
  await pool.end();
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), count: latencies.length };
}

export const busBench: Bench = async ({ smoke, databaseUrl, kafkaBrokers }) => {
  if (!kafkaBrokers) {
    return [
      {
        section: 'Kafka',
        measure: 'skipped: no KAFKA_BROKERS (start one with npm run kafka:start)',
        value: '—',
        target: '',
      },
    ];
  }
  const brokers = kafkaBrokers.split(',');
  const events = smoke ? 2_000 : 20_000;
  const store = await filledStore(events);
  const [relay, raw] = await interleaved(smoke ? 1 : 3, [
    () => relayRate(brokers, store, events),
    () => rawProducerRate(brokers, store, events),
  ]);
  const figures: Figure[] = [
    {
      section: 'Kafka',
      measure: `relay publish, ${events.toLocaleString('en-US')} events (raw kafkajs producer, sends of 100: ${rate(raw, 'events')})`,
      value: `${rate(relay, 'events')}, ${ratio(relay / raw)}`,
      target: '≥ 0.8× raw producer',
      met: relay / raw >= 0.8,
    },
  ];
  await withScratchDatabase(databaseUrl, 'claims_bench_bus', async (url) => {
    const consumed = await consumerRate(brokers, url, store, events);
    figures.push({
      section: 'Kafka',
      measure: 'consumer into a PostgreSQL read model (batches, exactly once in effect)',
      value: rate(consumed, 'messages'),
      target: '≥ 5,000 messages/s',
      met: consumed >= 5000,
    });
    const steady = smoke ? 200 : 1000;
    const latency = await endToEndLatency(brokers, url, steady, smoke ? 3 : 15);
    figures.push({
      section: 'Kafka',
      measure: `append → consumer at a steady ${steady.toLocaleString('en-US')} events/s (PostgreSQL store, relay, consumer; ${latency.count} events)`,
      value: `p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}`,
      target: smoke ? '(smoke: 200 events/s)' : 'p99 ≤ 250 ms',
      met: smoke ? undefined : latency.p99 <= 250,
    });
  });
  return figures;
};
