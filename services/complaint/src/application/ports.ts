import { BlobStore } from '@claims/documents';
import { DeciderRepository } from '@claims/event-sourcing';
import { PAGE_SIZE, type Page, type PageRequest } from '@claims/service-host';
import { ClaimInvolvement } from '../domain/complaint/assignment';
import { ComplaintEvent } from '../domain/complaint/complaint.events';
import { Complaint, ComplaintStatus } from '../domain/complaint/complaint.state';
import { ComplaintNumberEvent, ComplaintNumbers } from '../domain/complaint-numbers/complaint-numbers.events';

/**
 * What the application needs from the outside, by DI token. The clock is CLOCK of
 * @claims/working-calendar; read-your-writes is ReadModelProgress of @claims/service-host.
 */

/** The complaints' histories (streams `complaint-<complaintId>`), read and appended through the decider. */
export const COMPLAINTS = Symbol('COMPLAINTS');
export type ComplaintHistories = DeciderRepository<Complaint, ComplaintEvent>;

/** The complaint numbers handed out per year (streams `complaint-numbers-<year>`). */
export const COMPLAINT_NUMBERS = Symbol('COMPLAINT_NUMBERS');
export type ComplaintNumberHistories = DeciderRepository<ComplaintNumbers, ComplaintNumberEvent>;

/** Read your writes: resolves once the complaint read models show an append. */
export const COMPLAINT_READ_MODELS = Symbol('COMPLAINT_READ_MODELS');

/** The `ComplaintRules` in force (taxonomies, risk, authority, time limits: configuration data). */
export const COMPLAINT_RULES = Symbol('COMPLAINT_RULES');

/** The rules and their working-calendar timetable, as the domain's `ComplaintTerms`. */
export const COMPLAINT_TERMS = Symbol('COMPLAINT_TERMS');

/** One complaint as the work queue lists it. */
export interface ComplaintSummary {
  readonly complaintId: string;
  readonly complaintNumber: string;
  readonly customerId: string | null;
  readonly channel: string;
  readonly category: string;
  readonly status: string;
  readonly priority: string | null;
  readonly major: boolean;
  readonly handlerId: string | null;
  readonly round: number;
  /** The approval level a referred plan waits for. */
  readonly approvalLevel: number | null;
  /** The nearest deadline of the clocks still running, and which clock it is (null when none runs). */
  readonly nextDueAt: string | null;
  readonly nextClock: string | null;
  readonly regulatoryDueAt: string | null;
  /** The last clock alert recorded (`<clock>:at-risk` / `<clock>:breached`). */
  readonly lastAlert: string | null;
  readonly relatedClaimNumbers: readonly string[];
  readonly receivedAt: string;
  readonly closedAt: string | null;
}

export type { Page, PageRequest };
export { PAGE_SIZE };

export interface ComplaintListFilter {
  readonly status?: ComplaintStatus;
  readonly handlerId?: string;
  readonly priority?: string;
  /** Only this customer's complaints (a customer sees no one else's). */
  readonly customerId?: string;
  /** Only complaints with a running clock due at or before this instant (ISO 8601 UTC). */
  readonly dueBefore?: string;
  /** Only open complaints (not declined, withdrawn, closed or archived). */
  readonly openOnly?: boolean;
}

/** The work queue: soonest deadline first (no running clock last), then by receipt and id. */
export const COMPLAINT_QUEUE = Symbol('COMPLAINT_QUEUE');
export interface ComplaintQueue {
  list(filter: ComplaintListFilter, page: PageRequest): Promise<Page<ComplaintSummary>>;
  /** The status of the complaint with this number, or null when there is none. */
  statusOfNumber(complaintNumber: string): Promise<string | null>;
  /** The complaint's customer id (null for an anonymous one), or undefined while it is not shown yet. */
  customerOf(complaintId: string): Promise<string | null | undefined>;
}

/** What this service knows of a claim from claims review's public events. */
export interface RelatedClaim {
  readonly claimNumber: string;
  readonly claimId: string | null;
  /** Everyone who handled, investigated or approved it (the recusal facts). */
  readonly involvements: readonly ClaimInvolvement[];
  /** Its public events, oldest first: staff do not ask the customer for what the insurer holds. */
  readonly timeline: readonly { readonly type: string; readonly occurredAt: string }[];
}

/** The claims read model fed by claims review's integration events. */
export const RELATED_CLAIMS = Symbol('RELATED_CLAIMS');
export interface RelatedClaims {
  ofClaimNumbers(claimNumbers: readonly string[]): Promise<RelatedClaim[]>;
}

/** Where attachments' sealed bytes are kept, content-addressed by the hash of the sealed bytes. */
export const ATTACHMENT_BLOB_STORE = Symbol('ATTACHMENT_BLOB_STORE');
/** Where complaint attachments are kept (filesystem or PostgreSQL, from @claims/documents). */
export type AttachmentBlobStore = BlobStore;
