import { ClockName, ComplaintChannel, ComplaintTimeLimit, Priority } from '../complaint-rules';
import { Money } from '../money';
import {
  AgentRelationship,
  Attachment,
  Authorisation,
  ComplaintOutcome,
  ContactOutcome,
  ContactParty,
  CorrectiveAction,
  DeclineReason,
  EvidenceSource,
  Remedy,
  RemedyKind,
  ResponsibleParty,
} from './complaint.events';

/**
 * One complaint, as its history folds: a union by status, each status with the fields that mean
 * something in it. `none` is the state before it was received.
 */
export type Complaint =
  | { readonly status: 'none' }
  | Received
  | Declined
  | AwaitingAssignment
  | Investigating
  | AwaitingApproval
  | PlanAdopted
  | AwaitingCustomer
  | Resolved
  | Withdrawn
  | Closed
  | Archived;

export type OpenedComplaint = Exclude<Complaint, { status: 'none' }>;
export type ComplaintStatus = OpenedComplaint['status'];
export type ComplaintIn<S extends ComplaintStatus> = Extract<Complaint, { status: S }>;

/** Every status, in the order of the process. */
export const COMPLAINT_STATUSES = [
  'received',
  'declined',
  'awaiting-assignment',
  'investigating',
  'awaiting-approval',
  'plan-adopted',
  'awaiting-customer',
  'resolved',
  'withdrawn',
  'closed',
  'archived',
] as const satisfies readonly ComplaintStatus[];
type UnlistedStatus = Exclude<ComplaintStatus, (typeof COMPLAINT_STATUSES)[number]>;
export const _everyStatusListed: [UnlistedStatus] extends [never] ? true : never = true;

/** Statuses in which handling is over: nothing but archiving (and clocks' records) may follow. */
export const ENDED_STATUSES = [
  'declined',
  'withdrawn',
  'closed',
  'archived',
] as const satisfies readonly ComplaintStatus[];

export function hasStatus<S extends ComplaintStatus>(
  state: Complaint,
  ...statuses: S[]
): state is ComplaintIn<S> {
  return statuses.some((s) => s === state.status);
}

/** The complainant's identity and words, revealed from the sealed personal data (`[erased]` once forgotten). */
export interface ComplainantDetails {
  readonly name: string;
  readonly phone: string;
  readonly email?: string;
  readonly idNumber?: string;
  /** The agent's (or heir's) name, when one acts for the complainant. */
  readonly agentName?: string;
  /** What happened, in the complainant's words. */
  readonly description: string;
  /** What the complainant asks for, in their words. */
  readonly request: string;
}

/** What every received complaint knows. */
export interface ComplaintFile {
  readonly complaintId: string;
  readonly complaintNumber: string;
  readonly channel: ComplaintChannel;
  readonly regulatorReference: string | null;
  readonly complainantId: string;
  readonly customerId: string | null;
  readonly complainant?: ComplainantDetails;
  readonly agent: { readonly relationship: AgentRelationship; readonly authorisation: Authorisation } | null;
  readonly relatedClaimNumbers: readonly string[];
  readonly policyNumber: string | null;
  readonly category: string;
  readonly requestedRemedies: readonly RemedyKind[];
  readonly amountClaimed: Money | null;
  /** Named at receipt, or uploaded (then with the blob reference of their sealed bytes). */
  readonly attachments: readonly (Attachment & { readonly blobReference?: string })[];
  readonly receivedAt: string;
  readonly clocks: Readonly<Partial<Record<ClockName, Clock>>>;
  /** Extensions of the regulatory limit granted so far (0, 1, 2). */
  readonly regulatoryExtensions: number;
  readonly malicious?: MaliciousFlag;
}

/** A complaint accepted at its initial review. */
export interface Reviewed extends ComplaintFile {
  readonly risk: RiskAssessment;
  /** 1 for the first handling, 2 for the re-evaluation after a dissatisfaction, 3 once escalated to a manager. */
  readonly round: number;
  /** Everyone who handled it in an earlier round: none of them may re-evaluate it. */
  readonly previousHandlers: readonly string[];
  readonly contacts: readonly ContactRecord[];
  readonly evidence: readonly Evidence[];
  readonly investigation?: InvestigationResult;
  /** The last plan told to the customer (kept through a re-evaluation). */
  readonly communicated?: Plan;
  readonly dissatisfactions: readonly { readonly round: number; readonly reason: string }[];
}

export interface Assigned extends Reviewed {
  readonly handlerId: string;
}

