import { randomUUID } from 'node:crypto';
import { EmbeddedEventStore, newEvent } from '@claims/event-sourcing';
import { DataSource } from 'typeorm';
import {
  EventRelay,
  InProcessMessageBus,
  PostgresRelayLeadership,
  PublicEventMapping,
  integrationEventFrom,
  messagingEntities,
} from '../src';
import { waitFor } from './message-bus.contract';
import { databaseUrl, serviceAvailable } from './test-environment';

const TOPIC = 'claims-platform.intake';
const context = { actor: { id: 'test', role: 'system' }, correlationId: randomUUID(), causationId: null };
const toPublicEvent: PublicEventMapping = (envelope) => ({
  topic: TOPIC,
  event: integrationEventFrom(envelope, 'intake', envelope.streamId),
});

const describeWithPostgres = serviceAvailable('PostgreSQL', databaseUrl) ? describe : describe.skip;

/** Two instances of a service on one PostgreSQL schema: one relay publishes, the other stands by. */
describeWithPostgres('EventRelay with PostgresRelayLeadership (two instances, one schema)', () => {
  const schema = `relay_lead_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let store: EmbeddedEventStore;
  let bus: InProcessMessageBus;
  /** A relay name of each test's own: checkpoints stay in the schema between tests. */
  let relayName: string;
  const sources: DataSource[] = [];

  const openSchema = async () => {
    const source = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema,
      entities: messagingEntities,
      synchronize: true,
      poolSize: 3,
    }).initialize();
    sources.push(source);
    return source;
  };
  const instance = (dataSource: DataSource) =>
    new EventRelay({
      name: relayName,
      store,
      bus,
      dataSource,
      toPublicEvent,
      leadership: new PostgresRelayLeadership(dataSource, 200),
      standbyPollMs: 100,
      backoff: { initialMs: 50, maxMs: 200 },
    });
  const append = (n: number) =>
    store.append(
      `claim-${n % 3}`,
      [newEvent({ type: 'Noted', schemaVersion: 1, data: { n } }, context)],
      'any',
    );
  const published = async () => (await bus.readTopic(TOPIC)).map((m) => m.event.id);

  beforeAll(async () => {
    const admin = new DataSource({ type: 'postgres', url: databaseUrl });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.destroy();
  });

  beforeEach(() => {
    store = new EmbeddedEventStore(null);
    bus = new InProcessMessageBus(null);
    relayName = `intake.relay.${randomUUID().slice(0, 8)}`;
  });

  afterEach(async () => {
    await Promise.all([store.close(), bus.close()]);
  });

  afterAll(async () => {
    const [first] = sources.filter((s) => s.isInitialized);
    await first?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
  });

  it('publishes every event once while both run, and the standby takes over when the leader stops', async () => {
    const [a, b] = [instance(await openSchema()), instance(await openSchema())];
    await a.start();
    await b.start();
    expect([a.status().state, b.status().state].sort()).toEqual(['running', 'standby']);
    const [leader, standby] = a.status().state === 'running' ? [a, b] : [b, a];

    for (let n = 0; n < 30; n++) await append(n);
    await waitFor('the leader published 30', async () => (await published()).length >= 30);
    await leader.stop();
    for (let n = 30; n < 50; n++) await append(n);
    await waitFor('the standby took over', async () => standby.status().state === 'running');
    await waitFor('all 50 published', async () => (await published()).length >= 50);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ids = await published();
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    await standby.stop();
  });

  it('stops publishing when the leader loses its database connection, and one instance leads again', async () => {
    const leaderSource = await openSchema();
    const leader = instance(leaderSource);
    await leader.start();
    expect(leader.status().state).toBe('running');
    const standbySource = await openSchema();
    const standby = instance(standbySource);
    await standby.start();
    expect(standby.status().state).toBe('standby');

    // The server ends the leader's lock session, as a network cut or a PostgreSQL restart would.
    await standbySource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
         AND objid = (hashtext($1)::bigint & 4294967295)::oid`,
      [`${schema}/${relayName}`],
    );
    await waitFor('the leader saw its lease lost', async () =>
      /lease lost/.test(leader.status().lastError ?? ''),
    );
    const states = () => [leader.status().state, standby.status().state].sort();
    await waitFor('one leads again, the other stands by', async () => states().join() === 'running,standby');
    await append(1);
    await waitFor('published once', async () => (await published()).length === 1);
    await Promise.all([leader.stop(), standby.stop()]);
  });
});
