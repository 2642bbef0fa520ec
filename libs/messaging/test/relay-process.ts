/**
 * A relay as its own process, so a test can SIGKILL it mid-stream. Run with
 * `node -r @swc-node/register relay-process.ts`; configured by environment (see `setting`).
 * Prints one JSON line per saved checkpoint, then `{"caughtUp":true}` and exits.
 */
import { EmbeddedEventStore } from '@claims/event-sourcing';
import { DataSource } from 'typeorm';
import { EventRelay, KafkaMessageBus, MessageBus, integrationEventFrom, messagingEntities } from '../src';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`relay-process needs ${name}`);
  return value;
}

/** Slows each publish down, so the test can kill the relay between two batches. */
function slowed(bus: MessageBus, delayMs: number): MessageBus {
  return {
    publish: async (topic, events, headers) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await bus.publish(topic, events, headers);
    },
    consume: (options, handler) => bus.consume(options, handler),
    readTopic: (topic) => bus.readTopic(topic),
    close: () => bus.close(),
  };
}

async function main(): Promise<void> {
  const topic = setting('RELAY_TOPIC');
  const store = new EmbeddedEventStore(setting('RELAY_STORE_FILE'));
  const dataSource = await new DataSource({
    type: 'postgres',
    url: setting('DATABASE_URL'),
    schema: setting('RELAY_SCHEMA'),
    entities: messagingEntities,
  }).initialize();
  const kafka = new KafkaMessageBus({ brokers: setting('KAFKA_BROKERS').split(','), clientId: 'relay-process' });
  const relay = new EventRelay({
    name: 'relay-process',
    store,
    bus: slowed(kafka, Number(setting('RELAY_PUBLISH_DELAY_MS'))),
    dataSource,
    toPublicEvent: (envelope) => ({ topic, event: integrationEventFrom(envelope, 'relay-test', envelope.streamId) }),
    batchSize: 10,
    onCheckpoint: (position) => process.stdout.write(JSON.stringify({ checkpoint: position }) + '\n'),
  });
  await relay.start();
  await relay.caughtUp();
  await relay.stop();
  await Promise.all([store.close(), kafka.close(), dataSource.destroy()]);
  process.stdout.write(JSON.stringify({ caughtUp: true }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`relay-process failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
