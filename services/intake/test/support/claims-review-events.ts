import { randomUUID } from 'node:crypto';
import { IntegrationEvent, integrationEventFrom } from '@claims/messaging';

/**
 * Claims review's published events as its relay puts them on `claims-platform.claims-review`:
 * the stored shapes (services/claims-review/.../review-case.events.ts, docs/event-catalogue.md),
 * with the staff ids and workings intake must never show a customer.
 */
export function reviewEvent(
  type: string,
  claimId: string,
  data: Record<string, unknown>,
  id = randomUUID(),
): IntegrationEvent {
  return integrationEventFrom(
    {
      eventId: id,
      type,
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${claimId}`,
      causationId: null,
      actor: { id: 'handler-motor-1', role: 'claims-handler' },
      metadata: {},
      streamId: `claim-review-${claimId}`,
      streamRevision: 0,
      globalPosition: 1,
      recordedAt: new Date().toISOString(),
      data: { claimId, ...data },
    },
    'claims-review',
    claimId,
  );
}

const CNY = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

/** The journey of a motor claim through claims review, event by event, with its data as published. */
export const reviewJourney = (claimId: string, claimNumber: string) => ({
  accepted: reviewEvent('ClaimAccepted', claimId, {
    claimNumber,
    acceptedBy: 'acceptor-7',
    route: 'manual',
    acceptedAt: '2026-03-10T03:00:00.000Z',
  }),
  documentsRequested: reviewEvent('SupplementaryDocumentsRequested', claimId, {
    claimNumber,
    round: 1,
    items: [{ documentKind: 'witness-statement', reason: 'Two versions of events' }],
    requestedAt: '2026-03-10T04:00:00.000Z',
  }),
  approved: reviewEvent('ClaimApproved', claimId, {
    claimNumber,
    payout: CNY(1150000),
    calculation: {
      payable: true,
      payout: CNY(1150000),
      steps: [
        { step: 'deductible', clause: 'Section 7', explanation: 'internal working', amount: CNY(100000) },
      ],
    },
    explanation: 'Repair costs as assessed, net of the deductible.\nApprover: Agreed; watch this garage',
    policyBasis: 'Motor policy, section 3 (own damage)',
    proposedBy: 'handler-motor-1',
    decidedBy: 'approver-9',
    decidedAs: 'approver',
    approvalLevel: 1,
    decidedAt: '2026-03-11T02:00:00.000Z',
  }),
  paymentInstructed: reviewEvent('PaymentInstructed', claimId, {
    claimNumber,
    amount: CNY(1150000),
    method: 'bank-transfer',
    instructedBy: 'handler-motor-1',
    instructedAt: '2026-03-11T03:00:00.000Z',
    expectedArrivalDate: '2026-03-13',
  }),
  paymentConfirmed: reviewEvent('PaymentConfirmed', claimId, {
    claimNumber,
    policyNumber: 'MOT-2026-000001',
    amount: CNY(1150000),
    reference: 'BANK-REF-0001',
    paidOn: '2026-03-12',
    confirmedAt: '2026-03-12T08:00:00.000Z',
  }),
  closed: reviewEvent('ClaimClosed', claimId, {
    claimNumber,
    outcome: 'paid',
    closureRecord: {
      summary: 'Internal closure summary',
      decision: 'approved',
      paidAmount: CNY(1150000),
      paymentReference: 'BANK-REF-0001',
      supplementaryRounds: 1,
    },
    closedBy: 'handler-motor-1',
    closedAt: '2026-03-12T09:00:00.000Z',
  }),
  reopened: reviewEvent('ClaimReopened', claimId, {
    claimNumber,
    reason: 'The customer sent a second repair invoice',
    reopenedBy: 'manager-2',
    reopenedAt: '2026-03-13T01:00:00.000Z',
  }),
  denied: reviewEvent('ClaimDenied', claimId, {
    claimNumber,
    reasonCodes: ['below-deductible', 'some-new-code'],
    explanation: 'The second invoice repeats the first.\nApprover: Likely fraud',
    policyBasis: 'Motor policy, section 7 (deductible)',
    proposedBy: 'handler-motor-1',
    decidedBy: 'approver-9',
    decidedAs: 'approver',
    approvalLevel: 1,
    decidedAt: '2026-03-14T02:00:00.000Z',
  }),
  closedAgain: reviewEvent('ClaimClosed', claimId, {
    claimNumber,
    outcome: 'denied',
    closureRecord: {
      summary: 'Closed again',
      decision: 'denied',
      paidAmount: null,
      paymentReference: null,
      supplementaryRounds: 1,
    },
    closedBy: 'handler-motor-1',
    closedAt: '2026-03-14T03:00:00.000Z',
  }),
  // facts intake does not follow: they must change nothing
  investigation: reviewEvent('InvestigationOpened', claimId, {
    investigatorId: 'investigator-3',
    mode: 'on-site',
    instructions: 'Suspected fraud',
    openedAt: '2026-03-10T05:00:00.000Z',
  }),
  suspicion: reviewEvent('SuspicionFlagged', claimId, {
    suspicion: 'fraud',
    reason: 'Pattern',
    flaggedBy: 'handler-motor-1',
    flaggedAt: '2026-03-10T05:00:00.000Z',
  }),
});

/** Staff ids and internal workings in the journey above: none may reach a customer. */
export const INTERNAL_MARKERS = [
  'acceptor-7',
  'handler-motor-1',
  'approver-9',
  'manager-2',
  'investigator-3',
  'internal working',
  'Internal closure summary',
  'Suspected fraud',
  'BANK-REF-0001',
  'bank-transfer',
  'agent-1',
  'Approver:',
  'watch this garage',
  'Likely fraud',
];
