import { EventUnion, eventRecorder } from '@claims/event-sourcing';
import { ClockName, ComplaintChannel, ComplaintTimeLimit, Priority } from '../complaint-rules';
import { Money } from '../money';

/**
 * The stored (and, through public-events.ts, partly published) facts of a complaint, in streams
 * `complaint-<complaintId>`. Instants are ISO strings of the domain clock; every event names its
 * complaint. The complainant's and the agent's identities and the complaint's own words are
 * personal data: they travel in the event's sealed `personalData`, never in `data`. These shapes
 * are stored history: never rename a type or a field; bump the version and add an upcaster.
 */
export interface ComplaintEvents {
  ComplaintReceived: {
    complaintId: string;
    complaintNumber: string;
    channel: ComplaintChannel;
    /** The regulator's reference of a transferred complaint (null otherwise). */
    regulatorReference: string | null;
    /** Pseudonymous id of the complainant (the customer id when known): the personal data's subject. */
    complainantId: string;
    customerId: string | null;
    /** An agent or heir acting for the complainant, with the authorisation on file (names sealed). */
    agent: { relationship: AgentRelationship; authorisation: Authorisation } | null;
    group: { size: number; representatives: number } | null;
    relatedClaimNumbers: string[];
    policyNumber: string | null;
    category: string;
    /** The remedies asked for (kinds), and any amount claimed, in minor units. */
    requestedRemedies: RemedyKind[];
    amountClaimed: Money | null;
    attachments: Attachment[];
    receivedBy: string;
    receivedAt: string;
  };
  /** A document uploaded to the complaint: checked, sealed for the complainant, stored by reference. */
  AttachmentAdded: {
    complaintId: string;
    attachment: StoredAttachment;
    addedBy: string;
    addedAt: string;
  };
  ComplaintAccepted: {
    complaintId: string;
    complaintNumber: string;
    riskFactors: string[];
    riskScore: number;
    priority: Priority;
    major: boolean;
    riskNote: string;
    acceptedBy: string;
    acceptedAt: string;
  };
  ComplaintDeclined: {
    complaintId: string;
    complaintNumber: string;
    reason: DeclineReason;
    /** The open complaint this one duplicates (reason `duplicate`), else null. */
    duplicateOf: string | null;
    explanation: string;
    declinedBy: string;
    declinedAt: string;
  };
  /** Not a complaint: handed back to intake as a consultation. */
  ComplaintReferredAsConsultation: {
    complaintId: string;
    complaintNumber: string;
    customerId: string | null;
    channel: ComplaintChannel;
    category: string;
    referredAt: string;
  };
  HandlerAssigned: {
    complaintId: string;
    handlerId: string;
    round: number;
    /** The recusal check as it was done: the related claims and the staff excluded from them. */
    recusal: { relatedClaimNumbers: string[]; excludedStaffIds: string[]; unverifiedClaimNumbers: string[] };
    assignedBy: string;
    assignedAt: string;
  };
  ContactRecorded: {
    complaintId: string;
    contactId: string;
    party: ContactParty;
    channel: string;
    contactedAt: string;
    outcome: ContactOutcome;
    /** Internal note: never shown to the customer. */
    note: string;
    recordedBy: string;
  };
  EvidenceAdded: {
    complaintId: string;
    evidenceId: string;
    source: EvidenceSource;
    description: string;
    attachment: Attachment | null;
    addedBy: string;
    addedAt: string;
  };
  InvestigationCompleted: {
    complaintId: string;
    round: number;
    causeAnalysis: string;
    responsibleParty: ResponsibleParty;
    policyClause: string | null;
    findings: string;
    completedBy: string;
    completedAt: string;
  };
  ResolutionPlanProposed: {
    complaintId: string;
    round: number;
    outcome: ComplaintOutcome;
    summary: string;
    nextSteps: string;
    remedies: Remedy[];
    remedyTotal: Money;
    /** 0: the handler adopts it alone; 1..: the approval level that must sign. */
    requiredLevel: number;
    proposedBy: string;
    proposedAt: string;
  };
  ResolutionPlanReferredForApproval: {
    complaintId: string;
    level: number;
    because: ('beyond-authority' | 'major-complaint')[];
    referredAt: string;
  };
  ResolutionPlanSentBack: { complaintId: string; sentBackBy: string; comment: string; sentBackAt: string };
  ResolutionPlanAdopted: {
    complaintId: string;
    round: number;
    proposedBy: string;
    decidedBy: string;
    decidedAs: 'handler' | 'approver';
    approvalLevel: number;
    adoptedAt: string;
  };
  /** The plan told to the customer, with the remedies open to them if not satisfied. */
  ResolutionCommunicated: {
    complaintId: string;
    complaintNumber: string;
    customerId: string | null;
    round: number;
    outcome: ComplaintOutcome;
    summary: string;
    nextSteps: string;
    remedies: Remedy[];
    externalRemedies: string[];
    channel: string;
    communicatedBy: string;
    communicatedAt: string;
  };
  /** An upheld complaint about a claim asks claims review to re-examine it. */
  ClaimReexaminationRequested: {
    complaintId: string;
    complaintNumber: string;
    claimNumber: string;
    reason: string;
    requestedAt: string;
  };
  CustomerSatisfactionRecorded: { complaintId: string; round: number; feedback: string; recordedAt: string };
  CustomerDissatisfactionRecorded: {
    complaintId: string;
    round: number;
    reason: string;
    /** What happens next: a different handler re-evaluates, a manager takes it, or internal handling is exhausted. */
    next: 're-evaluation' | 'escalated-to-manager' | 'internal-handling-exhausted';
    recordedAt: string;
  };
  ComplaintWithdrawn: { complaintId: string; reason: string; withdrawnBy: string; withdrawnAt: string };
  MaliciousFlagProposed: {
    complaintId: string;
    reason: string;
    evidence: string[];
    proposedBy: string;
    proposedAt: string;
  };
  MaliciousFlagApproved: { complaintId: string; approvedBy: string; approvedAt: string };
  MaliciousFlagRejected: { complaintId: string; rejectedBy: string; comment: string; rejectedAt: string };
  ComplaintClosed: {
    complaintId: string;
    complaintNumber: string;
    outcome: ComplaintOutcome | 'flagged-malicious';
    customerSatisfied: boolean | null;
    category: string;
    rootCause: string;
    rootCauseDetail: string;
    correctiveAction: CorrectiveAction;
    closedBy: string;
    closedAt: string;
  };
  ComplaintArchived: { complaintId: string; archivedBy: string; archivedAt: string };
  ClockStarted: {
    complaintId: string;
    clock: ClockName;
    limit: ComplaintTimeLimit;
    startedAt: string;
    dueAt: string;
  };
  ClockPaused: { complaintId: string; clock: ClockName; reason: 'awaiting-customer'; pausedAt: string };
  ClockResumed: { complaintId: string; clock: ClockName; resumedAt: string; dueAt: string };
  ClockAtRisk: { complaintId: string; clock: ClockName; dueAt: string; detectedAt: string };
  ClockBreached: { complaintId: string; clock: ClockName; dueAt: string; detectedAt: string };
  ClockFulfilled: {
    complaintId: string;
    clock: ClockName;
    dueAt: string;
    fulfilledAt: string;
    withinLimit: boolean;
  };
  /** Handling ended without the clock's work being done (withdrawn, declined). */
  ClockStopped: { complaintId: string; clock: ClockName; reason: string; stoppedAt: string };
  /** The regulatory limit extended (30 days with a recorded reason, a further 30 with a manager's approval). */
  RegulatoryLimitExtended: {
    complaintId: string;
    complaintNumber: string;
    customerId: string | null;
    extension: number;
    totalDays: number;
    reason: string;
    grantedBy: string;
    grantedAs: 'handler' | 'manager';
    customerToldVia: string;
    dueAt: string;
    extendedAt: string;
  };
}