export interface RiskAssessment {
  readonly factors: readonly string[];
  readonly score: number;
  readonly priority: Priority;
  readonly major: boolean;
  readonly note: string;
}

export interface ContactRecord {
  readonly contactId: string;
  readonly party: ContactParty;
  readonly channel: string;
  readonly contactedAt: string;
  readonly outcome: ContactOutcome;
  readonly note: string;
  readonly recordedBy: string;
}

export interface Evidence {
  readonly evidenceId: string;
  readonly source: EvidenceSource;
  readonly description: string;
  readonly attachment: Attachment | null;
  readonly addedBy: string;
}

export interface InvestigationResult {
  readonly round: number;
  readonly causeAnalysis: string;
  readonly responsibleParty: ResponsibleParty;
  readonly policyClause: string | null;
  readonly findings: string;
  readonly completedBy: string;
}

export interface Plan {
  readonly round: number;
  readonly outcome: ComplaintOutcome;
  readonly summary: string;
  readonly nextSteps: string;
  readonly remedies: readonly Remedy[];
  readonly remedyTotal: Money;
  readonly requiredLevel: number;
  readonly proposedBy: string;
}

export interface MaliciousFlag {
  readonly state: 'proposed' | 'approved' | 'rejected';
  readonly reason: string;
  readonly evidence: readonly string[];
  readonly proposedBy: string;
  readonly decidedBy?: string;
}

/** A time limit as its events fold: running, paused (waiting on the customer), fulfilled or stopped. */
export interface Clock {
  readonly clock: ClockName;
  readonly limit: ComplaintTimeLimit;
  readonly startedAt: string;
  /** When it falls due (while paused: as it stood when the pause began). */
  readonly dueAt: string;
  readonly pauses: readonly { readonly from: string; readonly to: string }[];
  readonly state: 'running' | 'paused' | 'fulfilled' | 'stopped';
  readonly pausedSince?: string;
  /** Alerts recorded for this run of the clock (each at most once). */
  readonly alerts: readonly ('at-risk' | 'breached')[];
  readonly endedAt?: string;
  readonly withinLimit?: boolean;
}

export interface Received extends ComplaintFile {
  readonly status: 'received';
}

export interface Declined extends ComplaintFile {
  readonly status: 'declined';
  readonly decline: {
    readonly reason: DeclineReason;
    readonly duplicateOf: string | null;
    readonly explanation: string;
    readonly declinedBy: string;
  };
}

export interface AwaitingAssignment extends Reviewed {
  readonly status: 'awaiting-assignment';
}

export interface Investigating extends Assigned {
  readonly status: 'investigating';
  /** A plan a manager sent back (kept for the handler's next proposal). */
  readonly sentBack?: { readonly comment: string; readonly sentBackBy: string };
}

export interface AwaitingApproval extends Assigned {
  readonly status: 'awaiting-approval';
  readonly plan: Plan;
}

export interface PlanAdopted extends Assigned {
  readonly status: 'plan-adopted';
  readonly plan: Plan;
  readonly decidedBy: string;
}

export interface AwaitingCustomer extends Assigned {
  readonly status: 'awaiting-customer';
  readonly communicated: Plan;
}

export interface Resolved extends Assigned {
  readonly status: 'resolved';
  readonly communicated: Plan;
  /** False when internal handling was exhausted without the customer being satisfied. */
  readonly customerSatisfied: boolean;
}

/** What handling recorded before it ended (none for a complaint never accepted): kept with the record. */
export type HandlingRecord = Partial<Omit<Assigned, keyof ComplaintFile>>;

/** Withdrawn by the complainant: handling ends wherever it stood. */
export interface Withdrawn extends ComplaintFile, HandlingRecord {
  readonly status: 'withdrawn';
  readonly withdrawnFrom: Exclude<ComplaintStatus, (typeof ENDED_STATUSES)[number]>;
  readonly reason: string;
  readonly withdrawnAt: string;
}

export interface Closed extends ComplaintFile, HandlingRecord {
  readonly status: 'closed';
  readonly closure: ClosureRecord;
}

export interface ClosureRecord {
  readonly outcome: ComplaintOutcome | 'flagged-malicious';
  readonly customerSatisfied: boolean | null;
  readonly rootCause: string;
  readonly rootCauseDetail: string;
  readonly correctiveAction: CorrectiveAction;
  readonly closedBy: string;
  readonly closedAt: string;
}

export interface Archived extends ComplaintFile, HandlingRecord {
  readonly status: 'archived';
  readonly archivedFrom: 'declined' | 'withdrawn' | 'closed';
  readonly closure?: ClosureRecord;
  readonly archivedAt: string;
}
