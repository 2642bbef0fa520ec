import { DomainRuleViolation } from '@claims/event-sourcing';
import { Money } from '../vocabulary';
import {
  ClaimApplicationEvent,
  ClaimApplicationEvents,
  recordClaimApplication,
} from './claim-application.events';
import { ClaimApplication, refuseUnlessReported } from './claim-application.state';

/**
 * What claims review tells of a submitted claim (its published ClaimAccepted, ClaimApproved,
 * ClaimDenied, PaymentInstructed, PaymentConfirmed, ClaimClosed, ClaimReopened), reduced to what
 * the customer is told: never who reviewed it, investigated it or signed it off.
 */
export type ReviewFact =
  | { readonly kind: 'accepted'; readonly acceptedAt: string }
  | {
      readonly kind: 'approved';
      readonly payout: Money;
      readonly explanation: string;
      readonly policyBasis: string;
      readonly decidedAt: string;
    }
  | {
      readonly kind: 'denied';
      readonly reasonCodes: readonly string[];
      readonly explanation: string;
      readonly policyBasis: string;
      readonly decidedAt: string;
    }
  | {
      readonly kind: 'payment-instructed';
      readonly amount: Money;
      readonly expectedArrivalDate: string;
      readonly instructedAt: string;
    }
  | {
      readonly kind: 'payment-confirmed';
      readonly amount: Money;
      readonly paidOn: string;
      readonly confirmedAt: string;
    }
  | { readonly kind: 'closed'; readonly outcome: 'paid' | 'denied'; readonly closedAt: string }
  | { readonly kind: 'reopened'; readonly reason: string; readonly reopenedAt: string };

/** The events that record claims review's facts. */
export type ReviewFactEventType =
  | 'ClaimAcceptanceReceived'
  | 'ClaimDecisionReceived'
  | 'PaymentInstructionReceived'
  | 'PaymentConfirmationReceived'
  | 'ClaimClosureReceived'
  | 'ClaimReopeningReceived';
type ReviewFactEvent = Extract<ClaimApplicationEvent, { type: ReviewFactEventType }>;

/** A fact is known by its type and its instant in claims review: `<event type>@<instant>`. */
export function toldKeyOf(event: ReviewFactEvent): string {
  return `${event.type}@${instantOf(event)}`;
}

function instantOf(event: ReviewFactEvent): string {
  switch (event.type) {
    case 'ClaimAcceptanceReceived':
      return event.data.acceptedAt;
    case 'ClaimDecisionReceived':
      return event.data.decidedAt;
    case 'PaymentInstructionReceived':
      return event.data.instructedAt;
    case 'PaymentConfirmationReceived':
      return event.data.confirmedAt;
    case 'ClaimClosureReceived':
      return event.data.closedAt;
    case 'ClaimReopeningReceived':
      return event.data.reopenedAt;
  }
}

/**
 * Records a fact claims review told of a submitted claim, once: the same fact told again (a
 * redelivered message) records nothing. Claims review owns the lifecycle, so its facts are
 * recorded in the order they come; only a claim never submitted cannot have any.
 */
export function recordReviewProgress(
  state: ClaimApplication,
  command: { fact: ReviewFact; now: Date },
): ClaimApplicationEvent[] {
  const claim = refuseUnlessReported(state);
  if (claim.status === 'collecting-documents') {
    throw new DomainRuleViolation(
      'claim-not-submitted',
      `Claim ${claim.facts.claimNumber} was not submitted yet`,
    );
  }
  const event = eventOf(claim.facts.claimId, command.fact, command.now.toISOString());
  return claim.review.told.includes(toldKeyOf(event)) ? [] : [event];
}

function eventOf(claimId: string, fact: ReviewFact, receivedAt: string): ReviewFactEvent {
  const record = <T extends ReviewFactEventType>(type: T, data: ClaimApplicationEvents[T]) =>
    recordClaimApplication(type, data, { occurredAt: receivedAt }) as ReviewFactEvent;
  switch (fact.kind) {
    case 'accepted':
      return record('ClaimAcceptanceReceived', { claimId, acceptedAt: fact.acceptedAt, receivedAt });
    case 'approved':
    case 'denied':
      return record('ClaimDecisionReceived', {
        claimId,
        outcome: fact.kind,
        payout: fact.kind === 'approved' ? { ...fact.payout } : null,
        reasonCodes: fact.kind === 'denied' ? [...fact.reasonCodes] : [],
        explanation: fact.explanation,
        policyBasis: fact.policyBasis,
        decidedAt: fact.decidedAt,
        receivedAt,
      });
    case 'payment-instructed': {
      const { amount, expectedArrivalDate, instructedAt } = fact;
      return record('PaymentInstructionReceived', {
        claimId,
        amount: { ...amount },
        expectedArrivalDate,
        instructedAt,
        receivedAt,
      });
    }
    case 'payment-confirmed': {
      const { amount, paidOn, confirmedAt } = fact;
      return record('PaymentConfirmationReceived', {
        claimId,
        amount: { ...amount },
        paidOn,
        confirmedAt,
        receivedAt,
      });
    }
    case 'closed':
      return record('ClaimClosureReceived', {
        claimId,
        outcome: fact.outcome,
        closedAt: fact.closedAt,
        receivedAt,
      });
    case 'reopened':
      return record('ClaimReopeningReceived', {
        claimId,
        reason: fact.reason,
        reopenedAt: fact.reopenedAt,
        receivedAt,
      });
  }
}
