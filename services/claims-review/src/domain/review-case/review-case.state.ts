import { ClaimantDetails, SubmittedClaim, SubmittedDocument } from '../claim-facts';
import { Money } from '../money';
import { PayoutCalculation } from '../payout-calculation';
import { CaseStep } from '../review-rules';
import {
  AssessmentMethod,
  DecidedAs,
  DocumentFinding,
  InvestigationMode,
  LossItem,
  Suspicion,
} from './review-case.events';

/**
 * One claim under review, as its history folds: a union by status, each status with only the
 * fields that mean something in it. `none` is the state before intake handed the claim over.
 */
export type ReviewCase =
  | { readonly status: 'none' }
  | AwaitingAcceptance
  | InReview
  | AwaitingDocuments
  | UnderInvestigation
  | AwaitingApproval
  | Approved
  | Denied
  | PaymentInstructed
  | Paid
  | Closed;

export type OpenedCase = Exclude<ReviewCase, { status: 'none' }>;
export type CaseStatus = OpenedCase['status'];

/** Every status an opened case can be in, in the order of the process. */
export const CASE_STATUSES = [
  'awaiting-acceptance',
  'in-review',
  'awaiting-documents',
  'under-investigation',
  'awaiting-approval',
  'approved',
  'denied',
  'payment-instructed',
  'paid',
  'closed',
] as const satisfies readonly CaseStatus[];
// a status added to the union without a place in the list fails `tsc` here
type UnlistedStatus = Exclude<CaseStatus, (typeof CASE_STATUSES)[number]>;
export const _everyStatusListed: [UnlistedStatus] extends [never] ? true : never = true;
export type CaseIn<S extends CaseStatus> = Extract<ReviewCase, { status: S }>;

/** A case in one of these statuses (a type guard: narrows without a cast). */
export function hasStatus<S extends CaseStatus>(state: ReviewCase, ...statuses: S[]): state is CaseIn<S> {
  return statuses.some((s) => s === state.status);
}

/** What every opened case knows: the claim intake handed over, its documents, the fast-track verdict. */
export interface CaseFile {
  readonly claimId: string;
  /** The claim as submitted (the claimant's details apart: they are personal data). */
  readonly claim: SubmittedClaim;
  /** Revealed from the sealed personal data (every field `[erased]` once the customer was forgotten). */
  readonly claimant?: ClaimantDetails;
  /** Every document on file: submitted, then supplied in supplementary rounds. */
  readonly documents: readonly SubmittedDocument[];
  readonly fastTracked: boolean;
}

/** A case somebody accepted: it has a handler, and whatever the review has found so far. */
export interface Handled extends CaseFile {
  readonly handlerId: string;
  /** The latest finding per document id. */
  readonly findings: Readonly<Record<string, DocumentFinding>>;
  /** Documents found wanting that no supplementary request has asked to replace yet. */
  readonly documentsWithProblems: readonly string[];
  readonly supplementaryRounds: number;
  readonly suspicions: Readonly<Partial<Record<Suspicion, SuspicionStanding>>>;
  readonly investigation?: Investigation;
  readonly assessment?: LossAssessment;
  /** The last payment instructed (kept after closure and reopening, for the record). */
  readonly payment?: Payment;
  /** What confirmed payments have paid on this claim so far (minor units). */
  readonly paidSoFarMinor: number;
  /** The complaint numbers whose re-examination reopened this case, oldest first. */
  readonly reexaminations?: readonly string[];
}

export type SuspicionStanding = 'raised' | 'confirmed' | 'cleared';

export type Investigation =
  | { readonly state: 'open'; readonly investigatorId: string; readonly mode: InvestigationMode }
  | {
      readonly state: 'completed';
      readonly investigatorId: string;
      readonly mode: InvestigationMode;
      readonly findings: string;
    };

export interface LossAssessment {
  readonly assessedLoss: Money;
  readonly breakdown: readonly LossItem[];
  readonly method: AssessmentMethod;
}

interface ProposalTerms {
  readonly reasonCodes: readonly string[];
  readonly explanation: string;
  readonly policyBasis: string;
  readonly proposedBy: string;
  /** 0: the handler decides alone; 1..: the approval level that must sign. */
  readonly requiredLevel: number;
}

