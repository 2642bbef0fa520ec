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
