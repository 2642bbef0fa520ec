import { EventUnion, eventRecorder } from '@claims/event-sourcing';
import { Accident, PolicySnapshot, SubmittedDocument } from '../claim-facts';
import { Money } from '../money';
import { PayoutCalculation } from '../payout-calculation';
import { CaseStep } from '../review-rules';

/**
 * The stored (and published) facts of a review case, in streams `claim-review-<claimId>`. Instants
 * are ISO strings of the domain clock; every event names its claim. These shapes are stored
 * history and published language (docs/event-catalogue.md): never rename a type or a field.
 */
export interface ReviewCaseEvents {
  ReviewCaseOpened: {
    claimId: string;
    claimNumber: string;
    customerId: string;
    channel: string;
    feedbackChannel: string;
    policy: PolicySnapshot;
    accident: Accident;
    estimatedLoss: Money;
    documents: SubmittedDocument[];
    submittedAt: string;
    openedAt: string;
  };
  StepStarted: { claimId: string; step: CaseStep; startedAt: string; dueAt: string };
  StepClockPaused: {
    claimId: string;
    step: CaseStep;
    pausedAt: string;
    reason: 'awaiting-customer-documents';
    customerRespondBy: string;
  };
  StepClockResumed: { claimId: string; step: CaseStep; resumedAt: string; dueAt: string };
  TimeLimitAtRisk: { claimId: string; step: CaseStep; dueAt: string; detectedAt: string };
  TimeLimitExceeded: { claimId: string; step: CaseStep; dueAt: string; detectedAt: string };
  FastTrackApplied: { claimId: string; checks: { rule: string; passed: boolean }[]; appliedAt: string };
  FastTrackDeclined: { claimId: string; failedChecks: string[]; declinedAt: string };
  ClaimAccepted: {
    claimId: string;
    claimNumber: string;
    acceptedBy: string;
    route: 'manual' | 'fast-track';
    acceptedAt: string;
  };
  HandlerAssigned: { claimId: string; handlerId: string; rule: string; assignedAt: string };
  HandlerReassigned: {
    claimId: string;
    fromHandlerId: string;
    toHandlerId: string;
    reason: string;
    reassignedAt: string;
  };
  DocumentsReviewed: { claimId: string; findings: DocumentFinding[]; reviewedBy: string; reviewedAt: string };
  SupplementaryDocumentsRequested: {
    claimId: string;
    claimNumber: string;
    round: number;
    items: { documentKind: string; reason: string }[];
    requestedAt: string;
  };
  SupplementaryDocumentsReceived: {
    claimId: string;
    round: number;
    documents: SubmittedDocument[];
    receivedAt: string;
  };
  SuspicionFlagged: {
    claimId: string;
    suspicion: Suspicion;
    reason: string;
    flaggedBy: string;
    flaggedAt: string;
  };
  InvestigationOpened: {
    claimId: string;
    investigatorId: string;
    mode: InvestigationMode;
    instructions: string;
    openedAt: string;
  };
  InvestigationCompleted: {
    claimId: string;
    investigatorId: string;
    findings: string;
    confirmedSuspicions: Suspicion[];
    clearedSuspicions: Suspicion[];
    completedAt: string;
  };
  LossAssessed: {
    claimId: string;
    assessedLoss: Money;
    breakdown: LossItem[];
    method: AssessmentMethod;
    assessedBy: string;
    assessedAt: string;
  };
  DecisionProposed: {
    claimId: string;
    outcome: 'approve' | 'deny';
    payout: Money | null;
    calculation: PayoutCalculation | null;
    reasonCodes: string[];
    explanation: string;
    policyBasis: string;
    proposedBy: string;
    requiredLevel: number;
    proposedAt: string;
  };
  DecisionReferredForApproval: { claimId: string; level: number; amountAtStake: Money; referredAt: string };
  DecisionSentBack: {
    claimId: string;
    sentBackBy: string;
    level: number;
    comment: string;
    sentBackAt: string;
  };
  ClaimApproved: {
    claimId: string;
    claimNumber: string;
    payout: Money;
    calculation: PayoutCalculation;
    explanation: string;
    policyBasis: string;
    proposedBy: string;
    decidedBy: string;
    decidedAs: DecidedAs;
    approvalLevel: number;
    decidedAt: string;
  };
  ClaimDenied: {
    claimId: string;
    claimNumber: string;
    reasonCodes: string[];
    explanation: string;
    policyBasis: string;
    proposedBy: string;
    decidedBy: string;
    decidedAs: DecidedAs;
    approvalLevel: number;
    decidedAt: string;
  };
  PaymentInstructed: {
    claimId: string;
    claimNumber: string;
    amount: Money;
    method: PaymentMethod;
    instructedBy: string;
    instructedAt: string;
    expectedArrivalDate: string;
  };
  PaymentConfirmed: {
    claimId: string;
    claimNumber: string;
    policyNumber: string;
    amount: Money;
    reference: string;
    paidOn: string;
    confirmedAt: string;
  };
  ClaimClosed: {
    claimId: string;
    claimNumber: string;
    outcome: 'paid' | 'denied';
    closureRecord: ClosureRecord;
    closedBy: string;
    closedAt: string;
  };
  ClaimReopened: {
    claimId: string;
    claimNumber: string;
    reason: string;
    reopenedBy: string;
    reopenedAt: string;
    /** The upheld complaint that asked for the re-examination (absent when a manager reopened it). */
    complaint?: ComplaintReference;
  };
}