export type Proposal =
  | (ProposalTerms & { readonly outcome: 'approve'; readonly calculation: PayoutCalculation })
  | (ProposalTerms & { readonly outcome: 'deny' });

interface DecisionTerms {
  readonly explanation: string;
  readonly policyBasis: string;
  readonly proposedBy: string;
  readonly decidedBy: string;
  readonly decidedAs: DecidedAs;
}

export type ApprovedDecision = DecisionTerms & {
  readonly outcome: 'approved';
  readonly payout: Money;
  readonly calculation: PayoutCalculation;
};
export type DeniedDecision = DecisionTerms & {
  readonly outcome: 'denied';
  readonly reasonCodes: readonly string[];
};
export type Decision = ApprovedDecision | DeniedDecision;

export interface InstructedPayment {
  readonly state: 'instructed';
  readonly amount: Money;
  readonly instructedAt: string;
  readonly expectedArrivalDate: string;
}
export interface ConfirmedPayment extends Omit<InstructedPayment, 'state'> {
  readonly state: 'confirmed';
  readonly reference: string;
  readonly paidOn: string;
}
export type Payment = InstructedPayment | ConfirmedPayment;

/**
 * The running step of the process and its time limit; the clock stops while the customer owes
 * documents. A case that is not closed has one, except between the fact that moves it into a
 * status and the StepStarted recorded with it (e.g. ReviewCaseOpened, ClaimReopened): `step?`.
 */
export type Step = RunningStep | PausedStep;

interface StepTerms {
  readonly name: CaseStep;
  readonly startedAt: string;
  /** The customer's waiting time within this step, left out of its time limit. */
  readonly pauses: readonly { readonly from: string; readonly to: string }[];
  /** The time-limit alerts recorded for this step (each at most once). */
  readonly alerts: readonly TimeLimitStanding[];
}

export type TimeLimitStanding = 'at-risk' | 'overdue';
export type RunningStep = StepTerms & { readonly clock: 'running'; readonly dueAt: string };
export type PausedStep = StepTerms & {
  readonly clock: 'paused';
  readonly pausedSince: string;
  readonly customerRespondBy: string;
};

export interface AwaitingAcceptance extends CaseFile {
  readonly status: 'awaiting-acceptance';
  readonly step?: Step;
}

export interface InReview extends Handled {
  readonly status: 'in-review';
  readonly step?: Step;
  /** The handler's proposal while it is decided or referred (within the same decision). */
  readonly proposal?: Proposal;
}

export interface AwaitingDocuments extends Handled {
  readonly status: 'awaiting-documents';
  readonly step?: Step;
  /** What the customer was asked to supply in the open round, and why. */
  readonly request: SupplementaryRequest;
}

export interface SupplementaryRequest {
  readonly round: number;
  readonly items: readonly { readonly documentKind: string; readonly reason: string }[];
  readonly requestedAt: string;
}

export interface UnderInvestigation extends Handled {
  readonly status: 'under-investigation';
  readonly step?: Step;
  readonly investigation: Investigation;
}

export interface AwaitingApproval extends Handled {
  readonly status: 'awaiting-approval';
  readonly step?: Step;
  readonly proposal: Proposal;
}

/** Decided cases keep the proposal they decided (none on the fast track). */
export interface Approved extends Handled {
  readonly status: 'approved';
  readonly step?: Step;
  readonly proposal?: Proposal;
  readonly decision: ApprovedDecision;
}

export interface Denied extends Handled {
  readonly status: 'denied';
  readonly step?: Step;
  readonly proposal?: Proposal;
  readonly decision: DeniedDecision;
}

export interface PaymentInstructed extends Handled {
  readonly status: 'payment-instructed';
  readonly step?: Step;
  readonly proposal?: Proposal;
  readonly decision: ApprovedDecision;
  readonly payment: InstructedPayment;
}

export interface Paid extends Handled {
  readonly status: 'paid';
  readonly step?: Step;
  readonly proposal?: Proposal;
  readonly decision: ApprovedDecision;
  readonly payment: ConfirmedPayment;
}

/** Closed: no step runs any more; a manager may reopen it. */
export interface Closed extends Handled {
  readonly status: 'closed';
  readonly proposal?: Proposal;
  readonly decision: Decision;
  readonly closedAt: string;
}
