import { deciderSpec } from '@claims/event-sourcing/testing';
import { claimApplicationDecider } from '../../src/domain/claim-application/claim-application.decider';
import { ClaimApplicationEvent } from '../../src/domain/claim-application/claim-application.events';
import { ClaimApplication } from '../../src/domain/claim-application/claim-application.state';
import { DocumentFile, MAX_DOCUMENT_BYTES } from '@claims/documents';
import {
  ClaimReport,
  ReportCircumstances,
  acceptClaimReport,
  reportClaim,
} from '../../src/domain/claim-application/report-claim';
import { checklistOf, missingDocuments, submitClaim } from '../../src/domain/claim-application/submit-claim';
import {
  SupplementaryRequest,
  provideSupplementaryDocuments,
  recordSupplementaryRequest,
} from '../../src/domain/claim-application/supplementary-documents';
import { uploadDocument } from '../../src/domain/claim-application/upload-document';
import { checklists, circumstances, file, now, policyOf, report } from './fixtures';

const spec = deciderSpec(claimApplicationDecider);
type Decide = (s: ClaimApplication) => ClaimApplicationEvent[];

const reporting =
  (r: ClaimReport = report(), c: ReportCircumstances = circumstances()): Decide =>
  (s) =>
    reportClaim(s, { claimId: 'k1', claimNumber: 'CLM-2026-000001', report: acceptClaimReport(r, c) });
const upload =
  (documentId: string, kind: string, stored: DocumentFile): Decide =>
  (s) =>
    uploadDocument(s, { documentId, kind, file: stored, checklists, now });
const submit: Decide = (s) => submitClaim(s, { checklists, now });
const request: SupplementaryRequest = {
  round: 1,
  items: [{ documentKind: 'witness-statement', reason: 'Two versions of events' }],
  requestedAt: '2026-03-11T00:00:00Z',
};
const receive =
  (r: SupplementaryRequest = request): Decide =>
  (s) =>
    recordSupplementaryRequest(s, { request: r, now });
const provide: Decide = (s) => provideSupplementaryDocuments(s, { now });

/** Builds a history step by step, each decision on the state the previous ones lead to. */
function historyOf(...decisions: Decide[]): ClaimApplicationEvent[] {
  return decisions.reduce<ClaimApplicationEvent[]>(
    (history, decide) => [...history, ...decide(spec.given(history).state)],
    [],
  );
}

const MOTOR_REQUIRED = ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'];
const reported = historyOf(reporting());
const complete = historyOf(
  () => reported,
  ...MOTOR_REQUIRED.map((kind, i) => upload(`d${i}`, kind, file(`h${i}`))),
);
const submitted = historyOf(() => complete, submit);

describe('claim report', () => {
  it('records the standard template with the policy snapshot, personal data sealed apart', () => {
    spec
      .given([])
      .when(reporting())
      .thenEvents(([event], after) => {
        expect(event).toMatchObject({
          type: 'ClaimReported',
          schemaVersion: 1,
          occurredAt: now.toISOString(),
          data: {
            claimId: 'k1',
            claimNumber: 'CLM-2026-000001',
            customerId: 'c1',
            agentId: 'agent-1',
            consultationId: null,
            policy: { policyNumber: 'MOT-1' },
            accident: { occurredAt: '2026-03-09T00:30:00.000Z' },
            reportedAt: now.toISOString(),
          },
        });
        expect(JSON.stringify(event.data)).not.toContain('Li Na');
        expect(event.personalData).toMatchObject({
          subjectId: 'c1',
          fields: { claimantName: 'Li Na', insuredPersonName: 'Li Na', place: 'Shanghai' },
        });
        expect(after).toMatchObject({
          status: 'collecting-documents',
          details: { claimantName: 'Li Na' },
          documents: [],
        });
      });
  });

  const accidentAt = (instant: string) => ({
    accident: { ...report().accident, occurredAt: new Date(instant) },
  });
  it.each<[string, ClaimReport, ReportCircumstances, string]>([
    ['unknown policy', report(), circumstances({ status: 'not-imported' }), 'policy-unknown'],
    [
      'another customer’s policy',
      report(),
      circumstances(policyOf(), { reportingCustomerId: 'c2' }),
      'policy-unknown',
    ],
    ['lapsed policy', report(), circumstances(policyOf({ status: 'lapsed' })), 'policy-not-in-force'],
    ['cancelled policy', report(), circumstances(policyOf({ status: 'cancelled' })), 'policy-not-in-force'],
    [
      'accident in the future',
      report(accidentAt('2026-03-10T02:00:01Z')),
      circumstances(),
      'accident-in-the-future',
    ],
    [
      'accident before cover start (local date)',
      report(accidentAt('2025-12-31T15:59:00Z')),
      circumstances(),
      'accident-before-cover-start',
    ],
    [
      'accident after cover end',
      report(),
      circumstances(policyOf({ coverStart: '2025-01-01', coverEnd: '2026-03-08' })),
      'accident-after-cover-end',
    ],
    ['uninsured person', report({ insuredPersonId: 'x' }), circumstances(), 'insured-person-not-on-policy'],
    [
      'zero estimate',
      report({ estimatedLoss: { amountMinor: 0, currency: 'CNY' } }),
      circumstances(),
      'estimated-loss-invalid',
    ],
    [
      'fractional estimate',
      report({ estimatedLoss: { amountMinor: 1.5, currency: 'CNY' } }),
      circumstances(),
      'estimated-loss-invalid',
    ],
    [
      'estimate in another currency',
      report({ estimatedLoss: { amountMinor: 1, currency: 'USD' } }),
      circumstances(),
      'currency-mismatch',
    ],
  ])('refuses a report on %s (checked before the claim has a number)', (_case, r, c, code) => {
    spec.given([]).when(reporting(r, c)).thenRefuses(code);
  });

  it('lets the customer report on their own policy', () => {
    expect(() =>
      acceptClaimReport(report(), circumstances(policyOf(), { reportingCustomerId: 'c1', agentId: null })),
    ).not.toThrow();
  });

  it('refuses a second report of the same claim', () => {
    spec.given(reported).when(reporting()).thenRefuses('claim-exists');
  });

  it('accepts an accident on the first local day of cover (Shanghai time)', () => {
    spec
      .given([])
      .when(reporting(report(accidentAt('2025-12-31T16:30:00Z'))))
      .then([
        {
          type: 'ClaimReported',
          data: expect.objectContaining({
            accident: expect.objectContaining({ occurredAt: '2025-12-31T16:30:00.000Z' }),
          }),
        },
      ]);
  });
});

