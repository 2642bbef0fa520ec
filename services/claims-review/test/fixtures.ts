import { randomUUID } from 'node:crypto';
import { FixedClock, cnMainlandCalendar } from '@claims/working-calendar';
import { ApprovalAuthority } from '../src/domain/approval-authority';
import { PolicySnapshot, SubmittedClaim } from '../src/domain/claim-facts';
import { ReviewCase } from '../src/domain/review-case';
import { StepTimetable } from '../src/domain/step-timetable';
import { DEFAULT_REVIEW_RULES } from '../src/infrastructure/default-review-rules';

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
    documents: MOTOR_DOCUMENTS.map((kind, i) => ({ documentId: `doc-${i + 1}`, kind, contentHash: `sha256-${i}`, mediaType: 'application/pdf', sizeBytes: 1000 })),
    submittedAt: '2025-06-02T01:00:00Z',
    ...overrides,
  };
}

/** A case with its dependencies on a fixed clock (Monday 2025-06-09, 09:00 Beijing time). */
export function reviewCaseWorld(rules = DEFAULT_REVIEW_RULES) {
  const clock = new FixedClock('2025-06-09T01:00:00Z');
  const deps = { clock, timetable: new StepTimetable(cnMainlandCalendar(), rules), authority: new ApprovalAuthority(rules.authority) };
  const newCase = (claim = submittedClaim()) => {
    const c = new ReviewCase(claim.claimId, deps);
    c.open(claim);
    return c;
  };
  return { clock, deps, newCase };
}

/** Types of the events the case recorded since it was last "saved" (and marks them saved). */
export function recorded(c: ReviewCase): string[] {
  const types = c.getUncommittedEvents().map((e) => e.type);
  c.markSaved((c.revision ?? -1) + types.length);
  return types;
}

export function lastEvent(c: ReviewCase, type: string): { data: Record<string, unknown> } | undefined {
  return [...c.getUncommittedEvents()].reverse().find((e) => e.type === type) as { data: Record<string, unknown> } | undefined;
}
