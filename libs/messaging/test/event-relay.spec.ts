import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, EventStore, newEvent } from '@claims/event-sourcing';
import { DataSource } from 'typeorm';
import {
  EventRelay,
  InProcessMessageBus,
  MessageBus,
  PublicEventMapping,
  RelayCheckpoint,
  integrationEventFrom,
  messagingEntities,
} from '../src';
import { waitFor } from './message-bus.contract';

const TOPIC = 'claims-platform.intake';
const context = { actor: { id: 'test', role: 'system' }, correlationId: randomUUID(), causationId: null };

/** Events of type `Noted` are public; `Drafted` stays inside the service. */
const toPublicEvent: PublicEventMapping = (envelope) =>
  envelope.type === 'Noted'
    ? { topic: TOPIC, event: integrationEventFrom(envelope, 'intake', envelope.streamId) }
    : null;

async function append(
  store: EventStore,
  streamId: string,
  type: 'Noted' | 'Drafted',
  sequence: number,
): Promise<string> {
  const event = newEvent({ type, schemaVersion: 1, data: { sequence } }, context);
  await store.append(streamId, [event], 'any');
  return event.eventId;
}

function openCheckpoints(file: string): Promise<DataSource> {
  return new DataSource({
    type: 'sqljs',
    autoSave: true,
    location: file,
    entities: messagingEntities,
    synchronize: true,
  }).initialize();
}

describe('EventRelay (embedded store, in-process bus, sql.js checkpoints)', () => {
  let directory: string;
  let store: EmbeddedEventStore;
  let bus: InProcessMessageBus;
  let dataSource: DataSource;
  const relayOn = (on: MessageBus, batchSize = 10) =>
    new EventRelay({ name: 'intake', store, bus: on, dataSource, toPublicEvent, batchSize });
  const checkpoint = async () =>
    (await dataSource.getRepository(RelayCheckpoint).findOneBy({ name: 'intake' }))?.position;
  const publishedIds = async () => (await bus.readTopic(TOPIC)).map((m) => m.event.id);

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'relay-'));
    store = new EmbeddedEventStore(null);
    bus = new InProcessMessageBus(null);
    dataSource = await openCheckpoints(join(directory, 'read-models.sqlite'));
  });

  afterEach(async () => {
    await Promise.all([store.close(), bus.close()]);
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  it('publishes the public events in store order and checkpoints past the private ones', async () => {
    const expected: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = await append(store, `claim-${i % 3}`, i % 4 === 3 ? 'Drafted' : 'Noted', i);
      if (i % 4 !== 3) expected.push(id);
    }
    await append(store, 'claim-0', 'Drafted', 25);
    const relay = relayOn(bus);
    await relay.start();
    await relay.caughtUp();

    expect(await publishedIds()).toEqual(expected);
    const [first] = await bus.readTopic(TOPIC);
    expect(first).toMatchObject({
      key: 'claim-0',
      event: { source: '/claims-platform/intake', type: 'Noted' },
    });
    expect(await checkpoint()).toBe(26);
    await relay.stop();
  });

  it('follows new events live, and after a restart resumes from its checkpoint without republishing', async () => {
    const relay = relayOn(bus);
    await relay.start();
    const first = await append(store, 'claim-1', 'Noted', 0);
    await waitFor('the live event', async () => (await publishedIds()).length === 1);
    await relay.stop();
    await dataSource.destroy();

    const second = await append(store, 'claim-1', 'Noted', 1);
    dataSource = await openCheckpoints(join(directory, 'read-models.sqlite'));
    const restarted = relayOn(bus);
    await restarted.start();
    await restarted.caughtUp();
    expect(await publishedIds()).toEqual([first, second]);
    await restarted.stop();
  });

  it('retries a failed publish from its checkpoint with backoff, reports it, and catches up without a restart', async () => {
    const ids = [];
    for (let i = 0; i < 15; i++) ids.push(await append(store, 'claim-1', 'Noted', i));
    let outage = false;
    let publishes = 0;
    let acknowledged = 0;
    const flaky: MessageBus = {
      publish: async (topic, events) => {
        if (++publishes === 2) outage = true;
        if (outage) throw new Error('broker unavailable');
        await bus.publish(topic, events);
        acknowledged += events.length;
      },
      consume: (options, handler) => bus.consume(options, handler),
      readTopic: (topic) => bus.readTopic(topic),
      close: async () => undefined,
    };
    const failures: number[] = [];
    const relay = new EventRelay({
      name: 'intake',
      store,
      bus: flaky,
      dataSource,
      toPublicEvent,
      batchSize: 10,
      backoff: { initialMs: 20, maxMs: 50 },
      onFailure: (_error, count) => failures.push(count),
    });
    await relay.start();
    await waitFor('a few failed retries', async () => failures.length >= 3);
    // The first batch (at least batchSize events) was acknowledged; nothing after it.
    expect(acknowledged).toBeGreaterThanOrEqual(10);
    expect(acknowledged).toBeLessThan(15);
    expect(relay.status()).toMatchObject({
      state: 'retrying',
      checkpoint: acknowledged,
      lastError: 'broker unavailable',
    });
    expect(await checkpoint()).toBe(acknowledged);
    const duringOutage = await append(store, 'claim-2', 'Noted', 15);

    outage = false;
    // The checkpoint row commits a moment before the relay reports it: wait for both.
    await waitFor(
      'the relay to catch up',
      async () => (await checkpoint()) === 16 && relay.status().checkpoint === 16,
    );
    expect(await publishedIds()).toEqual([...ids, duringOutage]);
    expect(relay.status()).toMatchObject({ state: 'running', checkpoint: 16, failures: 0, lastError: null });
    const live = await append(store, 'claim-2', 'Noted', 16);
    await waitFor('a live event after the outage', async () => (await publishedIds()).includes(live));
    await relay.stop();
    expect(relay.status().state).toBe('stopped');
  });
});
