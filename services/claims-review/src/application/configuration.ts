/** Nest token of the ClaimsReviewRules in force. The Clock uses CLOCK from @claims/working-calendar. */
export const REVIEW_RULES = Symbol('REVIEW_RULES');
