export * from './claims-review.module';
export { TimeLimitCheck } from './application/time-limits/time-limit-check';
export type { TimeLimitCheckResult } from './application/time-limits/check-time-limits.command';
export { calculatePayout, ROUNDING_RULE } from './domain/payout-calculation';
export type { PayoutCalculation, PayoutInput, PayoutStep } from './domain/payout-calculation';
export type { ClaimsReviewRules } from './domain/review-rules';
export { DEFAULT_REVIEW_RULES } from './infrastructure/default-review-rules';
