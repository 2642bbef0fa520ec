import { DomainRuleViolation } from '@claims/event-sourcing';
import { cnMainlandCalendar } from '@claims/working-calendar';
import documentChecklists from '../../data/document-checklists.json';
import responsePromises from '../../data/response-promises.json';
import { ClaimApplication, ClaimReport } from '../../src/domain/claim/claim-application';
import { ClaimNumberSequence } from '../../src/domain/claim/claim-number-sequence';
import { ChecklistItem, DocumentChecklists } from '../../src/domain/claim/document-checklist';
import { MAX_DOCUMENT_BYTES } from '../../src/domain/claim/document-rules';
import { Consultation } from '../../src/domain/consultation/consultation';
import { ResponsePromises } from '../../src/domain/consultation/response-promise';
import { Policy, PolicyImport } from '../../src/domain/policy/policy';
import { ProductLine } from '../../src/domain/vocabulary';

const calendar = cnMainlandCalendar();
const checklists = new DocumentChecklists(documentChecklists as Record<ProductLine, ChecklistItem[]>);
const now = new Date('2026-03-10T02:00:00Z');

const policyImport = (overrides: Partial<PolicyImport> = {}): PolicyImport => ({
  policyNumber: 'MOT-1', version: 1, productLine: 'motor', holder: { customerId: 'c1', name: 'Li Na' },
  insuredPersons: [{ personId: 'c1', name: 'Li Na' }], coverStart: '2026-01-01', coverEnd: '2026-12-31',
  sumInsured: { amountMinor: 100_000_00, currency: 'CNY' }, deductible: { amountMinor: 1000_00, currency: 'CNY' },
  coverageRatioPercent: 100, coveredPerils: ['collision'], exclusions: [], status: 'in-force', ...overrides,
});

const policyOf = (overrides: Partial<PolicyImport> = {}) => {
  const policy = new Policy('MOT-1');
  policy.importSnapshot(policyImport(overrides));
  return policy;
};

const report = (overrides: Partial<ClaimReport> = {}): ClaimReport => ({
  policyNumber: 'MOT-1', insuredPersonId: 'c1',
  accident: { occurredAt: new Date('2026-03-09T00:30:00Z'), place: 'Shanghai', cause: 'collision', description: 'hit', lossKind: 'vehicle-damage' },
  estimatedLoss: { amountMinor: 500_000, currency: 'CNY' }, claimant: { name: 'Li Na', phone: '123456' }, feedbackChannel: 'sms', channel: 'hotline',
  ...overrides,
});

const circumstances = (policy: Policy | null = policyOf(), extra = {}) => ({
  claimNumber: 'CLM-2026-000001', policy, agentId: 'agent-1', now, localDateOf: (d: Date) => calendar.localDate(d), ...extra,
});

const refusal = (act: () => void): string => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainRuleViolation) return error.code;
    throw error;
  }
  throw new Error('not refused');
};

const file = (hash: string, overrides = {}) => ({ contentHash: hash, mediaType: 'application/pdf', sizeBytes: 100, blobReference: `fs:sha256/${hash}`, ...overrides });

const reported = () => {
  const claim = new ClaimApplication('k1');
  claim.report(report(), circumstances());
  return claim;
};

const complete = (claim = reported()) => {
  ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'].forEach((kind, i) => claim.uploadDocument(`d${i}`, kind, file(`h${i}`), checklists, now));
  return claim;
};