/** A complaint of the complaint service, as its ClaimReexaminationRequested names it. */
export interface ComplaintReference {
  readonly complaintId: string;
  readonly complaintNumber: string;
}

export type ReviewCaseEventType = keyof ReviewCaseEvents;
export type ReviewCaseEvent = EventUnion<ReviewCaseEvents>;

/** Each stored type's current schema version (all 1 today). */
export const REVIEW_CASE_SCHEMA_VERSIONS = {
  ReviewCaseOpened: 1,
  StepStarted: 1,
  StepClockPaused: 1,
  StepClockResumed: 1,
  TimeLimitAtRisk: 1,
  TimeLimitExceeded: 1,
  FastTrackApplied: 1,
  FastTrackDeclined: 1,
  ClaimAccepted: 1,
  HandlerAssigned: 1,
  HandlerReassigned: 1,
  DocumentsReviewed: 1,
  SupplementaryDocumentsRequested: 1,
  SupplementaryDocumentsReceived: 1,
  SuspicionFlagged: 1,
  InvestigationOpened: 1,
  InvestigationCompleted: 1,
  LossAssessed: 1,
  DecisionProposed: 1,
  DecisionReferredForApproval: 1,
  DecisionSentBack: 1,
  ClaimApproved: 1,
  ClaimDenied: 1,
  PaymentInstructed: 1,
  PaymentConfirmed: 1,
  ClaimClosed: 1,
  ClaimReopened: 1,
} as const satisfies Record<ReviewCaseEventType, number>;

/** Records a review-case fact with its type's current schema version. */
export const recordReviewCase = eventRecorder<ReviewCaseEvents>(REVIEW_CASE_SCHEMA_VERSIONS);

export const SUSPICIONS = ['misrepresentation', 'fraud'] as const;
export type Suspicion = (typeof SUSPICIONS)[number];
export const INVESTIGATION_MODES = ['remote', 'on-site', 'expert-panel'] as const;
export type InvestigationMode = (typeof INVESTIGATION_MODES)[number];
export const ASSESSMENT_METHODS = ['remote', 'on-site', 'expert-panel', 'fast-track'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];
export const PAYMENT_METHODS = ['bank-transfer', 'cheque', 'direct-repair-settlement'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type DecidedAs = 'handler' | 'approver' | 'fast-track';

export interface DocumentFinding {
  readonly documentId: string;
  readonly authentic: boolean;
  readonly complete: boolean;
  readonly compliant: boolean;
  readonly note?: string;
}

export interface LossItem {
  readonly item: string;
  readonly amount: Money;
}

export interface ClosureRecord {
  readonly summary: string;
  readonly decision: 'approved' | 'denied';
  readonly paidAmount: Money | null;
  readonly paymentReference: string | null;
  readonly supplementaryRounds: number;
}
