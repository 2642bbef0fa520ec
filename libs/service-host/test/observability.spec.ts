import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Body,
  Controller,
  Inject,
  INestApplication,
  Injectable,
  Module,
  OnApplicationBootstrap,
  Param,
  Post,
} from '@nestjs/common';
import { EventEnvelope, EventStore, newEvent } from '@claims/event-sourcing';
import { EventRelay, MessageBus, topicOf } from '@claims/messaging';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  Caller,
  CHECK_TIMEOUT_MS,
  CommandCaller,
  componentsOf,
  CurrentCaller,
  EVENT_STORE,
  HOST_LOGGER,
  JsonLogger,
  MESSAGE_BUS,
  ObservedServices,
  PlatformConfig,
  PlatformMetrics,
  READ_MODEL_DB,
  ReadModelProjection,
  RequirePermission,
  ServiceInfrastructureModule,
  ServiceMessaging,
  createHost,
  issueToken,
  loadPlatformConfig,
  systemCaller,
} from '../src';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const traceIdOf = (traceparent: unknown) => String(traceparent).split('-')[1];

/** What the probe service's consumer and projection saw, and when they are made to fail. */
const seen = { consumerCallers: [] as CommandCaller[], projectionFails: false };

/** A tiny service: a command route, a projection of its history and a consumer of its own topic. */
@Controller('probe-notes')
class ProbeNoteController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HOST_LOGGER) private readonly logger: JsonLogger,
  ) {}

  @Post(':type')
  @RequirePermission('claim.report')
  async note(@Param('type') type: string, @CurrentCaller() caller: Caller, @Body() _body: unknown) {
    const id = randomUUID();
    await this.store.append(
      `note-${id}`,
      [newEvent({ type, schemaVersion: 1, data: { id } }, caller.context)],
      'no_stream',
    );
    this.logger.log({ msg: 'note taken', id }, 'probe');
    return { id };
  }
}