describe('policy snapshots', () => {
  it('imports once per version and refuses older or conflicting versions', () => {
    const policy = policyOf();
    expect(policy.importSnapshot(policyImport())).toBe('already-imported');
    expect(refusal(() => policy.importSnapshot(policyImport({ status: 'lapsed' })))).toBe('policy-version-conflict');
    expect(policy.importSnapshot(policyImport({ version: 2, status: 'lapsed' }))).toBe('imported');
    expect(refusal(() => policy.importSnapshot(policyImport({ version: 1 })))).toBe('policy-version-outdated');
  });

  it.each([
    [{ coverEnd: '2025-01-01' }, 'cover-period-invalid'],
    [{ deductible: { amountMinor: 1, currency: 'USD' } }, 'policy-currency-mixed'],
    [{ insuredPersons: [] }, 'no-insured-person'],
  ])('refuses an inconsistent snapshot %p', (overrides, code) => {
    expect(refusal(() => new Policy('MOT-1').importSnapshot(policyImport(overrides as Partial<PolicyImport>)))).toBe(code);
  });

  it('keeps names out of the event data (personal data only)', () => {
    const [event] = policyOf().getUncommittedEvents();
    expect(JSON.stringify(event.data)).not.toContain('Li Na');
    expect(event.personalData).toMatchObject({ subjectId: 'c1', fields: { holderName: 'Li Na' } });
  });
});

describe('claim report', () => {
  it('records the standard template with the policy snapshot, personal data sealed apart', () => {
    const [event] = reported().getUncommittedEvents();
    expect(event.type).toBe('ClaimReported');
    expect(event.data).toMatchObject({ claimNumber: 'CLM-2026-000001', customerId: 'c1', policy: { policyNumber: 'MOT-1' }, accident: { occurredAt: '2026-03-09T00:30:00.000Z' } });
    expect(JSON.stringify(event.data)).not.toContain('Li Na');
    expect(event.personalData?.fields).toMatchObject({ claimantName: 'Li Na', insuredPersonName: 'Li Na', place: 'Shanghai' });
  });

  it.each([
    ['unknown policy', () => new ClaimApplication('k').report(report(), circumstances(null)), 'policy-unknown'],
    ['another customer’s policy', () => new ClaimApplication('k').report(report(), circumstances(policyOf(), { reportingCustomerId: 'c2' })), 'policy-unknown'],
    ['lapsed policy', () => new ClaimApplication('k').report(report(), circumstances(policyOf({ status: 'lapsed' }))), 'policy-not-in-force'],
    ['cancelled policy', () => new ClaimApplication('k').report(report(), circumstances(policyOf({ status: 'cancelled' }))), 'policy-not-in-force'],
    ['accident in the future', () => new ClaimApplication('k').report(report({ accident: { ...report().accident, occurredAt: new Date('2026-03-10T02:00:01Z') } }), circumstances()), 'accident-in-the-future'],
    ['accident before cover start (local date)', () => new ClaimApplication('k').report(report({ accident: { ...report().accident, occurredAt: new Date('2025-12-31T15:59:00Z') } }), circumstances()), 'accident-before-cover-start'],
    ['accident after cover end', () => new ClaimApplication('k').report(report(), circumstances(policyOf({ coverStart: '2025-01-01', coverEnd: '2026-03-08' }))), 'accident-after-cover-end'],
    ['uninsured person', () => new ClaimApplication('k').report(report({ insuredPersonId: 'x' }), circumstances()), 'insured-person-not-on-policy'],
    ['zero estimate', () => new ClaimApplication('k').report(report({ estimatedLoss: { amountMinor: 0, currency: 'CNY' } }), circumstances()), 'estimated-loss-invalid'],
    ['fractional estimate', () => new ClaimApplication('k').report(report({ estimatedLoss: { amountMinor: 1.5, currency: 'CNY' } }), circumstances()), 'estimated-loss-invalid'],
    ['estimate in another currency', () => new ClaimApplication('k').report(report({ estimatedLoss: { amountMinor: 1, currency: 'USD' } }), circumstances()), 'currency-mismatch'],
    ['second report', () => reported().report(report(), circumstances()), 'claim-exists'],
  ])('refuses a report on %s', (_case, act, code) => {
    expect(refusal(act)).toBe(code);
  });

  it('accepts an accident on the first local day of cover (Shanghai time)', () => {
    const early = report({ accident: { ...report().accident, occurredAt: new Date('2025-12-31T16:30:00Z') } });
    expect(() => new ClaimApplication('k').report(early, circumstances())).not.toThrow();
  });
});

