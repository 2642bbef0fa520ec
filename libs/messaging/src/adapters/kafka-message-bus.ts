import { randomUUID } from 'node:crypto';
import {
  Admin,
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  IHeaders,
  Kafka,
  KafkaMessage,
  LogEntry,
  Partitioners,
  Producer,
  logLevel,
} from 'kafkajs';
import { IntegrationEvent } from '../integration-event';
import {
  BatchHandler,
  BusSubscription,
  CLOUDEVENTS_CONTENT_TYPE,
  ConsumeOptions,
  DeliveredMessage,
  MessageBus,
  MessageHandler,
} from '../message-bus';

/** The part of a structured logger the bus needs (the service host's JsonLogger fits). */
export interface BusLogger {
  warn(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

export interface KafkaMessageBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Receives kafkajs warnings and errors; default: JSON lines on stderr. */
  readonly logger?: BusLogger;
  /** Partitions of the topics this bus creates; default 3. */
  readonly partitions?: number;
  /** Group membership timing. The defaults suit a local broker; the broker's minimum session is 6 s. */
  readonly sessionTimeoutMs?: number;
  readonly rebalanceTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long a fetch waits for new messages; stop() waits for it too. Default 1 s. */
  readonly maxWaitTimeMs?: number;
  /** How long readTopic may take before it gives up; default 30 s. */
  readonly readTopicTimeoutMs?: number;
}

/** kafkajs fields that are safe to log: ids and positions, never message keys, values or headers. */
const LOGGED_FIELDS = [
  'error',
  'groupId',
  'memberId',
  'topic',
  'partition',
  'offset',
  'broker',
  'clientId',
  'retryCount',
  'retryTime',
];

/**
 * The message bus over Apache Kafka. Messages are CloudEvents in structured mode (the whole event
 * is the JSON value) keyed by the event's subject, published by an idempotent producer that waits
 * for all in-sync replicas. Topics are created on first use. Each consumer commits a message's
 * offset only after its handler resolved, so a crash redelivers at most the messages in flight.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | null = null;
  private admin: Promise<Admin> | null = null;
  private readonly createdTopics = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<BusSubscription>();
  private checking: Promise<void> | null = null;

  constructor(private readonly options: KafkaMessageBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      logCreator: () => logTo(options.logger ?? stderrLogger),
    });
  }

  async publish(
    topic: string,
    events: readonly IntegrationEvent[],
    headers: Record<string, string> = {},
  ): Promise<void> {
    if (events.length === 0) return;
    await this.ensureTopic(topic);
    const producer = await this.connectedProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({
        key: event.subject,
        value: JSON.stringify(event),
        headers: { ...headers, 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      })),
    });
  }

  async consume(options: ConsumeOptions, handler: MessageHandler): Promise<BusSubscription> {
    await Promise.all(options.topics.map((topic) => this.ensureTopic(topic)));
    const consumer = this.newConsumer(options.groupId);
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
    } catch (error) {
      await consumer.disconnect();
      throw error;
    }
    const subscription = committingSubscription(consumer, handler, options.applyBatch);
    this.subscriptions.add(subscription);
    subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    const joined = new Promise<void>((resolve) => {
      const removeListener = consumer.on(consumer.events.GROUP_JOIN, () => {
        removeListener();
        resolve();
      });
    });
    try {
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: subscription.eachBatch,
      });
      // run() returns before the group is joined; waiting makes "subscribed" mean "assigned".
      await Promise.race([joined, subscription.done]);
    } catch (error) {
      await subscription.stop();
      throw error;
    }
    return { done: subscription.done, stop: subscription.stop, connected: brokerContact(consumer) };
  }

  async readTopic(topic: string): Promise<DeliveredMessage[]> {
    const admin = await this.connectedAdmin();
    if (!(await admin.listTopics()).includes(topic)) return [];
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(
      ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    );
    if (remaining.size === 0) return [];
    const groupId = `${this.options.clientId}.read-topic.${randomUUID()}`;
    const consumer = this.newConsumer(groupId);
    try {
      return await this.readUntil(consumer, topic, remaining);
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  }

  /** Asks the cluster for its brokers; one check at a time (kafkajs retries inside it). */
  checkConnection(): Promise<void> {
    this.checking ??= this.connectedAdmin()
      .then((admin) => admin.describeCluster())
      .then(() => undefined)
      .finally(() => (this.checking = null));
    return this.checking;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const clients = [this.producer, this.admin];
    this.producer = null;
    this.admin = null;
    await Promise.all(clients.map((client) => client?.then((c) => c.disconnect()).catch(() => undefined)));
  }