@Injectable()
class ProbeWorkers implements OnApplicationBootstrap {
  readonly projection: ReadModelProjection;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: DataSource,
    private readonly messaging: ServiceMessaging,
    metrics: PlatformMetrics,
  ) {
    this.projection = new ReadModelProjection({
      name: 'probe.notes',
      store,
      dataSource: db,
      project: async () => {
        if (seen.projectionFails) throw new Error('read models unreachable');
      },
    });
    metrics.registerGauge({
      name: 'claims_probe_time_limits',
      help: 'Probe: time limits at risk and breached',
      labelNames: ['service', 'state'],
      read: () => [
        { labels: { service: 'probe', state: 'at-risk' }, value: 2 },
        { labels: { service: 'probe', state: 'breached' }, value: 1 },
      ],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    await this.messaging.follow({
      name: 'listener',
      topics: [topicOf('probe')],
      retry: { attempts: 1 },
      apply: async (_manager, message) => {
        if (message.event.type === 'Poison') throw new Error('cannot apply');
        seen.consumerCallers.push(
          systemCaller('probe.listener', message.event.correlationid, message.event.id),
        );
      },
    });
  }
}

@Module({
  imports: [ServiceInfrastructureModule.forService({ name: 'probe', entities: [] })],
  controllers: [ProbeNoteController],
  providers: [ProbeWorkers],
})
class ProbeModule {}

async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('observability (metrics, probes, trace context)', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let app: INestApplication;
  let store: EventStore;
  let bus: MessageBus;
  let relay: EventRelay;
  const logLines: string[] = [];
  const http = () => request(app.getHttpServer());
  const bearer = async () =>
    `Bearer ${await issueToken(config, { role: 'customer-service', subject: `cs-${randomUUID()}` })}`;
  const metricsText = async () => (await http().get('/metrics').expect(200)).text;
  const storedEvent = async (id: string): Promise<EventEnvelope> => (await store.readStream(`note-${id}`))[0];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'observability-'));
    config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '5' });
    const logger = new JsonLogger('observability-test', 'debug', (line) => logLines.push(line));
    app = await createHost({
      name: 'observability-test',
      config,
      services: [{ module: ProbeModule }],
      logger,
    });
    await app.init();
    store = app.get(EVENT_STORE, { strict: false });
    bus = app.get(MESSAGE_BUS, { strict: false });
    relay = app.get(EventRelay, { strict: false });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('GET /metrics', () => {
    it('serves process and HTTP metrics by method, route template and status, publicly and without a rate limit', async () => {
      const auth = await bearer();
      for (const type of ['NoteTaken', 'NoteTaken'])
        await http().post(`/api/v1/probe-notes/${type}`).set('authorization', auth).expect(201);
      await http().post('/api/v1/probe-notes/NoteTaken').expect(401);
      await http().get('/api/v1/nowhere').set('authorization', auth).expect(404);
      for (let i = 0; i < 12; i++) await http().get('/metrics').expect(200);

      const response = await http().get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = response.text;
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      expect(text).toMatch(
        /^http_requests_total\{method="POST",route="\/api\/v1\/probe-notes\/:type",status="201"\} 2$/m,
      );
      expect(text).toMatch(
        /^http_requests_total\{method="POST",route="\/api\/v1\/probe-notes\/:type",status="401"\} 1$/m,
      );
      expect(text).toMatch(/^http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m);
      expect(text).toMatch(
        /^http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/api\/v1\/probe-notes\/:type",status="201"\} 2$/m,
      );
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{method="GET",route="\/metrics",status="200"\} \d+$/m,
      );
    });

    it('is neither under the API prefix nor in the OpenAPI document', async () => {
      await http()
        .get('/api/v1/metrics')
        .expect((r) => expect([401, 404]).toContain(r.status));
      const document = (await http().get('/api/docs-json').expect(200)).body as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(document.paths).filter((p) => /metrics|health\/(live|ready)/.test(p))).toEqual([]);
    });

    it('shows relay lag, relay, consumer and projection state, and the services’ own gauges', async () => {
      await relay.caughtUp();
      await eventually(async () => {
        const text = await metricsText();
        expect(text).toMatch(/^claims_relay_lag_events\{service="probe",relay="probe.relay"\} 0$/m);
        expect(text).toMatch(/^claims_relay_up\{service="probe",relay="probe.relay"\} 1$/m);
        expect(text).toMatch(/^claims_consumer_up\{service="probe",consumer="listener"\} 1$/m);
        expect(text).toMatch(/^claims_projection_up\{service="probe",projection="probe.notes"\} 1$/m);
        expect(text).toMatch(/^claims_projection_lag_events\{service="probe",projection="probe.notes"\} 0$/m);
        expect(text).toMatch(/^claims_event_store_up\{service="probe"\} 1$/m);
        expect(text).toMatch(/^claims_read_models_up\{service="probe"\} 1$/m);
        expect(text).toMatch(/^claims_bus_up 1$/m);
        expect(text).toMatch(
          /^claims_dead_letters_published_total\{service="probe",consumer="listener"\} 0$/m,
        );
        expect(text).toMatch(/^claims_probe_time_limits\{service="probe",state="at-risk"\} 2$/m);
        expect(text).toMatch(/^claims_probe_time_limits\{service="probe",state="breached"\} 1$/m);
      });
    });

    it('counts the dead letters a consumer publishes', async () => {
      await http()
        .post('/api/v1/probe-notes/Poison')
        .set('authorization', await bearer())
        .expect(201);
      await eventually(async () => {
        expect(await bus.readTopic(`${topicOf('probe')}.dead-letter`)).toHaveLength(1);
        expect(await metricsText()).toMatch(
          /^claims_dead_letters_published_total\{service="probe",consumer="listener"\} 1$/m,
        );
      });
    });
  });

  describe('probes', () => {
    it('answers liveness and readiness apart from /health, which keeps its shape', async () => {
      const live = await http().get('/health/live').expect(200);
      expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
      const ready = await eventually(() => http().get('/health/ready').expect(200));
      expect(ready.body.status).toBe('ok');
      expect(Object.keys(ready.body.details).sort()).toEqual([
        'bus',
        'probe.consumer:listener',
        'probe.eventStore',
        'probe.projection:probe.notes',
        'probe.readModels',
        'probe.relay',
      ]);
      expect(ready.body.details['probe.relay']).toMatchObject({
        status: 'up',
        state: 'running',
        lagEvents: expect.any(Number),
      });
      const health = await http().get('/health').expect(200);
      expect(health.body).toEqual({
        status: 'up',
        services: {
          probe: {
            status: 'up',
            components: expect.objectContaining({ eventStore: 'up', readModels: 'up', relay: 'up' }),
          },
        },
      });
    });

    it('goes unready while a projection fails, saying which, and ready again once it applies', async () => {
      seen.projectionFails = true;
      try {
        await http()
          .post('/api/v1/probe-notes/NoteTaken')
          .set('authorization', await bearer())
          .expect(201);
        const unready = await eventually(() => http().get('/health/ready').expect(503));
        expect(unready.body.status).toBe('error');
        expect(Object.keys(unready.body.error)).toEqual(['probe.projection:probe.notes']);
        expect(unready.body.error['probe.projection:probe.notes']).toMatchObject({
          status: 'down',
          lagEvents: 1,
        });
        expect(await metricsText()).toMatch(
          /^claims_projection_up\{service="probe",projection="probe.notes"\} 0$/m,
        );
        await http().get('/health/live').expect(200);
      } finally {
        seen.projectionFails = false;
      }
      await eventually(() => http().get('/health/ready').expect(200));
    });
  });

  describe('W3C trace context', () => {
    it('carries a caller’s traceparent into the stored event’s metadata, the published CloudEvent and the consumer’s command', async () => {
      const traceparent = `00-${TRACE_ID}-${CALLER_SPAN}-01`;
      const { body } = await http()
        .post('/api/v1/probe-notes/NoteTaken')
        .set('authorization', await bearer())
        .set('traceparent', traceparent)
        .set('tracestate', 'vendor=opaque')
        .expect(201);

      const stored = await storedEvent(body.id);
      expect(stored.metadata.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
      expect(stored.metadata.traceparent).not.toBe(traceparent); // the service's own span, child of the caller's
      expect(stored.metadata.tracestate).toBe('vendor=opaque');

      const published = await eventually(async () => {
        const found = (await bus.readTopic(topicOf('probe'))).find((m) => m.event.id === stored.eventId);
        if (!found) throw new Error('not published yet');
        return found.event;
      });
      expect(published.traceparent).toBe(stored.metadata.traceparent);
      expect(published.tracestate).toBe('vendor=opaque');

      const consumed = await eventually(() => {
        const caller = seen.consumerCallers.find((c) => c.context.causationId === stored.eventId);
        if (!caller) throw new Error('not consumed yet');
        return caller;
      });
      expect(traceIdOf(consumed.context.traceparent)).toBe(TRACE_ID);
      expect(consumed.context.traceparent).not.toBe(published.traceparent);
    });

    it('starts a trace when the caller sent none or a malformed one', async () => {
      const auth = await bearer();
      const fresh = await http().post('/api/v1/probe-notes/NoteTaken').set('authorization', auth).expect(201);
      const malformed = await http()
        .post('/api/v1/probe-notes/NoteTaken')
        .set('authorization', auth)
        .set('traceparent', 'not-a-trace')
        .expect(201);
      const first = (await storedEvent(fresh.body.id)).metadata.traceparent;
      const second = (await storedEvent(malformed.body.id)).metadata.traceparent;
      expect(first).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(second).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(traceIdOf(first)).not.toBe(traceIdOf(second));
    });

    it('puts the trace id on the log lines written inside a traced request, after its body was parsed', async () => {
      const traceId = TRACE_ID.replace(/^4/, '5');
      await http()
        .post('/api/v1/probe-notes/NoteTaken')
        .set('authorization', await bearer())
        .set('traceparent', `00-${traceId}-${CALLER_SPAN}-01`)
        .send({ some: 'body' })
        .expect(201);
      const line = logLines
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === 'note taken' && l.traceId === traceId);
      expect(line).toMatchObject({
        level: 'info',
        context: 'probe',
        spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      expect(logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'note taken' && !l.traceId)).toEqual(
        [],
      );
    });
  });
});

