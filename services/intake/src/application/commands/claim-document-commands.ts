import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ClaimApplication } from '../../domain/claim/claim-application';
import { DocumentChecklists } from '../../domain/claim/document-checklist';
import { refuseUnacceptableFile } from '../../domain/claim/document-rules';
import { CLAIMS } from '../../infrastructure/repositories/intake-repositories';
import { loadCaseFor, newCaseId, refuseIfChangedSince } from '../case-access';
import { DOCUMENT_BLOB_STORE, DocumentBlobStore } from '../document-blob-store';

export interface UploadedFile {
  readonly bytes: Buffer;
  readonly mediaType: string;
}

export class UploadDocument {
  constructor(
    readonly claimId: string,
    readonly kind: string,
    readonly file: UploadedFile,
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {}
}

export class SubmitClaim {
  constructor(readonly claimId: string, readonly principal: Principal, readonly context: CommandContext, readonly expectedRevision?: number) {}
}

export class ProvideSupplementaryDocuments {
  constructor(readonly claimId: string, readonly principal: Principal, readonly context: CommandContext, readonly expectedRevision?: number) {}
}

export interface DocumentAccepted {
  readonly claimId: string;
  readonly documentId: string;
  readonly kind: string;
  readonly contentHash: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly revision: number | null;
}

export interface ClaimStatusChanged {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly status: string;
  readonly revision: number | null;
}

/** The file is checked, then stored in the blob store; the event carries only its reference and hash. */
@CommandHandler(UploadDocument)
export class UploadDocumentHandler implements ICommandHandler<UploadDocument, DocumentAccepted> {
  constructor(
    @Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>,
    @Inject(DOCUMENT_BLOB_STORE) private readonly blobs: DocumentBlobStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({ claimId, kind, file, principal, context, expectedRevision }: UploadDocument): Promise<DocumentAccepted> {
    const claim = await loadCaseFor(this.claims, claimId, principal);
    refuseIfChangedSince(this.claims, claim, expectedRevision);
    refuseUnacceptableFile(file.mediaType, file.bytes.length);
    const contentHash = createHash('sha256').update(file.bytes).digest('hex');
    const documentId = newCaseId(context, `document-of-${claimId}`);
    const stored = { contentHash, mediaType: file.mediaType, sizeBytes: file.bytes.length, blobReference: this.blobs.referenceFor(contentHash) };
    claim.uploadDocument(documentId, kind, stored, this.checklists, this.clock.now());
    await this.blobs.put(contentHash, file.bytes);
    await this.claims.save(claim, context);
    return { claimId, documentId, kind, contentHash, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, revision: claim.revision };
  }
}

@CommandHandler(SubmitClaim)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaim, ClaimStatusChanged> {
  constructor(
    @Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({ claimId, principal, context, expectedRevision }: SubmitClaim): Promise<ClaimStatusChanged> {
    const claim = await loadCaseFor(this.claims, claimId, principal);
    refuseIfChangedSince(this.claims, claim, expectedRevision);
    claim.submit(this.checklists, this.clock.now());
    await this.claims.save(claim, context);
    return { claimId, claimNumber: claim.facts.claimNumber, status: claim.status, revision: claim.revision };
  }
}

@CommandHandler(ProvideSupplementaryDocuments)
export class ProvideSupplementaryDocumentsHandler implements ICommandHandler<ProvideSupplementaryDocuments, ClaimStatusChanged> {
  constructor(@Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ claimId, principal, context, expectedRevision }: ProvideSupplementaryDocuments): Promise<ClaimStatusChanged> {
    const claim = await loadCaseFor(this.claims, claimId, principal);
    refuseIfChangedSince(this.claims, claim, expectedRevision);
    claim.provideSupplementaryDocuments(this.clock.now());
    await this.claims.save(claim, context);
    return { claimId, claimNumber: claim.facts.claimNumber, status: claim.status, revision: claim.revision };
  }
}

export const claimDocumentCommandHandlers = [UploadDocumentHandler, SubmitClaimHandler, ProvideSupplementaryDocumentsHandler];
