import { DomainRuleViolation } from '@claims/event-sourcing';

/** An amount in integer minor units (fen, cents) of an ISO 4217 currency. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export function money(amountMinor: number, currency: string): Money {
  return { amountMinor, currency };
}

/** Refuses anything but a whole, non-negative, safely representable number of minor units. */
export function assertValidMoney(value: Money, what: string): void {
  if (!Number.isSafeInteger(value.amountMinor) || value.amountMinor < 0) {
    throw new DomainRuleViolation(
      'invalid-amount',
      `${what} must be a whole, non-negative number of minor units`,
      {
        amountMinor: value.amountMinor,
      },
    );
  }
}

/** Amounts of different currencies are never added or compared: that is refused, not converted. */
export function assertSameCurrency(amounts: Record<string, Money>): void {
  const currencies = [...new Set(Object.values(amounts).map((m) => m.currency))];
  if (currencies.length > 1) {
    const byName = Object.fromEntries(Object.entries(amounts).map(([name, m]) => [name, m.currency]));
    throw new DomainRuleViolation(
      'currency-mismatch',
      `Amounts in different currencies cannot be combined: ${currencies.join(', ')}`,
      {
        currencies: byName,
      },
    );
  }
}

/** For notices: `CNY 12,345.67` (two-decimal currencies; integer arithmetic only). */
export function formatMoney(value: Money): string {
  const units = Math.floor(value.amountMinor / 100).toLocaleString('en-US');
  const cents = String(value.amountMinor % 100).padStart(2, '0');
  return `${value.currency} ${units}.${cents}`;
}
