export * from './claims-review.module';
export { TimeLimitCheck } from './application/commands/check-time-limits';
export { calculatePayout, ROUNDING_RULE } from './domain/payout-calculation';
export type { PayoutCalculation, PayoutInput, PayoutStep } from './domain/payout-calculation';
export type { ClaimsReviewRules } from './domain/review-rules';
export { DEFAULT_REVIEW_RULES } from './infrastructure/default-review-rules';
