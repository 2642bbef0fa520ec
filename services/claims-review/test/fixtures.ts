import { randomUUID } from 'node:crypto';
import { PolicySnapshot, SubmittedClaim } from '../src/domain/claim-facts';

export const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

export function policy(overrides: Partial<PolicySnapshot> = {}): PolicySnapshot {
  return {
    policyNumber: 'POL-MOTOR-0001',
    productLine: 'motor',
    coverStart: '2025-01-01',
    coverEnd: '2025-12-31',
    sumInsured: cny(50_000_000),
    deductible: cny(100_000),
    coverageRatioPercent: 80,
    coveredPerils: ['collision', 'theft', 'flood'],
    exclusions: ['drunk-driving', 'racing'],
    status: 'in-force',
    ...overrides,
  };
}

export const MOTOR_DOCUMENTS = ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'];

export function submittedClaim(overrides: Partial<SubmittedClaim> = {}): SubmittedClaim {
  return {
    claimId: randomUUID(),
    claimNumber: 'CLM-2025-000123',
    customerId: 'cust-42',
    channel: 'mobile-app',
    feedbackChannel: 'sms',
    policy: policy(),
    accident: { occurredAt: '2025-06-01T02:00:00Z', cause: 'collision', lossKind: 'vehicle-damage' },
    estimatedLoss: cny(5_000_000),
    documents: MOTOR_DOCUMENTS.map((kind, i) => ({
      documentId: `doc-${i + 1}`,
      kind,
      contentHash: `sha256-${i}`,
      mediaType: 'application/pdf',
      sizeBytes: 1000,
    })),
    submittedAt: '2025-06-02T01:00:00Z',
    ...overrides,
  };
}