export type ComplaintEventType = keyof ComplaintEvents;
export type ComplaintEvent = EventUnion<ComplaintEvents>;

/** Each stored type's current schema version. */
export const COMPLAINT_SCHEMA_VERSIONS = {
  ComplaintReceived: 1,
  AttachmentAdded: 1,
  ComplaintAccepted: 1,
  ComplaintDeclined: 1,
  ComplaintReferredAsConsultation: 1,
  HandlerAssigned: 1,
  ContactRecorded: 1,
  EvidenceAdded: 1,
  InvestigationCompleted: 1,
  ResolutionPlanProposed: 1,
  ResolutionPlanReferredForApproval: 1,
  ResolutionPlanSentBack: 1,
  ResolutionPlanAdopted: 1,
  ResolutionCommunicated: 1,
  ClaimReexaminationRequested: 1,
  CustomerSatisfactionRecorded: 1,
  CustomerDissatisfactionRecorded: 1,
  ComplaintWithdrawn: 1,
  MaliciousFlagProposed: 1,
  MaliciousFlagApproved: 1,
  MaliciousFlagRejected: 1,
  ComplaintClosed: 1,
  ComplaintArchived: 1,
  ClockStarted: 1,
  ClockPaused: 1,
  ClockResumed: 1,
  ClockAtRisk: 1,
  ClockBreached: 1,
  ClockFulfilled: 1,
  ClockStopped: 1,
  RegulatoryLimitExtended: 1,
} as const satisfies Record<ComplaintEventType, number>;

