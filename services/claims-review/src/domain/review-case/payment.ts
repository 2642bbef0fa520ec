import { DomainRuleViolation } from '@claims/event-sourcing';
import { Money, assertSameCurrency } from '../money';
import { StepTimetable } from '../step-timetable';
import { PaymentMethod, ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { Acting, handlersCaseIn, stepStarted } from './review-case.guards';
import { ReviewCase } from './review-case.state';

/** 赔付: the approved amount not paid yet goes out; the customer is told when to expect it. */
export function instructPayment(
  state: ReviewCase,
  command: Acting & { readonly method: PaymentMethod },
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const approved = handlersCaseIn(state, 'approved', command.actor);
  const { method, actor, now } = command;
  const { payout } = approved.decision;
  const amount: Money = {
    amountMinor: payout.amountMinor - approved.paidSoFarMinor,
    currency: payout.currency,
  };
  if (amount.amountMinor <= 0)
    throw new DomainRuleViolation('nothing-to-pay', 'The approved amount has already been paid');
  const data = {
    claimId: approved.claimId,
    claimNumber: approved.claim.claimNumber,
    amount,
    method,
    instructedBy: actor.id,
    instructedAt: now.toISOString(),
    expectedArrivalDate: timetable.expectedArrivalDate(now),
  };
  return [recordReviewCase('PaymentInstructed', data, { occurredAt: now })];
}

export interface ConfirmPayment extends Acting {
  readonly reference: string;
  /** The civil date the money was paid (`YYYY-MM-DD`). */
  readonly paidOn: string;
  readonly amount: Money;
}

/**
 * The bank's confirmation of exactly the instructed amount, paid on a day between the instruction
 * and today (on the calendar's local dates); the closure step starts.
 */
export function confirmPayment(
  state: ReviewCase,
  command: ConfirmPayment,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const instructed = handlersCaseIn(state, 'payment-instructed', command.actor);
  const { reference, paidOn, amount, now } = command;
  const today = timetable.localDate(now);
  if (paidOn > today) {
    throw new DomainRuleViolation(
      'payment-date-in-future',
      `A payment cannot be confirmed as paid after today`,
      {
        paidOn,
        today,
      },
    );
  }
  const instructedOn = timetable.localDate(new Date(instructed.payment.instructedAt));
  if (paidOn < instructedOn) {
    throw new DomainRuleViolation(
      'payment-date-before-instruction',
      'The payment cannot have been made before it was instructed',
      { paidOn, instructedOn },
    );
  }
  const expected = instructed.payment.amount;
  assertSameCurrency({ instructed: expected, confirmed: amount });
  if (amount.amountMinor !== expected.amountMinor) {
    throw new DomainRuleViolation(
      'payment-amount-mismatch',
      'The confirmed amount differs from the instructed amount',
      {
        instructed: expected,
        confirmed: amount,
      },
    );
  }
  const { claimId, claim } = instructed;
  const data = {
    claimId,
    claimNumber: claim.claimNumber,
    policyNumber: claim.policy.policyNumber,
    amount,
    reference,
    paidOn,
    confirmedAt: now.toISOString(),
  };
  return [
    recordReviewCase('PaymentConfirmed', data, { occurredAt: now }),
    stepStarted(claimId, 'closure', now, timetable),
  ];
}
