import { BlobStore } from '@claims/documents';
import { DeciderRepository } from '@claims/event-sourcing';
import {
  PAGE_SIZE,
  PERSONAL_DATA_VAULT,
  ReadModelProgress,
  type Page,
  type PageRequest,
} from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import {
  ClaimApplicationEvent,
  RequestedDocument,
} from '../domain/claim-application/claim-application.events';
import {
  ClaimApplication,
  ClaimStatus,
  ReviewDecision,
  ReviewPayment,
  ReviewProgress,
  ReviewStage,
} from '../domain/claim-application/claim-application.state';
import { CustomerStage } from '../domain/claim-application/customer-stage';
import { ClaimNumberEvent } from '../domain/claim-numbers/claim-numbers.events';
import { ClaimNumbers } from '../domain/claim-numbers/claim-numbers.state';
import { ConsultationEvent } from '../domain/consultation/consultation.events';
import { Consultation } from '../domain/consultation/consultation.state';
import { PolicyEvent } from '../domain/policy/policy.events';
import { Policy } from '../domain/policy/policy.state';

// Histories: read a stream's state, append a decision at the revision read, audit it.

/** Streams `policy-<policyNumber>`. */
export const POLICIES = Symbol('POLICIES');
export type Policies = DeciderRepository<Policy, PolicyEvent>;

/** Streams `consultation-<id>`. */
export const CONSULTATIONS = Symbol('CONSULTATIONS');
export type Consultations = DeciderRepository<Consultation, ConsultationEvent>;

/** Streams `claim-<claimId>`. */
export const CLAIM_APPLICATIONS = Symbol('CLAIM_APPLICATIONS');
export type ClaimApplications = DeciderRepository<ClaimApplication, ClaimApplicationEvent>;

/** Streams `claim-numbers-<year>`. */
export const CLAIM_NUMBERS = Symbol('CLAIM_NUMBERS');
export type ClaimNumberSequences = DeciderRepository<ClaimNumbers, ClaimNumberEvent>;

// Read models.

/**
 * Read your writes: resolves once the work queue and the claim status view show an append of a
 * consultation or a claim application (every event of theirs is projected; a policy's or a claim
 * number's is not, so never pass those). Not from inside a consumed message's transaction: the
 * projection would queue behind it.
 */
export const INTAKE_READ_MODELS = Symbol('INTAKE_READ_MODELS');
export type { ReadModelProgress };

/** One page of a list: at most `limit` items after `cursor` (opaque: the previous page's `nextCursor`). */
/** Lists page the platform's one way. */
export type { Page, PageRequest };
export { PAGE_SIZE };

/** An open consultation or an incomplete application waiting for the front desk (ids and non-personal facts). */
export interface WorkQueueEntry {
  readonly caseId: string;
  readonly kind: 'consultation' | 'claim-application';
  /** The claim number, for applications. */
  readonly reference: string | null;
  readonly ownerId: string | null;
  readonly team: string | null;
  readonly channel: string;
  readonly customerId: string | null;
  readonly status: string;
  /** When the case entered the queue (ISO instant). */
  readonly openedAt: string;
  readonly responseDueAt: string | null;
}

export interface WorkQueueFilter {
  readonly ownerId?: string;
  readonly channel?: string;
  readonly kind?: WorkQueueEntry['kind'];
}

/** The documents claims review asks the customer for, while a round is open. */
export interface RequestedDocuments {
  readonly round: number;
  readonly items: readonly RequestedDocument[];
  readonly requestedAt: string;
}

/** Where each claim stands, from the report to closure: for the customer's tracking and the front desk. */
export interface ClaimStatusEntry {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly policyNumber: string;
  readonly productLine: string;
  readonly channel: string;
  readonly agentId: string | null;
  /** The application's own status (intake's part: documents, submission, supplementary rounds). */
  readonly status: ClaimStatus;
  /** Where the claim stands as the customer is told it. */
  readonly stage: CustomerStage;
  /** Where claims review has it (null before submission). */
  readonly reviewStage: ReviewStage | null;
  readonly documentsSupplied: number;
  readonly openSupplementaryRound: number | null;
  readonly requestedDocuments: RequestedDocuments | null;
  readonly decision: ReviewDecision | null;
  readonly payment: ReviewPayment | null;
  readonly reopened: ReviewProgress['reopened'];
  readonly reportedAt: string;
  readonly submittedAt: string | null;
  readonly acceptedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}

export interface ClaimStatusFilter {
  readonly customerId?: string;
  readonly status?: ClaimStatus;
  readonly stage?: CustomerStage;
}

/**
 * Read-model queries, a page at a time: the work queue (oldest first) and the claim status view
 * (newest report first). A cursor a list did not give is refused (InvalidInputRefusal, 400).
 */
export const INTAKE_VIEWS = Symbol('INTAKE_VIEWS');
export interface IntakeViews {
  workQueue(filter: WorkQueueFilter, page: PageRequest): Promise<Page<WorkQueueEntry>>;
  claimStatuses(filter: ClaimStatusFilter, page: PageRequest): Promise<Page<ClaimStatusEntry>>;
  claimStatus(claimId: string): Promise<ClaimStatusEntry | null>;
}

// Documents.

/**
 * Where uploaded files live; events carry only the reference, never the bytes. Intake hands it
 * only bytes sealed for the claim's customer (DocumentContents), so a store never holds a
 * document in clear.
 */
export const DOCUMENT_BLOB_STORE = Symbol('DOCUMENT_BLOB_STORE');
/** Where uploaded claim documents are kept (filesystem or PostgreSQL, from @claims/documents). */
export type DocumentBlobStore = BlobStore;

/** The platform's personal-data vault: seals a document's bytes for its customer (crypto-shredding). */
export { PERSONAL_DATA_VAULT };

// Time.

/** Every "now" of the domain. */
export { CLOCK };
export type { Clock };
