import { ClaimStatus, ReviewStage } from './claim-application.state';

/**
 * Where a claim stands, as its customer is told it, from the report to closure: intake's own
 * steps (documents to supply, submission, documents asked for again) and claims review's (its
 * acceptance, decision, payment and closure), never the insurer's internal steps behind them.
 */
export const CUSTOMER_STAGES = [
  'reported',
  'received',
  'under-review',
  'documents-requested',
  'approved',
  'denied',
  'payment-on-its-way',
  'paid',
  'closed',
] as const;
export type CustomerStage = (typeof CUSTOMER_STAGES)[number];

const STAGE_IN_REVIEW: Readonly<Record<ReviewStage, CustomerStage>> = {
  'awaiting-acceptance': 'received',
  'in-review': 'under-review',
  approved: 'approved',
  denied: 'denied',
  'payment-instructed': 'payment-on-its-way',
  paid: 'paid',
  closed: 'closed',
};

/**
 * The customer's stage of a claim: its documents while it is collected, then what claims review
 * told; documents asked for while it is being decided come first, since they wait for the customer.
 */
export function customerStageOf(status: ClaimStatus, review: ReviewStage | null): CustomerStage {
  if (status === 'collecting-documents' || review === null) return 'reported';
  const deciding = review === 'awaiting-acceptance' || review === 'in-review';
  if (status === 'awaiting-supplementary-documents' && deciding) return 'documents-requested';
  return STAGE_IN_REVIEW[review];
}
