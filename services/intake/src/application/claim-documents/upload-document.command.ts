import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { DocumentChecklists } from '../../domain/claim-application/document-checklist';
import { refuseContentNotOfDeclaredType, refuseUnacceptableFile } from '@claims/documents';
import { uploadDocument } from '../../domain/claim-application/upload-document';
import { newCaseId, readClaimFor } from '../case-access';
import {
  CLAIM_APPLICATIONS,
  CLOCK,
  ClaimApplications,
  Clock,
  INTAKE_READ_MODELS,
  ReadModelProgress,
} from '../ports';
import { DocumentContents } from './document-contents';

export interface UploadDocumentInput {
  readonly claimId: string;
  readonly kind: string;
  readonly file: { readonly bytes: Buffer; readonly mediaType: string };
  /** If-Match: the revision of the claim the caller saw. */
  readonly expectedRevision?: number;
}

/** A supporting document for a claim application. */
export class UploadDocument extends Command<{ claimId: string; documentId: string }> {
  constructor(
    readonly input: UploadDocumentInput,
    readonly caller: Caller,
  ) {
    super();
  }
}

/**
 * The file is checked (type, size, and that its content is of the declared type), sealed for the
 * claim's customer and stored in the blob store; the event carries only its reference and the
 * hash of its plaintext (for duplicate detection). A refused file is neither stored nor recorded.
 */
@CommandHandler(UploadDocument)
export class UploadDocumentHandler implements ICommandHandler<UploadDocument> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_READ_MODELS) private readonly readModels: ReadModelProgress,
    private readonly checklists: DocumentChecklists,
    private readonly contents: DocumentContents,
  ) {}

  async execute({ input, caller }: UploadDocument): Promise<{ claimId: string; documentId: string }> {
    const { claimId, kind, file } = input;
    const { state, revision } = await readClaimFor(this.claims, input, caller.principal);
    refuseUnacceptableFile(file.mediaType, file.bytes.length);
    refuseContentNotOfDeclaredType(file.mediaType, file.bytes);
    const contentHash = createHash('sha256').update(file.bytes).digest('hex');
    const documentId = newCaseId(caller.context, `document-of-${claimId}`);
    const sealed = await this.contents.seal(state.facts.customerId, file.bytes);
    const stored = {
      contentHash,
      mediaType: file.mediaType,
      sizeBytes: file.bytes.length,
      blobReference: sealed.blobReference,
    };
    const events = uploadDocument(state, {
      documentId,
      kind,
      file: stored,
      checklists: this.checklists,
      now: this.clock.now(),
    });
    await this.contents.store(sealed);
    await this.readModels.showing(await this.claims.append(claimId, events, revision, caller.context));
    return { claimId, documentId };
  }
}
