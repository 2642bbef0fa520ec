import { DomainRuleViolation } from '@claims/event-sourcing';
import { ClaimApplicationEvent, recordClaimApplication } from './claim-application.events';
import {
  ClaimApplication,
  ReportedClaimApplication,
  SupplementaryRound,
  openRound,
  refuseUnlessReported,
} from './claim-application.state';
import { DocumentChecklists } from './document-checklist';
import { DocumentFile, refuseUnacceptableFile } from '@claims/documents';

export interface UploadDocumentCommand {
  readonly documentId: string;
  readonly kind: string;
  /** The stored file (sealed for the customer): its plaintext hash, type, size and blob reference. */
  readonly file: DocumentFile;
  readonly checklists: DocumentChecklists;
  readonly now: Date;
}

/**
 * A supporting document for the application: while documents are being collected, a kind of the
 * product line's checklist; after submission only while claims review asks for more, a kind of
 * the checklist or one it asked for. An accepted file type and size; never the same file twice.
 */
export function uploadDocument(
  state: ClaimApplication,
  command: UploadDocumentCommand,
): ClaimApplicationEvent[] {
  const claim = refuseUnlessReported(state);
  const { documentId, kind, file, checklists, now } = command;
  const round = openRound(claim);
  if (claim.status !== 'collecting-documents' && !round) {
    throw new DomainRuleViolation(
      'claim-already-submitted',
      `Claim ${claim.facts.claimNumber} was submitted; ` +
        'documents are accepted again only when claims review asks for more',
    );
  }
  refuseUnknownKind(claim, kind, checklists, round);
  refuseUnacceptableFile(file.mediaType, file.sizeBytes);
  const duplicate = claim.documents.find((d) => d.contentHash === file.contentHash);
  if (duplicate) {
    throw new DomainRuleViolation(
      'duplicate-document',
      `This file was already uploaded as ${duplicate.kind}`,
      {
        existingDocumentId: duplicate.documentId,
        kind: duplicate.kind,
      },
    );
  }
  const { contentHash, mediaType, sizeBytes, blobReference } = file;
  const uploadedAt = now.toISOString();
  return [
    recordClaimApplication(
      'DocumentUploaded',
      {
        claimId: claim.facts.claimId,
        documentId,
        kind,
        contentHash,
        mediaType,
        sizeBytes,
        blobReference,
        uploadedAt,
        round: round?.round ?? null,
      },
      { occurredAt: uploadedAt },
    ),
  ];
}

function refuseUnknownKind(
  claim: ReportedClaimApplication,
  kind: string,
  checklists: DocumentChecklists,
  round: SupplementaryRound | undefined,
): void {
  const { productLine } = claim.facts.policy;
  const requested = round?.items.some((item) => item.documentKind === kind) ?? false;
  if (!requested && !checklists.item(productLine, kind)) {
    throw new DomainRuleViolation(
      'document-kind-unknown',
      `A ${productLine} claim does not take a document of kind ${kind}`,
      {
        acceptedKinds: checklists.for(productLine).map((item) => item.kind),
      },
    );
  }
}