describe('documents and submission', () => {
  it('shows the product line checklist with what is supplied', () => {
    const claim = reported();
    claim.uploadDocument('d1', 'scene-photos', file('h1'), checklists, now);
    const list = claim.checklist(checklists);
    expect(list.find((i) => i.kind === 'scene-photos')).toMatchObject({ required: true, supplied: true });
    expect(claim.missingDocuments(checklists).map((i) => i.kind)).toEqual(['accident-report', 'repair-estimate', 'driving-licence']);
  });

  it.each([
    ['duplicate content', (c: ClaimApplication) => c.uploadDocument('d2', 'repair-estimate', file('h1'), checklists, now), 'duplicate-document'],
    ['unknown kind', (c: ClaimApplication) => c.uploadDocument('d2', 'diagnosis', file('h2'), checklists, now), 'document-kind-unknown'],
    ['wrong type', (c: ClaimApplication) => c.uploadDocument('d2', 'repair-estimate', file('h2', { mediaType: 'text/html' }), checklists, now), 'document-type-not-accepted'],
    ['empty file', (c: ClaimApplication) => c.uploadDocument('d2', 'repair-estimate', file('h2', { sizeBytes: 0 }), checklists, now), 'document-empty'],
    ['too large', (c: ClaimApplication) => c.uploadDocument('d2', 'repair-estimate', file('h2', { sizeBytes: MAX_DOCUMENT_BYTES + 1 }), checklists, now), 'document-too-large'],
  ])('refuses an upload: %s', (_case, act, code) => {
    const claim = reported();
    claim.uploadDocument('d1', 'scene-photos', file('h1'), checklists, now);
    expect(refusal(() => act(claim))).toBe(code);
  });

  it('refuses submission with the exact list of missing required documents', () => {
    const claim = reported();
    claim.uploadDocument('d1', 'accident-report', file('h1'), checklists, now);
    try {
      claim.submit(checklists, now);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainRuleViolation);
      expect((error as DomainRuleViolation).details.missingDocuments).toEqual([
        expect.objectContaining({ kind: 'scene-photos' }), expect.objectContaining({ kind: 'repair-estimate' }), expect.objectContaining({ kind: 'driving-licence' }),
      ]);
    }
  });

  it('submits a complete application as ClaimSubmitted v1 (contract fields) and refuses a second submission or later uploads', () => {
    const claim = complete();
    claim.submit(checklists, now);
    const submitted = claim.getUncommittedEvents().at(-1);
    expect(submitted).toMatchObject({ type: 'ClaimSubmitted', schemaVersion: 1 });
    expect(Object.keys(submitted?.data as object).sort()).toEqual(['accident', 'channel', 'claimId', 'claimNumber', 'customerId', 'documents', 'estimatedLoss', 'feedbackChannel', 'policy', 'submittedAt'].sort());
    expect(Object.keys(submitted?.personalData?.fields ?? {}).sort()).toEqual(['claimantName', 'claimantPhone', 'description', 'insuredPersonName', 'place']);
    expect(refusal(() => claim.submit(checklists, now))).toBe('claim-already-submitted');
    expect(refusal(() => claim.uploadDocument('dx', 'other', file('hx'), checklists, now))).toBe('claim-already-submitted');
  });
});

