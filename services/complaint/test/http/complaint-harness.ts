import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { IntegrationEvent, MessageBus, topicOf } from '@claims/messaging';
import {
  JsonLogger,
  MESSAGE_BUS,
  PlatformConfig,
  Role,
  createHost,
  issueToken,
  loadPlatformConfig,
} from '@claims/service-host';
import { FixedClock } from '@claims/working-calendar';
import request from 'supertest';
import { ClockCheck } from '../../src/application/clocks/check-clocks.command';
import { ComplaintModule } from '../../src/complaint.module';

export const BASE = '/api/v1/complaint';

export interface Who {
  readonly role: Role;
  readonly subject: string;
  readonly customerId?: string;
}

/** The complaint service alone in an HTTP host; claims review is played by the test on the in-process bus. */
export interface ComplaintHarness {
  readonly app: INestApplication;
  readonly clock: FixedClock;
  readonly config: PlatformConfig;
  /** How many events the complaint service has stored (its embedded event store's file). */
  storedEvents(): number;
  /** A raw POST (malformed bodies, own authorization header or none). */
  raw(path: string, body: string, authorization: string | null): Promise<request.Response>;
  /** A POST with an Idempotency-Key (a retried request). */
  rawWithKey(path: string, body: string, key: string, who: Who): Promise<request.Response>;
  get(who: Who, path: string): Promise<request.Response>;
  /** A path under /api/v1/complaint, or an absolute one (the host's own routes). */
  post(who: Who, path: string, body?: object): Promise<request.Response>;
  upload(
    who: Who,
    path: string,
    kind: string,
    file: { bytes: Buffer; mediaType: string },
  ): Promise<request.Response>;
  /** Claims review's public event about a claim, published as claims review would. */
  claimEvent(claimId: string, type: string, data: object): Promise<void>;
  published(complaintId?: string): Promise<IntegrationEvent[]>;
  checkClocks(): ReturnType<ClockCheck['execute']>;
  eventually<T>(probe: () => Promise<T | undefined>): Promise<T>;
  close(): Promise<void>;
}

export async function startComplaintHarness(now = '2026-02-11T02:00:00Z'): Promise<ComplaintHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaint-'));
  const config: PlatformConfig = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000' });
  const clock = new FixedClock(now);
  const app = await createHost({
    name: 'complaint-test',
    config,
    services: [ComplaintModule.register({ clock, clockCheckIntervalMs: 0 })],
    logger: new JsonLogger('test', 'error'),
  });
  await app.init();
  const bus = app.get<MessageBus>(MESSAGE_BUS, { strict: false });
  const tokens = new Map<string, string>();
  const bearer = async ({ role, subject, customerId }: Who) => {
    const key = `${role}:${subject}:${customerId ?? ''}`;
    if (!tokens.has(key))
      tokens.set(key, await issueToken(config, { role, subject, ...(customerId ? { customerId } : {}) }));
    return `Bearer ${tokens.get(key)}`;
  };
  const http = () => request(app.getHttpServer());
  const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    app,
    clock,
    config,
    storedEvents: () => {
      const file = join(dataDir, 'complaint', 'history.jsonl');
      if (!existsSync(file)) return 0;
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .reduce((n, line) => n + (JSON.parse(line) as unknown[]).length, 0);
    },
    rawWithKey: async (path, body, key, who) =>
      http()
        .post(`${BASE}/${path}`)
        .set('content-type', 'application/json')
        .set('idempotency-key', key)
        .set('authorization', await bearer(who))
        .send(body),
    raw: (path, body, authorization) => {
      let req = http().post(`${BASE}/${path}`).set('content-type', 'application/json');
      if (authorization !== null) req = req.set('authorization', authorization);
      return req.send(body);
    },
    get: async (who, path) =>
      http()
        .get(`${BASE}/${path}`)
        .set('authorization', await bearer(who)),
    post: async (who, path, body = {}) =>
      http()
        .post(path.startsWith('/') ? path : `${BASE}/${path}`)
        .set('authorization', await bearer(who))
        .send(body),
    upload: async (who, path, kind, file) =>
      http()
        .post(`${BASE}/${path}`)
        .set('authorization', await bearer(who))
        .field('kind', kind)
        .attach('file', file.bytes, { filename: 'document', contentType: file.mediaType }),
    claimEvent: async (claimId, type, data) => {
      const event: IntegrationEvent = {
        specversion: '1.0',
        id: randomUUID(),
        source: '/claims-platform/claims-review',
        type,
        time: clock.now().toISOString(),
        subject: claimId,
        datacontenttype: 'application/json',
        schemaversion: 1,
        correlationid: randomUUID(),
        data: { claimId, ...data },
      };
      await bus.publish(topicOf('claims-review'), [event]);
    },
    published: async (complaintId) => {
      const messages = await bus.readTopic(topicOf('complaint'));
      return messages.map((m) => m.event).filter((e) => !complaintId || e.subject === complaintId);
    },
    checkClocks: () => app.get(ClockCheck, { strict: false }).execute(),
    eventually,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
