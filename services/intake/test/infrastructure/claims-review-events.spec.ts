import { IntegrationEvent } from '@claims/messaging';
import {
  FOLLOWED_EVENT_TYPES,
  FollowedEventType,
  isFollowed,
  readClaimsReviewEvent,
} from '../../src/infrastructure/consumers/claims-review-events';
import { reviewJourney } from '../support/claims-review-events';

const CLAIM = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const journey = reviewJourney(CLAIM, 'CLM-2026-000001');
const byType = Object.fromEntries(Object.values(journey).map((event) => [event.type, event])) as Record<
  string,
  IntegrationEvent
>;
const read = (event: IntegrationEvent) =>
  readClaimsReviewEvent(event as IntegrationEvent & { type: FollowedEventType });
const withData = (event: IntegrationEvent, change: Record<string, unknown>) => ({
  ...event,
  data: { ...(event.data as object), ...change },
});

describe('claims review’s published language, as intake reads it', () => {
  it('follows exactly the customer’s journey', () => {
    expect([...FOLLOWED_EVENT_TYPES].sort()).toEqual([
      'ClaimAccepted',
      'ClaimApproved',
      'ClaimClosed',
      'ClaimDenied',
      'ClaimReopened',
      'PaymentConfirmed',
      'PaymentInstructed',
      'SupplementaryDocumentsRequested',
    ]);
    for (const ignored of [
      'InvestigationOpened',
      'SuspicionFlagged',
      'HandlerAssigned',
      'DecisionProposed',
      'ReviewCaseOpened',
      'LossAssessed',
    ]) {
      expect(isFollowed(ignored)).toBe(false);
    }
  });

  it('reads each followed event into intake’s terms, leaving staff ids and workings behind', () => {
    const messages = FOLLOWED_EVENT_TYPES.map((type) => read(byType[type]));
    const CNY = { amountMinor: 1150000, currency: 'CNY' };
    expect(messages.map((m) => (m.kind === 'review-progress' ? m.fact : m.request))).toEqual([
      { kind: 'accepted', acceptedAt: '2026-03-10T03:00:00.000Z' },
      {
        round: 1,
        items: [{ documentKind: 'witness-statement', reason: 'Two versions of events' }],
        requestedAt: '2026-03-10T04:00:00.000Z',
      },
      {
        kind: 'approved',
        payout: CNY,
        explanation: 'Repair costs as assessed, net of the deductible.',
        policyBasis: 'Motor policy, section 3 (own damage)',
        decidedAt: '2026-03-11T02:00:00.000Z',
      },
      {
        kind: 'denied',
        reasonCodes: ['below-deductible', 'some-new-code'],
        explanation: 'The second invoice repeats the first.',
        policyBasis: 'Motor policy, section 7 (deductible)',
        decidedAt: '2026-03-14T02:00:00.000Z',
      },
      {
        kind: 'payment-instructed',
        amount: CNY,
        expectedArrivalDate: '2026-03-13',
        instructedAt: '2026-03-11T03:00:00.000Z',
      },
      {
        kind: 'payment-confirmed',
        amount: CNY,
        paidOn: '2026-03-12',
        confirmedAt: '2026-03-12T08:00:00.000Z',
      },
      { kind: 'closed', outcome: 'denied', closedAt: '2026-03-14T03:00:00.000Z' }, // the last ClaimClosed of the journey
      {
        kind: 'reopened',
        reason: 'The customer sent a second repair invoice',
        reopenedAt: '2026-03-13T01:00:00.000Z',
      },
    ]);
    expect(messages.every((m) => m.claimId === CLAIM)).toBe(true);
    expect(JSON.stringify(messages)).not.toMatch(
      /acceptor-7|handler-motor-1|approver-9|manager-2|internal working|BANK-REF|bank-transfer|Internal closure|Approver|garage|Likely fraud/,
    );
  });

  it.each(FOLLOWED_EVENT_TYPES)('refuses %s in a schema version it does not know', (type) => {
    expect(() => read({ ...byType[type], schemaversion: 2 })).toThrow(`${type} v2 is not understood`);
  });

  it.each([
    ['ClaimAccepted', { claimId: undefined }, 'claimId'],
    ['ClaimAccepted', { acceptedAt: 'soon' }, 'acceptedAt'],
    ['ClaimApproved', { payout: { amountMinor: 12.5, currency: 'CNY' } }, 'payout'],
    ['ClaimApproved', { payout: { amountMinor: -1, currency: 'CNY' } }, 'payout'],
    ['ClaimApproved', { payout: { amountMinor: 1, currency: 'yuan' } }, 'payout'],
    ['ClaimApproved', { explanation: '' }, 'explanation'],
    ['ClaimDenied', { reasonCodes: 'fraud' }, 'reasonCodes'],
    ['ClaimDenied', { reasonCodes: [42] }, 'reasonCodes[0]'],
    ['PaymentInstructed', { expectedArrivalDate: 'next week' }, 'expectedArrivalDate'],
    ['PaymentConfirmed', { amount: null }, 'amount'],
    ['ClaimClosed', { outcome: 'withdrawn' }, 'outcome'],
    ['ClaimReopened', { reason: 7 }, 'reason'],
    ['SupplementaryDocumentsRequested', { round: 0 }, 'round'],
    ['SupplementaryDocumentsRequested', { items: [{ documentKind: 'x' }] }, 'reason'],
  ])('refuses %s with %j, naming %s', (type, change, field) => {
    expect(() => read(withData(byType[type], change))).toThrow(field);
  });

  it('refuses data that is not an object', () => {
    expect(() => read({ ...byType.ClaimAccepted, data: 'ClaimAccepted' })).toThrow('data is not an object');
  });
});
