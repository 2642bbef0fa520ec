/** How a message reaches its recipient. `call-task` is a phone follow-up by staff, the last resort. */
export type Channel = 'sms' | 'email' | 'call-task';

/** Who a message is for: the customer of the case, or the staff who work it. */
export type RecipientRole = 'customer' | 'handler' | 'manager';

export interface Recipient {
  readonly role: RecipientRole;
  /** The customer id (pseudonymous subject) or the employee id. */
  readonly id: string;
}

/** The order the platform falls back in when a channel fails for good: SMS → email → call task. */
export const FALLBACK_ORDER: readonly Channel[] = ['sms', 'email', 'call-task'];

/**
 * The channels to try, in order: the first choice, then the ones after it in the fallback order,
 * keeping only those the recipient can be reached on.
 */
export function channelPlan(first: Channel, reachable: readonly Channel[]): Channel[] {
  const rest = FALLBACK_ORDER.slice(FALLBACK_ORDER.indexOf(first) + 1);
  return [first, ...rest].filter((c) => reachable.includes(c));
}
