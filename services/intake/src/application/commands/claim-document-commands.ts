import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ClaimApplication } from '../../domain/claim/claim-application';
import { DocumentChecklists } from '../../domain/claim/document-checklist';
import { refuseUnacceptableFile } from '../../domain/claim/document-rules';
import { IntakeReadModels } from '../../infrastructure/projections/intake-read-models';
import { CLAIMS } from '../../infrastructure/repositories/intake-repositories';
import { loadCaseFor, newCaseId, refuseIfChangedSince } from '../case-access';
import { DocumentContents } from '../document-contents';

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

/** What every command on a claim application needs: the caller's claim at the revision they saw, read your writes. */
abstract class ClaimCommandHandler {
  constructor(
    @Inject(CLAIMS) protected readonly claims: AggregateRepository<ClaimApplication>,
    @Inject(CLOCK) protected readonly clock: Clock,
    protected readonly checklists: DocumentChecklists,
    private readonly readModels: IntakeReadModels,
  ) {}

  /** The caller's claim (404 for another customer's), refused (409) when it changed since `expectedRevision`. */
  protected async load({ claimId, principal, expectedRevision }: { claimId: string; principal: Principal; expectedRevision?: number }): Promise<ClaimApplication> {
    const claim = await loadCaseFor(this.claims, claimId, principal);
    refuseIfChangedSince(this.claims, claim, expectedRevision);
    return claim;
  }

  /** Saves and waits until the claim status view and the work queue show it. */
  protected async save(claim: ClaimApplication, context: CommandContext): Promise<void> {
    await this.readModels.showing(await this.claims.save(claim, context));
  }

  protected async saveStatus(claim: ClaimApplication, context: CommandContext): Promise<ClaimStatusChanged> {
    await this.save(claim, context);
    return { claimId: claim.id, claimNumber: claim.facts.claimNumber, status: claim.status, revision: claim.revision };
  }
}

/**
 * The file is checked, sealed for the claim's customer and stored in the blob store; the event
 * carries only its reference and the hash of its plaintext (for duplicate detection).
 */
@CommandHandler(UploadDocument)
export class UploadDocumentHandler extends ClaimCommandHandler implements ICommandHandler<UploadDocument, DocumentAccepted> {
  @Inject(DocumentContents) private readonly contents!: DocumentContents;

  async execute(command: UploadDocument): Promise<DocumentAccepted> {
    const { claimId, kind, file, context } = command;
    const claim = await this.load(command);
    refuseUnacceptableFile(file.mediaType, file.bytes.length);
    const contentHash = createHash('sha256').update(file.bytes).digest('hex');
    const documentId = newCaseId(context, `document-of-${claimId}`);
    const sealed = await this.contents.seal(claim.customerId, file.bytes);
    const stored = { contentHash, mediaType: file.mediaType, sizeBytes: file.bytes.length, blobReference: sealed.blobReference };
    claim.uploadDocument(documentId, kind, stored, this.checklists, this.clock.now());
    await this.contents.store(sealed);
    await this.save(claim, context);
    return { claimId, documentId, kind, contentHash, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, revision: claim.revision };
  }
}

@CommandHandler(SubmitClaim)
export class SubmitClaimHandler extends ClaimCommandHandler implements ICommandHandler<SubmitClaim, ClaimStatusChanged> {
  async execute(command: SubmitClaim): Promise<ClaimStatusChanged> {
    const claim = await this.load(command);
    claim.submit(this.checklists, this.clock.now());
    return this.saveStatus(claim, command.context);
  }
}

@CommandHandler(ProvideSupplementaryDocuments)
export class ProvideSupplementaryDocumentsHandler extends ClaimCommandHandler implements ICommandHandler<ProvideSupplementaryDocuments, ClaimStatusChanged> {
  async execute(command: ProvideSupplementaryDocuments): Promise<ClaimStatusChanged> {
    const claim = await this.load(command);
    claim.provideSupplementaryDocuments(this.clock.now());
    return this.saveStatus(claim, command.context);
  }
}

export const claimDocumentCommandHandlers = [UploadDocumentHandler, SubmitClaimHandler, ProvideSupplementaryDocumentsHandler];
