import { DomainRuleViolation } from '@claims/event-sourcing';

/** An amount in integer minor units (fen, cents) of an ISO 4217 currency. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Refuses anything but a whole, non-negative, safely representable number of minor units in `currency`. */
export function assertValidMoney(value: Money, currency: string, what: string): void {
  if (!Number.isSafeInteger(value.amountMinor) || value.amountMinor < 0) {
    throw new DomainRuleViolation(
      'invalid-amount',
      `${what} must be a whole, non-negative number of minor units`,
      {
        amountMinor: value.amountMinor,
      },
    );
  }
  if (value.currency !== currency) {
    throw new DomainRuleViolation('currency-mismatch', `${what} must be in ${currency}`, {
      currency: value.currency,
    });
  }
}
