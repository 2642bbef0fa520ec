import { execFileSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { BusLogger, KafkaMessageBus } from '../src';

export const kafkaBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const PROBE = `
const socket = require('node:net').connect({ host: process.argv[1], port: Number(process.argv[2]) });
socket.setTimeout(1000, () => process.exit(1));
socket.on('connect', () => process.exit(0));
socket.on('error', () => process.exit(1));
`;

/** Synchronous, so a spec can decide at load time whether to register its tests. */
function accepts(host: string, port: number): boolean {
  try {
    execFileSync(process.execPath, ['-e', PROBE, host, String(port)], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a service the spec needs is reachable. Locally an absent service skips the spec with a
 * note; in CI (CI=true) it fails the spec, so a broken environment cannot pass as green.
 */
export function serviceAvailable(name: string, address: string): boolean {
  const { hostname, port } = new URL(address.includes('://') ? address : `tcp://${address}`);
  if (accepts(hostname, Number(port))) return true;
  if (process.env.CI === 'true') throw new Error(`CI needs ${name} at ${address}, and it is not reachable`);
  process.stderr.write(`skipped: no ${name} at ${address}\n`);
  return false;
}

export const kafkaAvailable = (): boolean => serviceAvailable('Kafka', kafkaBrokers[0]);

/** kafkajs warnings (rebalances, retried requests) are expected in tests; KAFKA_TEST_LOGS=1 shows them. */
const testLogger: BusLogger = {
  warn: (entry) => (process.env.KAFKA_TEST_LOGS === '1' ? console.warn(entry) : undefined),
  error: (entry) => console.error(entry),
};

/**
 * The broker's minimum session timeout, so a crashed consumer's partitions move on quickly,
 * and short fetch waits, so stopping a consumer is quick.
 */
export const newTestKafkaBus = (): KafkaMessageBus =>
  new KafkaMessageBus({
    brokers: kafkaBrokers,
    clientId: 'messaging-tests',
    logger: testLogger,
    sessionTimeoutMs: 6_000,
    rebalanceTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 200,
  });

/** Deletes the topics and groups named with the prefix, so test runs do not pile up on the broker. */
export async function deleteKafkaTestData(prefix: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'messaging-tests-cleanup',
    brokers: kafkaBrokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