describe('documents and submission', () => {
  it('shows the product line checklist with what is supplied', () => {
    const state = spec.given(historyOf(() => reported, upload('d1', 'scene-photos', file('h1')))).state;
    if (state.status === 'none') throw new Error('not reported');
    expect(checklistOf(state, checklists).find((i) => i.kind === 'scene-photos')).toMatchObject({
      required: true,
      supplied: true,
    });
    expect(missingDocuments(state, checklists).map((i) => i.kind)).toEqual([
      'accident-report',
      'repair-estimate',
      'driving-licence',
    ]);
  });

  it('records an upload with the file reference, never the bytes', () => {
    spec
      .given(reported)
      .when(upload('d1', 'scene-photos', file('h1')))
      .then([
        {
          type: 'DocumentUploaded',
          occurredAt: now.toISOString(),
          data: {
            claimId: 'k1',
            documentId: 'd1',
            kind: 'scene-photos',
            contentHash: 'h1',
            mediaType: 'application/pdf',
            sizeBytes: 100,
            blobReference: 'fs:sha256/h1',
            uploadedAt: now.toISOString(),
            round: null,
          },
        },
      ]);
  });

  const withPhotos = historyOf(() => reported, upload('d1', 'scene-photos', file('h1')));
  it.each<[string, Decide, string]>([
    ['duplicate content', upload('d2', 'repair-estimate', file('h1')), 'duplicate-document'],
    ['unknown kind', upload('d2', 'diagnosis', file('h2')), 'document-kind-unknown'],
    [
      'wrong type',
      upload('d2', 'repair-estimate', file('h2', { mediaType: 'text/html' })),
      'document-type-not-accepted',
    ],
    ['empty file', upload('d2', 'repair-estimate', file('h2', { sizeBytes: 0 })), 'document-empty'],
    [
      'too large',
      upload('d2', 'repair-estimate', file('h2', { sizeBytes: MAX_DOCUMENT_BYTES + 1 })),
      'document-too-large',
    ],
  ])('refuses an upload: %s', (_case, decide, code) => {
    spec.given(withPhotos).when(decide).thenRefuses(code);
  });

  it('names the existing document of a duplicate', () => {
    spec
      .given(withPhotos)
      .when(upload('d2', 'repair-estimate', file('h1')))
      .thenRefuses('duplicate-document', { existingDocumentId: 'd1', kind: 'scene-photos' });
  });

  it('refuses submission with the exact list of missing required documents', () => {
    const withReport = historyOf(() => reported, upload('d1', 'accident-report', file('h1')));
    spec
      .given(withReport)
      .when(submit)
      .thenRefuses('documents-missing', {
        missingDocuments: [
          expect.objectContaining({ kind: 'scene-photos' }),
          expect.objectContaining({ kind: 'repair-estimate' }),
          expect.objectContaining({ kind: 'driving-licence' }),
        ],
      });
  });

  it('submits a complete application as ClaimSubmitted v1 (contract fields), then no second submission or upload', () => {
    spec
      .given(complete)
      .when(submit)
      .thenEvents(([event], after) => {
        expect(event).toMatchObject({
          type: 'ClaimSubmitted',
          schemaVersion: 1,
          data: { claimId: 'k1', submittedAt: now.toISOString() },
        });
        expect(Object.keys(event.data).sort()).toEqual(
          [
            'accident',
            'channel',
            'claimId',
            'claimNumber',
            'customerId',
            'documents',
            'estimatedLoss',
            'feedbackChannel',
            'policy',
            'submittedAt',
          ].sort(),
        );
        expect(Object.keys(event.personalData?.fields ?? {}).sort()).toEqual([
          'claimantName',
          'claimantPhone',
          'description',
          'insuredPersonName',
          'place',
        ]);
        expect(event.personalData?.subjectId).toBe('c1');
        expect(after).toMatchObject({ status: 'submitted', submittedAt: now.toISOString() });
      });
    spec.given(submitted).when(submit).thenRefuses('claim-already-submitted');
    spec
      .given(submitted)
      .when(upload('dx', 'other', file('hx')))
      .thenRefuses('claim-already-submitted');
  });

  it('refuses every step on a claim never reported', () => {
    spec.given([]).when(submit).thenRefuses('claim-not-reported');
    spec
      .given([])
      .when(upload('d1', 'scene-photos', file('h1')))
      .thenRefuses('claim-not-reported');
  });
});