  /** Reads a topic with a throwaway group until every partition reached its end offset. */
  private async readUntil(
    consumer: Consumer,
    topic: string,
    ends: Map<number, bigint>,
  ): Promise<DeliveredMessage[]> {
    const messages: DeliveredMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const timeoutMs = this.options.readTopicTimeoutMs ?? 30_000;
    await new Promise<void>((resolve, reject) => {
      const timedOut = () =>
        reject(new Error(`readTopic ${topic}: not read to its end within ${timeoutMs} ms`));
      const timer = setTimeout(timedOut, timeoutMs);
      const eachMessage = async ({ partition, message }: EachMessagePayload): Promise<void> => {
        const end = ends.get(partition);
        if (end === undefined) return;
        messages.push(deliveredFrom(topic, partition, message));
        if (BigInt(message.offset) + 1n < end) return;
        ends.delete(partition);
        if (ends.size > 0) return;
        clearTimeout(timer);
        resolve();
      };
      consumer
        .run({ autoCommit: false, eachMessage: (payload) => eachMessage(payload).catch(reject) })
        .catch(reject);
    });
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  private newConsumer(groupId: string): Consumer {
    return this.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
  }

  private ensureTopic(topic: string): Promise<void> {
    let created = this.createdTopics.get(topic);
    if (!created) {
      created = this.connectedAdmin().then(async (admin) => {
        if (!(await admin.listTopics()).includes(topic)) {
          await admin.createTopics({
            topics: [{ topic, numPartitions: this.options.partitions ?? 3 }],
            waitForLeaders: true,
          });
        }
        // Another process may have just created it (createTopics then answers at once, and a
        // listed topic may still be electing leaders): a consumer or producer using it before
        // every partition has a leader fails with "This server does not host this topic-partition".
        await partitionsLed(admin, topic);
      });
      this.createdTopics.set(topic, created);
      created.catch(() => this.createdTopics.delete(topic));
    }
    return created;
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer = connected(producer, () => (this.producer = null));
    }
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.admin) this.admin = connected(this.kafka.admin(), () => (this.admin = null));
    return this.admin;
  }
}

/** How long a consumer may go without a fetch, heartbeat or join before it counts as disconnected. */
const CONSUMER_SILENCE_MS = 15_000;

/**
 * Whether the consumer is in touch with the broker: kafkajs retries a lost broker inside the
 * consumer (fetches and heartbeats fail, then it crashes and restarts itself) without stopping it,
 * so contact is judged by its last successful fetch, heartbeat or group join.
 */
function brokerContact(consumer: Consumer): () => boolean {
  let lastContact = Date.now();
  let restarting = false;
  const contact = () => {
    lastContact = Date.now();
    restarting = false;
  };
  consumer.on(consumer.events.FETCH, contact);
  consumer.on(consumer.events.HEARTBEAT, contact);
  consumer.on(consumer.events.GROUP_JOIN, contact);
  consumer.on(consumer.events.CRASH, ({ payload }) => (restarting = payload.restart));
  return () => !restarting && Date.now() - lastContact < CONSUMER_SILENCE_MS;
}

interface CommittingSubscription extends BusSubscription {
  eachBatch(payload: EachBatchPayload): Promise<void>;
}

/** Most messages applied (and committed) together. */
const MAX_BATCH = 500;

