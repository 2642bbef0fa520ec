/**
 * A relay as its own process, so a test can SIGKILL it mid-stream. Run with
 * `node -r @swc-node/register relay-process.ts`; configured by environment (see `setting`).
 * Prints a JSON line per publish and per saved checkpoint, then `{"caughtUp":true}` and exits.
 */
import { EmbeddedEventStore } from '@claims/event-sourcing';
import { DataSource } from 'typeorm';
import { EventRelay, KafkaMessageBus, MessageBus, integrationEventFrom, messagingEntities } from '../src';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`relay-process needs ${name}`);
  return value;
}

/**
 * Reports each acknowledged publish and then pauses before the relay may save its checkpoint,
 * so the test can kill the relay exactly between a publish and its checkpoint.
 */
function announcing(bus: MessageBus, pauseMs: number): MessageBus {
  return {
    publish: async (topic, events, headers) => {
      await bus.publish(topic, events, headers);
      process.stdout.write(JSON.stringify({ published: events.length }) + '\n');
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
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
  const kafka = new KafkaMessageBus({
    brokers: setting('KAFKA_BROKERS').split(','),
    clientId: 'relay-process',
  });
  const relay = new EventRelay({
    name: 'relay-process',
    store,
    bus: announcing(kafka, Number(setting('RELAY_PAUSE_AFTER_PUBLISH_MS'))),
    dataSource,
    toPublicEvent: (envelope) => ({
      topic,
      event: integrationEventFrom(envelope, 'relay-test', envelope.streamId),
    }),
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
