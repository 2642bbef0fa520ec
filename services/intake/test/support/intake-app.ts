import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import {
  MESSAGE_BUS,
  JsonLogger,
  PlatformConfig,
  createHost,
  issueToken,
  loadPlatformConfig,
} from '@claims/service-host';
import { MessageBus } from '@claims/messaging';
import { FixedClock } from '@claims/working-calendar';
import request from 'supertest';
import { IntakeModule } from '../../src';
import { EXAMPLE_CLAIM_REPORT } from '../../src/http/dto/claim.dto';

/** Tuesday 10 March 2026, 10:00 in Shanghai: the demo policies' "now" in tests. */
export const TEST_NOW = '2026-03-10T02:00:00Z';

export interface IntakeTestApp {
  readonly app: INestApplication;
  readonly config: PlatformConfig;
  readonly clock: FixedClock;
  readonly bus: MessageBus;
  token(role: string, extra?: { customerId?: string; subject?: string }): Promise<string>;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The intake service alone, through the real HTTP host, on a fresh temp DATA_DIR (embedded adapters). */
export async function startIntake(env: Record<string, string> = {}): Promise<IntakeTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-'));
  const config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000', ...env });
  const clock = new FixedClock(TEST_NOW);
  const app = await createHost({
    name: 'intake-test',
    config,
    services: [IntakeModule.register({ clock, demoPolicies: true })],
    logger: new JsonLogger('test', 'error'),
  });
  await app.init();
  return {
    app,
    config,
    clock,
    bus: app.get(MESSAGE_BUS, { strict: false }),
    token: (role, extra = {}) =>
      issueToken(config, {
        role: role as never,
        subject: extra.subject ?? `${role}-1`,
        customerId: extra.customerId,
      }),
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The documented example report (the hotline's motor claim on MOT-2026-000001), with overrides. */
export const motorReport = (overrides: Record<string, unknown> = {}) => ({
  ...EXAMPLE_CLAIM_REPORT,
  ...overrides,
});

/** Waits until `check` stops throwing (eventual consistency across the bus). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