/** Records a complaint fact with its type's current schema version. */
export const recordComplaint = eventRecorder<ComplaintEvents>(COMPLAINT_SCHEMA_VERSIONS);

export const AGENT_RELATIONSHIPS = ['authorised-agent', 'heir', 'guardian', 'lawyer'] as const;
export type AgentRelationship = (typeof AGENT_RELATIONSHIPS)[number];
export const AUTHORISATION_KINDS = [
  'power-of-attorney',
  'proof-of-inheritance',
  'guardianship-order',
] as const;
export interface Authorisation {
  readonly kind: (typeof AUTHORISATION_KINDS)[number];
  /** The document on file that proves it. */
  readonly documentId: string;
  readonly validUntil: string | null;
}

export const DECLINE_REASONS = ['not-a-complaint', 'duplicate', 'outside-scope'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const REMEDY_KINDS = [
  'payment',
  're-examine-claim',
  'apology',
  'fee-refund',
  'explanation',
  'other',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export interface Remedy {
  readonly kind: RemedyKind;
  readonly description: string;
  /** Money remedies only (minor units); null otherwise. */
  readonly amount: Money | null;
}

export const COMPLAINT_OUTCOMES = ['upheld', 'partially-upheld', 'not-upheld'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export const CONTACT_PARTIES = ['complainant', 'agent', 'claims-staff', 'third-party'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const CONTACT_OUTCOMES = [
  'reached',
  'no-answer',
  'call-back-requested',
  'information-received',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const EVIDENCE_SOURCES = [
  'complainant',
  'claim-file',
  'recording',
  'staff-statement',
  'third-party',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
export const RESPONSIBLE_PARTIES = ['insurer', 'intermediary', 'complainant', 'third-party', 'none'] as const;
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

/** A document as intake handles them: content checked, sealed in the blob store, hashed. */
export interface Attachment {
  readonly documentId: string;
  readonly kind: string;
  readonly contentHash: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

/** An uploaded attachment: its sealed bytes are in the blob store under `blobReference`, never in an event. */
export interface StoredAttachment extends Attachment {
  readonly blobReference: string;
}

export interface CorrectiveAction {
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
}