describe('supplementary documents', () => {
  it('refuses a request before submission and an empty request', () => {
    spec.given(reported).when(receive()).thenRefuses('claim-not-submitted');
    spec
      .given(submitted)
      .when(receive({ ...request, items: [] }))
      .thenRefuses('supplementary-request-empty');
  });

  it('records a round once, accepts the requested kind, and hands back only when complete', () => {
    spec.given(submitted).when(provide).thenRefuses('no-open-supplementary-request');
    spec
      .given(submitted)
      .when(receive())
      .thenEvents((events, after) => {
        expect(events).toEqual([
          expect.objectContaining({
            type: 'SupplementaryDocumentsRequestReceived',
            data: {
              claimId: 'k1',
              round: 1,
              items: request.items,
              requestedAt: request.requestedAt,
              receivedAt: now.toISOString(),
            },
          }),
        ]);
        expect(after).toMatchObject({
          status: 'awaiting-supplementary-documents',
          rounds: [{ round: 1, providedAt: null }],
        });
      });
    const asked = historyOf(() => submitted, receive());
    spec.given(asked).when(receive()).thenNothingHappens();
    spec
      .given(asked)
      .when(provide)
      .thenRefuses('supplementary-documents-missing', {
        round: 1,
        missingDocuments: [{ kind: 'witness-statement', reason: 'Two versions of events' }],
      });
    spec
      .given(asked)
      .when(upload('s1', 'witness-statement', file('s1')))
      .then([{ type: 'DocumentUploaded', data: expect.objectContaining({ documentId: 's1', round: 1 }) }]);
    const supplied = historyOf(() => asked, upload('s1', 'witness-statement', file('s1')));
    spec
      .given(supplied)
      .when(provide)
      .thenEvents((events, after) => {
        expect(events).toEqual([
          expect.objectContaining({
            type: 'SupplementaryDocumentsProvided',
            schemaVersion: 1,
            data: {
              claimId: 'k1',
              claimNumber: 'CLM-2026-000001',
              round: 1,
              documents: [
                {
                  documentId: 's1',
                  kind: 'witness-statement',
                  contentHash: 's1',
                  mediaType: 'application/pdf',
                  sizeBytes: 100,
                },
              ],
              providedAt: now.toISOString(),
            },
          }),
        ]);
        expect(after).toMatchObject({
          status: 'supplementary-documents-provided',
          rounds: [{ round: 1, providedAt: now.toISOString() }],
        });
      });
    const handedBack = historyOf(() => supplied, provide);
    spec
      .given(handedBack)
      .when(upload('s2', 'other', file('s2')))
      .thenRefuses('claim-already-submitted');
    spec
      .given(handedBack)
      .when(receive({ ...request, round: 2 }))
      .then([{ type: 'SupplementaryDocumentsRequestReceived', data: expect.objectContaining({ round: 2 }) }]);
  });

  it('stays awaiting while another round is still open', () => {
    const twoRounds = historyOf(
      () => submitted,
      receive(),
      receive({ ...request, round: 2, items: [{ documentKind: 'other', reason: 'x' }] }),
    );
    const supplied = historyOf(() => twoRounds, upload('s1', 'witness-statement', file('s1')), provide);
    expect(spec.given(supplied).state).toMatchObject({ status: 'awaiting-supplementary-documents' });
  });
});
