import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the platform-level specs share: the demo motor claim, a tiny PDF, and waiting for eventual consistency. */

export const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

export const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

export const MOTOR_REQUIRED_DOCUMENTS = [
  'accident-report',
  'scene-photos',
  'repair-estimate',
  'driving-licence',
];

/** A claim report on the demo motor policy MOT-2026-000001 (insured: cust-1001). */
export const motorClaimReport = (overrides: Record<string, unknown> = {}) => ({
  policyNumber: 'MOT-2026-000001',
  insuredPersonId: 'cust-1001',
  accident: {
    occurredAt: '2026-11-20T08:30:00+08:00',
    place: 'Huaihai Road',
    cause: 'collision',
    description: 'Rear-ended',
    lossKind: 'vehicle-damage',
  },
  estimatedLoss: cny(1_250_000),
  claimant: { name: 'Li Na', phone: '+86 138 0000 1001' },
  feedbackChannel: 'sms',
  channel: 'hotline',
  ...overrides,
});

/** Retries `check` until it stops throwing (events cross the bus asynchronously). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
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

/**
 * Specs that run the services as hosts on Kafka use the services' real consumer groups
 * (`claims-review.intake-claims`, …): two such specs at once would share groups, and one spec's
 * hosts would consume the other's messages. They take this lock across jest workers first.
 * Resolves a release function; a lock left by a dead process is taken over.
 */
export async function exclusiveKafkaHosts(timeoutMs = 300_000): Promise<() => void> {
  const file = join(tmpdir(), 'claims-platform-kafka-hosts.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch {
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (!isAlive(owner)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another spec (pid ${owner}) holds the Kafka hosts lock`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