/**
 * Applies each fetched batch (with `applyBatch`, in slices of MAX_BATCH; without it, or when it
 * throws, one message at a time) and commits the offsets only after what they cover resolved.
 * A handler's throw pauses delivery and stops the consumer without committing, so the message
 * comes again to the group's next consumer.
 */
function committingSubscription(
  consumer: Consumer,
  handler: MessageHandler,
  applyBatch: BatchHandler | undefined,
): CommittingSubscription {
  let failure: { error: unknown } | null = null;
  let stopping: Promise<void> | null = null;
  let settle: { resolve: () => void; reject: (error: unknown) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => undefined);

  const stop = (): Promise<void> => {
    stopping ??= consumer.disconnect().then(
      () => (failure ? settle.reject(failure.error) : settle.resolve()),
      (error: unknown) => settle.reject(failure?.error ?? error),
    );
    return stopping;
  };
  const fail = (error: unknown): void => {
    failure ??= { error };
    // Not awaited here: disconnecting waits for this very eachBatch call to return.
    setImmediate(() => void stop());
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });

  /** Whether the batch handler applied the whole slice (else the messages go one by one). */
  const appliedTogether = async (messages: readonly DeliveredMessage[]): Promise<boolean> => {
    if (!applyBatch || messages.length < 2) return false;
    try {
      await applyBatch(messages);
      return true;
    } catch {
      return false; // one of them (or the database) failed: the handler retries each, dead-letters a bad one
    }
  };

  const eachBatch = async ({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    pause,
  }: EachBatchPayload) => {
    const { topic, partition } = batch;
    const running = () => !failure && isRunning() && !isStale();
    const commit = async (offset: string) => {
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
      resolveOffset(offset);
    };
    for (let start = 0; start < batch.messages.length && running(); start += MAX_BATCH) {
      const slice = batch.messages.slice(start, start + MAX_BATCH);
      const delivered = slice.map((message) => deliveredFrom(topic, partition, message));
      if (await appliedTogether(delivered)) {
        await commit(slice[slice.length - 1].offset);
      } else {
        for (const [i, message] of delivered.entries()) {
          if (!running()) break;
          try {
            await handler(message);
          } catch (error) {
            pause();
            fail(error);
            return;
          }
          await commit(slice[i].offset);
        }
      }
      await heartbeat();
    }
    if (failure) pause();
  };

  return { done, stop, eachBatch };
}

const LEADERS_TIMEOUT_MS = 30_000;

async function partitionsLed(admin: Admin, topic: string): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => null);
    const partitions = metadata?.topics.find((t) => t.name === topic)?.partitions ?? [];
    if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
    if (Date.now() > deadline) throw new Error(`Kafka topic ${topic} has partitions without a leader`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function deliveredFrom(topic: string, partition: number, message: KafkaMessage): DeliveredMessage {
  if (message.value === null) throw new Error(`${topic}/${partition}@${message.offset} has no value`);
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    event: JSON.parse(message.value.toString('utf8')) as IntegrationEvent,
    headers: headersFrom(message.headers),
  };
}

function headersFrom(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}

async function connected<C extends { connect(): Promise<void> }>(client: C, forget: () => void): Promise<C> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    forget();
    throw error;
  }
}

const stderrLogger: BusLogger = {
  warn: (entry) =>
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'warn', ...entry }) + '\n'),
  error: (entry) =>
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', ...entry }) + '\n'),
};

function logTo(logger: BusLogger): (entry: LogEntry) => void {
  return ({ namespace, level, log }) => {
    const fields: Record<string, unknown> = { component: `kafkajs.${namespace}`, msg: log.message };
    for (const name of LOGGED_FIELDS) {
      const value: unknown = (log as Record<string, unknown>)[name];
      if (value !== undefined) fields[name] = typeof value === 'object' ? String(value) : value;
    }
    // kafkajs's Connection reports every error response, most of which its callers retry (a
    // rebalance, a coordinator still loading); the callers log the failures that matter.
    if (level === logLevel.ERROR && namespace !== 'Connection') logger.error(fields);
    else logger.warn(fields);
  };
}
