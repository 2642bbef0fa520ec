import { stateFrom } from '@claims/event-sourcing';
import { cnMainlandCalendar } from '@claims/working-calendar';
import documentChecklists from '../../data/document-checklists.json';
import { ChecklistItem, DocumentChecklists } from '../../src/domain/claim-application/document-checklist';
import { DocumentFile } from '@claims/documents';
import { ClaimReport, ReportCircumstances } from '../../src/domain/claim-application/report-claim';
import { PolicyImport, importPolicySnapshot } from '../../src/domain/policy/import-policy-snapshot';
import { policyDecider } from '../../src/domain/policy/policy.decider';
import { PolicyEvent } from '../../src/domain/policy/policy.events';
import { Policy } from '../../src/domain/policy/policy.state';
import { ProductLine } from '../../src/domain/vocabulary';

/** Shared facts of the intake domain specs: Tuesday 10 March 2026, 10:00 in Shanghai. */
export const calendar = cnMainlandCalendar();
export const checklists = new DocumentChecklists(documentChecklists as Record<ProductLine, ChecklistItem[]>);
export const now = new Date('2026-03-10T02:00:00Z');

export const policyImport = (overrides: Partial<PolicyImport> = {}): PolicyImport => ({
  policyNumber: 'MOT-1',
  version: 1,
  productLine: 'motor',
  holder: { customerId: 'c1', name: 'Li Na' },
  insuredPersons: [{ personId: 'c1', name: 'Li Na' }],
  coverStart: '2026-01-01',
  coverEnd: '2026-12-31',
  sumInsured: { amountMinor: 100_000_00, currency: 'CNY' },
  deductible: { amountMinor: 1000_00, currency: 'CNY' },
  coverageRatioPercent: 100,
  coveredPerils: ['collision'],
  exclusions: [],
  status: 'in-force',
  ...overrides,
});

/** The PolicySnapshotImported event of a first import. */
export const policyImported = (overrides: Partial<PolicyImport> = {}): PolicyEvent => {
  const [event] = importPolicySnapshot(policyDecider.initialState(), {
    policy: policyImport(overrides),
    now,
  });
  return event;
};

export const policyOf = (overrides: Partial<PolicyImport> = {}): Policy =>
  stateFrom(policyDecider, [policyImported(overrides)]);

export const report = (overrides: Partial<ClaimReport> = {}): ClaimReport => ({
  policyNumber: 'MOT-1',
  insuredPersonId: 'c1',
  accident: {
    occurredAt: new Date('2026-03-09T00:30:00Z'),
    place: 'Shanghai',
    cause: 'collision',
    description: 'hit',
    lossKind: 'vehicle-damage',
  },
  estimatedLoss: { amountMinor: 500_000, currency: 'CNY' },
  claimant: { name: 'Li Na', phone: '123456' },
  feedbackChannel: 'sms',
  channel: 'hotline',
  ...overrides,
});

export const circumstances = (
  policy: Policy = policyOf(),
  extra: Partial<ReportCircumstances> = {},
): ReportCircumstances => ({
  policy,
  agentId: 'agent-1',
  now,
  localDateOf: (instant: Date) => calendar.localDate(instant),
  ...extra,
});

export const file = (hash: string, overrides: Partial<DocumentFile> = {}): DocumentFile => ({
  contentHash: hash,
  mediaType: 'application/pdf',
  sizeBytes: 100,
  blobReference: `fs:sha256/${hash}`,
  ...overrides,
});