describe('supplementary documents', () => {
  const request = { round: 1, items: [{ documentKind: 'witness-statement', reason: 'Two versions of events' }], requestedAt: '2026-03-11T00:00:00Z' };

  it('refuses a request before submission and an empty request', () => {
    expect(refusal(() => reported().recordSupplementaryRequest(request, now))).toBe('claim-not-submitted');
    const claim = complete();
    claim.submit(checklists, now);
    expect(refusal(() => claim.recordSupplementaryRequest({ ...request, items: [] }, now))).toBe('supplementary-request-empty');
  });

  it('records a round once, accepts the requested kind, and hands back only when complete', () => {
    const claim = complete();
    claim.submit(checklists, now);
    expect(refusal(() => claim.provideSupplementaryDocuments(now))).toBe('no-open-supplementary-request');
    claim.recordSupplementaryRequest(request, now);
    claim.recordSupplementaryRequest(request, now);
    expect(claim.getUncommittedEvents().filter((e) => e.type === 'SupplementaryDocumentsRequestReceived')).toHaveLength(1);
    expect(claim.status).toBe('awaiting-supplementary-documents');
    expect(refusal(() => claim.provideSupplementaryDocuments(now))).toBe('supplementary-documents-missing');
    claim.uploadDocument('s1', 'witness-statement', file('s1'), checklists, now);
    claim.provideSupplementaryDocuments(now);
    expect(claim.getUncommittedEvents().at(-1)).toMatchObject({
      type: 'SupplementaryDocumentsProvided', schemaVersion: 1,
      data: { claimId: 'k1', claimNumber: 'CLM-2026-000001', round: 1, documents: [{ documentId: 's1', kind: 'witness-statement', contentHash: 's1', mediaType: 'application/pdf', sizeBytes: 100 }] },
    });
    expect(claim.status).toBe('supplementary-documents-provided');
  });
});

describe('consultations (first-responder responsibility)', () => {
  const promises = ResponsePromises.fromData(responsePromises as never, calendar);
  const registered = () => {
    const c = new Consultation('q1');
    c.register({ channel: 'hotline', topic: 't', question: 'q?', contact: { name: 'Li' }, customerId: 'c1', receivedAt: now, responseDueAt: promises.dueAt('hotline', now) });
    return c;
  };

  it('promises a response per channel from data (hours or working days)', () => {
    expect(promises.dueAt('hotline', now).toISOString()).toBe('2026-03-10T04:00:00.000Z');
    // Friday 13 March 2026 18:00 Shanghai by email: 2 working days -> end of Tuesday 17 March.
    expect(promises.dueAt('email', new Date('2026-03-13T10:00:00Z')).toISOString()).toBe('2026-03-17T15:59:59.999Z');
  });

  it('gives the first taker ownership and refuses anyone else until a recorded handover', () => {
    const c = registered();
    c.take('a1', now);
    expect(refusal(() => c.take('a2', now))).toBe('consultation-already-owned');
    expect(refusal(() => c.recordAnswer('a2', 'x', now))).toBe('not-consultation-owner');
    expect(refusal(() => c.handOver('a2', { toAgentId: 'a3' }, 'r', now))).toBe('not-consultation-owner');
    expect(refusal(() => c.handOver('a1', {}, 'r', now))).toBe('handover-target-invalid');
    expect(refusal(() => c.handOver('a1', { toAgentId: 'a2', toTeam: 't' }, 'r', now))).toBe('handover-target-invalid');
    expect(refusal(() => c.handOver('a1', { toAgentId: 'a1' }, 'r', now))).toBe('handover-to-self');
    c.handOver('a1', { toTeam: 'motor-desk' }, 'specialist', now);
    expect(c.owner).toBeNull();
    c.take('a4', now);
    c.recordAnswer('a4', 'done', new Date('2026-03-10T05:00:00Z'));
    expect(c.view().answer).toMatchObject({ withinPromise: false, answeredBy: 'a4' });
    expect(refusal(() => c.recordAnswer('a4', 'again', now))).toBe('consultation-closed');
    expect(refusal(() => c.take('a5', now))).toBe('consultation-closed');
  });

  it('turns into one claim only, and refuses registering twice', () => {
    const c = registered();
    c.turnIntoClaim('k1', now);
    c.turnIntoClaim('k1', now);
    expect(refusal(() => c.turnIntoClaim('k2', now))).toBe('consultation-already-claimed');
    expect(refusal(() => c.register({ channel: 'email', topic: 't', question: 'q', contact: {}, receivedAt: now, responseDueAt: now }))).toBe('consultation-exists');
  });
});

describe('claim numbers', () => {
  it('counts up per year and gives a retried claim its number again', () => {
    const sequence = new ClaimNumberSequence('2026');
    expect(sequence.assign('a')).toBe('CLM-2026-000001');
    expect(sequence.assign('b')).toBe('CLM-2026-000002');
    expect(sequence.assign('a')).toBe('CLM-2026-000001');
  });
});
