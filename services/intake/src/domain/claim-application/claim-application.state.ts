import { DomainRuleViolation } from '@claims/event-sourcing';
import { Money } from '../vocabulary';
import {
  ClaimDecisionReceivedData,
  ClaimReportedData,
  ClaimantDetails,
  RequestedDocument,
  SuppliedDocument,
} from './claim-application.events';

/** A request of claims review for more documents, and when they were handed back (null while it is open). */
export interface SupplementaryRound {
  readonly round: number;
  readonly items: readonly RequestedDocument[];
  readonly requestedAt: string;
  readonly providedAt: string | null;
}

/** What every reported claim has: the report's facts, its personal details, the documents supplied so far. */
export interface ReportedClaim {
  readonly facts: ClaimReportedData;
  readonly details: ClaimantDetails;
  readonly documents: readonly SuppliedDocument[];
}

/** Where claims review has the claim, as it told intake: from acceptance to closure (and reopening). */
export const REVIEW_STAGES = [
  'awaiting-acceptance',
  'in-review',
  'approved',
  'denied',
  'payment-instructed',
  'paid',
  'closed',
] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export type ReviewDecision = Omit<ClaimDecisionReceivedData, 'claimId' | 'receivedAt'>;

export interface ReviewPayment {
  readonly amount: Money;
  readonly expectedArrivalDate: string;
  readonly instructedAt: string;
  /** Once claims review confirmed the payment. */
  readonly paidOn: string | null;
}

/** What claims review told of the claim so far: its customer-facing facts only. */
export interface ReviewProgress {
  readonly stage: ReviewStage;
  readonly acceptedAt: string | null;
  /** The decision in force (cleared by a reopening). */
  readonly decision: ReviewDecision | null;
  readonly payment: ReviewPayment | null;
  readonly closedAt: string | null;
  /** The last reopening, while the claim is reviewed again. */
  readonly reopened: { readonly reason: string; readonly reopenedAt: string } | null;
  /** Every fact told so far, as `<event type>@<its instant>`: the same fact told again changes nothing. */
  readonly told: readonly string[];
}

export const REVIEW_NOT_STARTED: ReviewProgress = {
  stage: 'awaiting-acceptance',
  acceptedAt: null,
  decision: null,
  payment: null,
  closedAt: null,
  reopened: null,
  told: [],
};

/** A claim handed to claims review, every round of documents it asked for since, and its progress there. */
export interface SubmittedClaim extends ReportedClaim {
  readonly submittedAt: string;
  readonly rounds: readonly SupplementaryRound[];
  readonly review: ReviewProgress;
}

/**
 * A claim report and application: documents are collected against the product line's checklist,
 * the complete application is submitted to claims review, which may ask for supplementary
 * documents (one or more open rounds) until they are handed back.
 */
export type ClaimApplication =
  | { readonly status: 'none' }
  | (ReportedClaim & { readonly status: 'collecting-documents' })
  | (SubmittedClaim & { readonly status: 'submitted' })
  | (SubmittedClaim & { readonly status: 'awaiting-supplementary-documents' })
  | (SubmittedClaim & { readonly status: 'supplementary-documents-provided' });

export type ReportedClaimApplication = Exclude<ClaimApplication, { status: 'none' }>;
export type SubmittedClaimApplication = Exclude<ReportedClaimApplication, { status: 'collecting-documents' }>;
export type ClaimStatus = ReportedClaimApplication['status'];

export const CLAIM_STATUSES = [
  'collecting-documents',
  'submitted',
  'awaiting-supplementary-documents',
  'supplementary-documents-provided',
] as const satisfies readonly ClaimStatus[];

/** Every step after the report needs the report. */
export function refuseUnlessReported(state: ClaimApplication): ReportedClaimApplication {
  if (state.status === 'none') throw new DomainRuleViolation('claim-not-reported', 'There is no such claim');
  return state;
}

/** The first round claims review is still waiting for, if any. */
export function openRound(state: ReportedClaimApplication): SupplementaryRound | undefined {
  return state.status === 'collecting-documents'
    ? undefined
    : state.rounds.find((r) => r.providedAt === null);
}
