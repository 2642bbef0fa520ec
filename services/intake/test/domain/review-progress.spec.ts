import { deciderSpec } from '@claims/event-sourcing/testing';
import { claimApplicationDecider } from '../../src/domain/claim-application/claim-application.decider';
import { ClaimApplicationEvent } from '../../src/domain/claim-application/claim-application.events';
import {
  CLAIM_STATUSES,
  ClaimApplication,
  REVIEW_STAGES,
} from '../../src/domain/claim-application/claim-application.state';
import { CUSTOMER_STAGES, customerStageOf } from '../../src/domain/claim-application/customer-stage';
import { acceptClaimReport, reportClaim } from '../../src/domain/claim-application/report-claim';
import { ReviewFact, recordReviewProgress } from '../../src/domain/claim-application/review-progress';
import { submitClaim } from '../../src/domain/claim-application/submit-claim';
import { recordSupplementaryRequest } from '../../src/domain/claim-application/supplementary-documents';
import { uploadDocument } from '../../src/domain/claim-application/upload-document';
import { checklists, circumstances, file, now, report } from './fixtures';

const spec = deciderSpec(claimApplicationDecider);
type Decide = (s: ClaimApplication) => ClaimApplicationEvent[];

function historyOf(...decisions: Decide[]): ClaimApplicationEvent[] {
  return decisions.reduce<ClaimApplicationEvent[]>(
    (history, decide) => [...history, ...decide(spec.given(history).state)],
    [],
  );
}

const CNY = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const FACTS = {
  accepted: { kind: 'accepted', acceptedAt: '2026-03-10T03:00:00.000Z' },
  approved: {
    kind: 'approved',
    payout: CNY(1_150_000),
    explanation: 'Repairs, net of the deductible',
    policyBasis: 'Section 3',
    decidedAt: '2026-03-11T02:00:00.000Z',
  },
  denied: {
    kind: 'denied',
    reasonCodes: ['below-deductible'],
    explanation: 'Below the deductible',
    policyBasis: 'Section 7',
    decidedAt: '2026-03-14T02:00:00.000Z',
  },
  instructed: {
    kind: 'payment-instructed',
    amount: CNY(1_150_000),
    expectedArrivalDate: '2026-03-13',
    instructedAt: '2026-03-11T03:00:00.000Z',
  },
  confirmed: {
    kind: 'payment-confirmed',
    amount: CNY(1_150_000),
    paidOn: '2026-03-12',
    confirmedAt: '2026-03-12T08:00:00.000Z',
  },
  closed: { kind: 'closed', outcome: 'paid', closedAt: '2026-03-12T09:00:00.000Z' },
  reopened: { kind: 'reopened', reason: 'A second invoice', reopenedAt: '2026-03-13T01:00:00.000Z' },
} satisfies Record<string, ReviewFact>;

const tell =
  (fact: ReviewFact): Decide =>
  (s) =>
    recordReviewProgress(s, { fact, now });

const reported = historyOf((s) =>
  reportClaim(s, {
    claimId: 'k1',
    claimNumber: 'CLM-2026-000001',
    report: acceptClaimReport(report(), circumstances()),
  }),
);
const submitted = historyOf(
  () => reported,
  ...['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'].map(
    (kind, i): Decide =>
      (s) =>
        uploadDocument(s, { documentId: `d${i}`, kind, file: file(`h${i}`), checklists, now }),
  ),
  (s) => submitClaim(s, { checklists, now }),
);
const stageAfter = (history: ClaimApplicationEvent[]) => {
  const state = spec.given(history).state;
  if (state.status === 'none' || state.status === 'collecting-documents') return 'reported';
  return customerStageOf(state.status, state.review.stage);
};

