import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { PersonalDataVault, sealPersonalData } from '@claims/event-sourcing';
import { IntegrationEvent, MessageBus, topicOf } from '@claims/messaging';
import {
  JsonLogger,
  MESSAGE_BUS,
  PERSONAL_DATA_VAULT,
  PlatformConfig,
  Role,
  createHost,
  issueToken,
  loadPlatformConfig,
} from '@claims/service-host';
import { FixedClock } from '@claims/working-calendar';
import request from 'supertest';
import { AnalyticsModule } from '../src/analytics.module';
import { AnalyticsStore } from '../src/infrastructure/analytics-store';

export const BASE = '/api/v1/analytics';

/** An event another context publishes, as the test plays it. */
export interface Published {
  readonly context: 'intake' | 'claims-review' | 'complaint';
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
  readonly id?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Sealed under data.personalData for this subject, as intake seals a claim's personal fields. */
  readonly personal?: { subjectId: string; fields: Record<string, unknown> };
}

export interface AnalyticsHarness {
  readonly app: INestApplication;
  readonly clock: FixedClock;
  readonly vault: PersonalDataVault;
  readonly store: AnalyticsStore;
  publish(events: readonly Published[]): Promise<IntegrationEvent[]>;
  /** Waits until analytics has received this many events. */
  received(count: number): Promise<void>;
  get(role: Role, path: string): Promise<request.Response>;
  post(role: Role, path: string): Promise<request.Response>;
  close(): Promise<void>;
}

export async function startAnalyticsHarness(now = '2026-04-02T02:00:00Z'): Promise<AnalyticsHarness> {
  // RAM-backed where there is one: the in-process bus and the embedded read models sync every commit.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'analytics-'));
  // ANALYTICS_TEST_DATABASE_URL: the same journey on PostgreSQL read models (the distributed mode's).
  const postgres = process.env['ANALYTICS_TEST_DATABASE_URL'];
  const config: PlatformConfig = loadPlatformConfig({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...(postgres ? { READ_MODELS: 'postgres', DATABASE_URL: postgres } : {}),
  });
  const clock = new FixedClock(now);
  const app = await createHost({
    name: 'analytics-test',
    config,
    services: [AnalyticsModule.register({ clock })],
    logger: new JsonLogger('test', 'error'),
  });
  await app.init();
  const bus = app.get<MessageBus>(MESSAGE_BUS, { strict: false });
  const vault = app.get<PersonalDataVault>(PERSONAL_DATA_VAULT, { strict: false });
  const store = app.get(AnalyticsStore, { strict: false });
  const tokens = new Map<Role, string>();
  const bearer = async (role: Role) => {
    if (!tokens.has(role)) tokens.set(role, await issueToken(config, { role, subject: `${role}-1` }));
    return `Bearer ${tokens.get(role)}`;
  };
  const http = () => request(app.getHttpServer());
  return {
    app,
    clock,
    vault,
    store,
    publish: async (events) => {
      const out: IntegrationEvent[] = [];
      for (const e of events) {
        const sealed = e.personal
          ? await sealPersonalData({ type: e.type, data: e.data, personalData: e.personal }, vault)
          : { data: e.data };
        out.push({
          specversion: '1.0',
          id: e.id ?? randomUUID(),
          source: `/claims-platform/${e.context}`,
          type: e.type,
          time: e.time,
          subject: e.subject,
          datacontenttype: 'application/json',
          schemaversion: 1,
          correlationid: e.correlationId ?? randomUUID(),
          ...(e.causationId ? { causationid: e.causationId } : {}),
          data: sealed.data,
        });
      }
      for (const context of ['intake', 'claims-review', 'complaint'] as const) {
        const batch = out.filter((e) => e.source.endsWith(`/${context}`));
        for (let i = 0; i < batch.length; i += 200)
          await bus.publish(topicOf(context), batch.slice(i, i + 200));
      }
      return out;
    },
    received: async (count) => {
      const until = Date.now() + 80_000;
      for (;;) {
        const have = await store.received();
        if (have >= count) return;
        if (Date.now() > until) throw new Error(`analytics received ${have} of ${count} events`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    get: async (role, path) =>
      http()
        .get(`${BASE}/${path}`)
        .set('authorization', await bearer(role)),
    post: async (role, path) =>
      http()
        .post(`${BASE}/${path}`)
        .set('authorization', await bearer(role))
        .send({}),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
