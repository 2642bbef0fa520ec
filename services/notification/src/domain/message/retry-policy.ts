import { Channel } from '../channels';

/** How often and how patiently each channel is retried before falling back (data, not code). */
export interface RetryPolicy {
  /** Attempts per channel, the first included. */
  readonly maxAttempts: Readonly<Record<Channel, number>>;
  readonly baseDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: { sms: 3, email: 3, 'call-task': 3 },
  baseDelayMs: 60_000,
  factor: 4,
  maxDelayMs: 4 * 60 * 60_000,
};

/** Exponential backoff after the `attempt`-th failed attempt (1-based): base, base·f, base·f², … capped. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, attempt - 1));
}
