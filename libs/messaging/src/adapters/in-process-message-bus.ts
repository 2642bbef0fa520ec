import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppendSignal } from '@claims/event-sourcing';
import { IntegrationEvent } from '../integration-event';
import {
  BusSubscription,
  CLOUDEVENTS_CONTENT_TYPE,
  ConsumeOptions,
  DeliveredMessage,
  MessageBus,
  MessageHandler,
} from '../message-bus';

interface StoredMessage {
  readonly key: string;
  readonly event: IntegrationEvent;
  readonly headers: Record<string, string>;
}

/** groupId -> topic -> offset of the next message to deliver. */
type GroupOffsets = Record<string, Record<string, number>>;

const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;
const TOPIC_LOG_SUFFIX = '.jsonl';

/**
 * The message bus of the embedded single-process mode, with Kafka's semantics on one partition
 * per topic: append-only topic logs, offsets committed per consumer group after the handler
 * resolved, so a message whose handler had not finished is delivered again after a restart.
 *
 * With a directory, each topic is a JSON-lines file (one message a line, fsynced before publish
 * returns; a torn last line from a crash is dropped on open) and the groups' offsets are one
 * JSON file replaced atomically on every commit. One process owns the directory at a time.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly logs = new Map<string, StoredMessage[]>();
  private readonly files = new Map<string, number>();
  private readonly offsets: GroupOffsets;
  private readonly signal = new AppendSignal();
  private readonly consuming = new Set<string>();
  private readonly subscriptions = new Set<BusSubscription>();

  /** @param directory where topics and offsets are kept, or null to keep them in memory only. */
  constructor(private readonly directory: string | null) {
    this.offsets = directory === null ? {} : this.load(directory);
  }

  async publish(
    topic: string,
    events: readonly IntegrationEvent[],
    headers: Record<string, string> = {},
  ): Promise<void> {
    if (events.length === 0) return;
    const log = this.logOf(topic);
    const lines = events.map((event) =>
      JSON.stringify({
        key: event.subject,
        event,
        headers: { ...headers, 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      }),
    );
    this.appendToFile(topic, lines);
    // Parsed back from the line, so consumers see what Kafka would deliver, not the caller's objects.
    lines.forEach((line) => log.push(JSON.parse(line) as StoredMessage));
    this.signal.notify();
  }

  async consume(options: ConsumeOptions, handler: MessageHandler): Promise<BusSubscription> {
    const claims = options.topics.map((topic) => `${options.groupId}\u0000${topic}`);
    const taken = options.topics.find((_, i) => this.consuming.has(claims[i]));
    if (taken !== undefined) {
      throw new Error(
        `Group ${options.groupId} already consumes ${taken} in this process (one partition, one consumer)`,
      );
    }
    options.topics.forEach((topic) => this.logOf(topic));
    claims.forEach((claim) => this.consuming.add(claim));
    const subscription = this.deliver(options, handler, () => {
      claims.forEach((claim) => this.consuming.delete(claim));
      this.subscriptions.delete(subscription);
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async readTopic(topic: string): Promise<DeliveredMessage[]> {
    return (this.logs.get(topic) ?? []).map((stored, offset) => delivered(topic, offset, stored));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.files.forEach((fd) => closeSync(fd));
    this.files.clear();
  }

  private deliver(options: ConsumeOptions, handler: MessageHandler, onEnd: () => void): BusSubscription {
    const { groupId, topics } = options;
    const positions = new Map(
      topics.map((topic) => [topic, this.startOf(groupId, topic, options.fromBeginning ?? true)]),
    );
    let stopped = false;
    let wakeStop: () => void = () => undefined;
    const stopSignal = new Promise<void>((resolve) => (wakeStop = resolve));
    let turn = 0;

    const nextMessage = (): DeliveredMessage | null => {
      for (let i = 0; i < topics.length; i++) {
        // Rotating the starting topic keeps a busy topic from starving the others.
        const topic = topics[(turn + i) % topics.length];
        const offset = positions.get(topic) as number;
        const log = this.logOf(topic);
        if (offset < log.length) {
          turn = (turn + i + 1) % topics.length;
          return delivered(topic, offset, log[offset]);
        }
      }
      return null;
    };

    const run = async (): Promise<void> => {
      while (!stopped) {
        const woken = this.signal.next();
        const message = nextMessage();
        if (message === null) {
          await Promise.race([woken, stopSignal]);
          continue;
        }
        await handler(message);
        const next = Number(message.offset) + 1;
        positions.set(message.topic, next);
        this.commit(groupId, message.topic, next);
      }
    };

    const done = run().finally(onEnd);
    done.catch(() => undefined);
    return {
      done,
      async stop() {
        stopped = true;
        wakeStop();
        await done.catch(() => undefined);
      },
    };
  }

  private startOf(groupId: string, topic: string, fromBeginning: boolean): number {
    const committed = this.offsets[groupId]?.[topic];
    if (committed !== undefined) return committed;
    return fromBeginning ? 0 : this.logOf(topic).length;
  }

  private commit(groupId: string, topic: string, next: number): void {
    this.offsets[groupId] = { ...this.offsets[groupId], [topic]: next };
    if (this.directory === null) return;
    const file = join(this.directory, 'offsets.json');
    const temporary = `${file}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, JSON.stringify(this.offsets));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  }

  private logOf(topic: string): StoredMessage[] {
    if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..')
      throw new Error(`Invalid topic name: ${topic}`);
    let log = this.logs.get(topic);
    if (!log) {
      log = [];
      this.logs.set(topic, log);
    }
    return log;
  }

  private appendToFile(topic: string, lines: string[]): void {
    if (this.directory === null) return;
    let fd = this.files.get(topic);
    if (fd === undefined) {
      fd = openSync(join(this.directory, 'topics', topic + TOPIC_LOG_SUFFIX), 'a');
      this.files.set(topic, fd);
    }
    writeSync(fd, lines.join('\n') + '\n');
    fsyncSync(fd);
  }

  private load(directory: string): GroupOffsets {
    const topicsDir = join(directory, 'topics');
    mkdirSync(topicsDir, { recursive: true });
    for (const name of readdirSync(topicsDir).filter((n) => n.endsWith(TOPIC_LOG_SUFFIX))) {
      this.logs.set(name.slice(0, -TOPIC_LOG_SUFFIX.length), readTopicLog(join(topicsDir, name)));
    }
    const offsetsFile = join(directory, 'offsets.json');
    return existsSync(offsetsFile) ? (JSON.parse(readFileSync(offsetsFile, 'utf8')) as GroupOffsets) : {};
  }
}

function readTopicLog(file: string): StoredMessage[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const torn = lines.pop() ?? '';
  if (torn !== '') {
    // A crash during the last publish: it was never acknowledged, so it is dropped.
    truncateSync(file, statSync(file).size - Buffer.byteLength(torn));
  }
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as StoredMessage;
    } catch (error) {
      throw new Error(`Topic log ${file} is corrupt at line ${index + 1}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
}

function delivered(topic: string, offset: number, stored: StoredMessage): DeliveredMessage {
  return {
    topic,
    partition: 0,
    offset: String(offset),
    key: stored.key,
    event: stored.event,
    headers: stored.headers,
  };
}