describe('claims review’s progress on a submitted claim', () => {
  it('has none before submission: a fact about a claim never submitted is refused', () => {
    for (const fact of Object.values(FACTS))
      spec.given(reported).when(tell(fact)).thenRefuses('claim-not-submitted');
    spec.given([]).when(tell(FACTS.accepted)).thenRefuses('claim-not-reported');
  });

  it('records each fact as its customer-facing event, with when intake heard it', () => {
    spec
      .given(submitted)
      .when(tell(FACTS.accepted))
      .then([
        {
          type: 'ClaimAcceptanceReceived',
          data: { claimId: 'k1', acceptedAt: FACTS.accepted.acceptedAt, receivedAt: now.toISOString() },
        },
      ]);
    spec
      .given(submitted)
      .when(tell(FACTS.approved))
      .then([
        {
          type: 'ClaimDecisionReceived',
          data: {
            claimId: 'k1',
            outcome: 'approved',
            payout: CNY(1_150_000),
            reasonCodes: [],
            explanation: 'Repairs, net of the deductible',
            policyBasis: 'Section 3',
            decidedAt: FACTS.approved.decidedAt,
            receivedAt: now.toISOString(),
          },
        },
      ]);
    spec
      .given(submitted)
      .when(tell(FACTS.denied))
      .then([
        {
          type: 'ClaimDecisionReceived',
          data: expect.objectContaining({
            outcome: 'denied',
            payout: null,
            reasonCodes: ['below-deductible'],
          }),
        },
      ]);
    spec
      .given(submitted)
      .when(tell(FACTS.instructed))
      .then([
        {
          type: 'PaymentInstructionReceived',
          data: expect.objectContaining({ expectedArrivalDate: '2026-03-13', amount: CNY(1_150_000) }),
        },
      ]);
    spec
      .given(submitted)
      .when(tell(FACTS.closed))
      .then([{ type: 'ClaimClosureReceived', data: expect.objectContaining({ outcome: 'paid' }) }]);
    spec
      .given(submitted)
      .when(tell(FACTS.reopened))
      .then([
        { type: 'ClaimReopeningReceived', data: expect.objectContaining({ reason: 'A second invoice' }) },
      ]);
  });

  it('follows the lifecycle to closure, and back into review after a reopening', () => {
    const steps: Array<[ReviewFact, string]> = [
      [FACTS.accepted, 'under-review'],
      [FACTS.approved, 'approved'],
      [FACTS.instructed, 'payment-on-its-way'],
      [FACTS.confirmed, 'paid'],
      [FACTS.closed, 'closed'],
      [FACTS.reopened, 'under-review'],
      [FACTS.denied, 'denied'],
      [{ ...FACTS.closed, outcome: 'denied', closedAt: '2026-03-14T03:00:00.000Z' }, 'closed'],
    ];
    let history = submitted;
    expect(stageAfter(history)).toBe('received');
    for (const [fact, stage] of steps) {
      history = historyOf(() => history, tell(fact));
      expect({ fact: fact.kind, stage: stageAfter(history) }).toEqual({ fact: fact.kind, stage });
    }
    expect(spec.given(history).state).toMatchObject({
      review: {
        stage: 'closed',
        acceptedAt: FACTS.accepted.acceptedAt,
        decision: { outcome: 'denied', reasonCodes: ['below-deductible'] },
        payment: null,
        reopened: { reason: 'A second invoice' },
      },
    });
  });

  it('records the same fact once, whenever it is told again (redelivery, republishing)', () => {
    const sequence = [FACTS.accepted, FACTS.approved, FACTS.instructed, FACTS.confirmed, FACTS.closed];
    const told = historyOf(() => submitted, ...sequence.map(tell));
    for (const fact of sequence) spec.given(told).when(tell(fact)).thenNothingHappens();
    const reopened = historyOf(() => told, tell(FACTS.reopened));
    // a decision told before the reopening stays told: only a new decision (another instant) is recorded
    spec.given(reopened).when(tell(FACTS.approved)).thenNothingHappens();
    spec
      .given(reopened)
      .when(tell({ ...FACTS.approved, decidedAt: '2026-03-15T00:00:00.000Z' }))
      .then([
        {
          type: 'ClaimDecisionReceived',
          data: expect.objectContaining({ decidedAt: '2026-03-15T00:00:00.000Z' }),
        },
      ]);
  });

  it('keeps a payment confirmed without its instruction', () => {
    const paid = historyOf(
      () => submitted,
      tell(FACTS.accepted),
      tell(FACTS.approved),
      tell(FACTS.confirmed),
    );
    expect(spec.given(paid).state).toMatchObject({
      review: { stage: 'paid', payment: { paidOn: '2026-03-12', amount: CNY(1_150_000) } },
    });
  });

  it('tells the customer documents are asked for while the claim is decided, and the decision once made', () => {
    const round = {
      round: 1,
      items: [{ documentKind: 'witness-statement', reason: 'x' }],
      requestedAt: '2026-03-10T04:00:00.000Z',
    };
    const asked = historyOf(
      () => submitted,
      tell(FACTS.accepted),
      (s) => recordSupplementaryRequest(s, { request: round, now }),
    );
    expect(stageAfter(asked)).toBe('documents-requested');
    expect(stageAfter(historyOf(() => asked, tell(FACTS.denied)))).toBe('denied');
  });
});

describe('the customer’s stage', () => {
  it.each(
    CLAIM_STATUSES.flatMap((status) => [null, ...REVIEW_STAGES].map((review) => [status, review] as const)),
  )('is a customer stage for application %s and review %s', (status, review) => {
    const stage = customerStageOf(status, review);
    expect(CUSTOMER_STAGES).toContain(stage);
    if (status === 'collecting-documents' || review === null) expect(stage).toBe('reported');
    else if (
      status === 'awaiting-supplementary-documents' &&
      (review === 'awaiting-acceptance' || review === 'in-review')
    )
      expect(stage).toBe('documents-requested');
    else expect(stage).not.toBe('documents-requested');
  });
});