describe('ObservedServices (readiness and metrics snapshot)', () => {
  const bus = (checkConnection?: () => Promise<void>): MessageBus => ({
    publish: async () => undefined,
    consume: async () => ({ done: new Promise<void>(() => undefined), stop: async () => undefined }),
    readTopic: async () => [],
    close: async () => undefined,
    ...(checkConnection ? { checkConnection } : {}),
  });

  it('shows the bus down, with the reason, while it cannot be reached, and counts it so in /metrics', async () => {
    const metrics = new PlatformMetrics();
    const observed = new ObservedServices(
      bus(() => Promise.reject(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'))),
      metrics,
    );
    expect((await observed.snapshot()).bus).toEqual({
      up: false,
      details: { error: 'Error: Connection error: connect ECONNREFUSED 127.0.0.1:9092' },
    });
    expect((await metrics.exposition()).body).toMatch(/^claims_bus_up 0$/m);
  });

  it('counts a bus that does not answer within the check timeout as down, and one without a check as up', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const hanging = new ObservedServices(
        bus(() => new Promise<void>(() => undefined)),
        new PlatformMetrics(),
      ).snapshot();
      await jest.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS + 1);
      expect((await hanging).bus).toEqual({
        up: false,
        details: { error: `Error: no answer within ${CHECK_TIMEOUT_MS} ms` },
      });
    } finally {
      jest.useRealTimers();
    }
    expect((await new ObservedServices(bus(), new PlatformMetrics()).snapshot()).bus.up).toBe(true);
  });

  it('calls a relay down once events have waited behind its unmoving checkpoint for a while, and up when it moves', async () => {
    let checkpoint = 7;
    const parts = {
      name: 'probe',
      store: { readAll: async () => [] } as unknown as EventStore,
      readModels: { query: async () => [] } as unknown as DataSource,
      relay: {
        name: 'probe.relay',
        status: () => ({ state: 'running', checkpoint, failures: 0, lastError: null, failingSince: null }),
        backlog: async () => 3,
      } as unknown as EventRelay,
      messaging: { states: () => ({}), deadLettersPublished: () => ({}) } as unknown as ServiceMessaging,
    };
    const waits = new Map();
    const relayOf = async () => (await componentsOf(parts, waits)).find((c) => c.kind === 'relay');
    jest.useFakeTimers({ now: Date.parse('2026-01-05T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect(await relayOf()).toMatchObject({ up: true, details: { lagEvents: 3 } });
      jest.setSystemTime(Date.parse('2026-01-05T08:00:04Z'));
      expect((await relayOf())?.up).toBe(true);
      jest.setSystemTime(Date.parse('2026-01-05T08:00:06Z'));
      expect(await relayOf()).toMatchObject({
        up: false,
        details: { stalledSince: '2026-01-05T08:00:00.000Z', lagEvents: 3 },
      });
      checkpoint = 9; // it published something
      expect((await relayOf())?.up).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
