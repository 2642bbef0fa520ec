import { EventUnion, eventRecorder } from '@claims/event-sourcing';
import { PolicySnapshot } from '../policy/policy.events';
import { Channel, FeedbackChannel, LossKind, Money } from '../vocabulary';
import { DocumentFile } from '@claims/documents';

export interface ClaimReportedData {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly consultationId: string | null;
  readonly agentId: string | null;
  readonly policy: PolicySnapshot;
  readonly insuredPersonId: string;
  readonly accident: { readonly occurredAt: string; readonly cause: string; readonly lossKind: LossKind };
  readonly estimatedLoss: Money;
  readonly feedbackChannel: FeedbackChannel;
  readonly reportedAt: string;
}

/** The personal fields of a claim (sealed for the customer on ClaimReported and ClaimSubmitted). */
export interface ClaimantDetails {
  readonly claimantName: string;
  readonly claimantPhone: string;
  readonly insuredPersonName: string;
  readonly place: string;
  readonly description: string;
}

export interface SuppliedDocument extends DocumentFile {
  readonly documentId: string;
  readonly kind: string;
  readonly uploadedAt: string;
  /** The supplementary round it answers, or null when supplied with the application. */
  readonly round: number | null;
}

/** A document as the integration contract carries it. */
export interface PublicDocument {
  readonly documentId: string;
  readonly kind: string;
  readonly contentHash: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

export interface RequestedDocument {
  readonly documentKind: string;
  readonly reason: string;
}

/** ClaimSubmitted v1, published to claims review (docs/event-catalogue.md): its fields are a contract. */
export interface ClaimSubmittedData {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly feedbackChannel: FeedbackChannel;
  readonly policy: PolicySnapshot;
  readonly accident: ClaimReportedData['accident'];
  readonly estimatedLoss: Money;
  readonly documents: readonly PublicDocument[];
  readonly submittedAt: string;
}

/** SupplementaryDocumentsProvided v1, published to claims review: its fields are a contract. */
export interface SupplementaryDocumentsProvidedData {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly round: number;
  readonly documents: readonly PublicDocument[];
  readonly providedAt: string;
}

/** Claims review's decision as the customer is told it (its ClaimApproved or ClaimDenied). */
export interface ClaimDecisionReceivedData {
  readonly claimId: string;
  readonly outcome: 'approved' | 'denied';
  /** What the policy pays (approved), else null. */
  readonly payout: Money | null;
  /** The denial reasons' codes (denied), else empty. */
  readonly reasonCodes: readonly string[];
  /** The formal notice's words: the explanation and the policy basis. */
  readonly explanation: string;
  readonly policyBasis: string;
  readonly decidedAt: string;
  readonly receivedAt: string;
}

/**
 * Stream `claim-<claimId>`: a claim report and its application, from the report through claims
 * review's answers (acceptance, document requests, decision, payment, closure, reopening), as
 * far as the customer is concerned: never who reviewed it or how.
 */
export interface ClaimApplicationEvents {
  ClaimReported: ClaimReportedData;
  DocumentUploaded: SuppliedDocument & { readonly claimId: string };
  ClaimSubmitted: ClaimSubmittedData;
  SupplementaryDocumentsRequestReceived: {
    readonly claimId: string;
    readonly round: number;
    readonly items: readonly RequestedDocument[];
    readonly requestedAt: string;
    readonly receivedAt: string;
  };
  SupplementaryDocumentsProvided: SupplementaryDocumentsProvidedData;
  ClaimAcceptanceReceived: {
    readonly claimId: string;
    readonly acceptedAt: string;
    readonly receivedAt: string;
  };
  ClaimDecisionReceived: ClaimDecisionReceivedData;
  PaymentInstructionReceived: {
    readonly claimId: string;
    readonly amount: Money;
    /** Local date `YYYY-MM-DD` the customer may expect the money by. */
    readonly expectedArrivalDate: string;
    readonly instructedAt: string;
    readonly receivedAt: string;
  };
  PaymentConfirmationReceived: {
    readonly claimId: string;
    readonly amount: Money;
    readonly paidOn: string;
    readonly confirmedAt: string;
    readonly receivedAt: string;
  };
  ClaimClosureReceived: {
    readonly claimId: string;
    readonly outcome: 'paid' | 'denied';
    readonly closedAt: string;
    readonly receivedAt: string;
  };
  ClaimReopeningReceived: {
    readonly claimId: string;
    readonly reason: string;
    readonly reopenedAt: string;
    readonly receivedAt: string;
  };
}

export type ClaimApplicationEvent = EventUnion<ClaimApplicationEvents>;

export const recordClaimApplication = eventRecorder<ClaimApplicationEvents>({
  ClaimReported: 1,
  DocumentUploaded: 1,
  ClaimSubmitted: 1,
  SupplementaryDocumentsRequestReceived: 1,
  SupplementaryDocumentsProvided: 1,
  ClaimAcceptanceReceived: 1,
  ClaimDecisionReceived: 1,
  PaymentInstructionReceived: 1,
  PaymentConfirmationReceived: 1,
  ClaimClosureReceived: 1,
  ClaimReopeningReceived: 1,
});

export function publicDocument(document: SuppliedDocument): PublicDocument {
  const { documentId, kind, contentHash, mediaType, sizeBytes } = document;
  return { documentId, kind, contentHash, mediaType, sizeBytes };
}
