import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PersonalDataVault } from '@claims/event-sourcing';
import { CommandCaller, PERSONAL_DATA_VAULT } from '@claims/service-host';
import { refuseContentNotOfDeclaredType, refuseUnacceptableFile } from '@claims/documents';
import { addAttachment } from '../../domain/complaint/attachments';
import { idFromCommand } from '../command-ids';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';
import { ATTACHMENT_BLOB_STORE, AttachmentBlobStore } from '../ports';

export interface AddAttachmentInput {
  readonly complaintId: string;
  readonly kind: string;
  readonly file: { readonly bytes: Buffer; readonly mediaType: string };
}

/**
 * A document for a complaint, handled as intake handles claim documents: checked (type, size,
 * and that its content is of the declared type), sealed for the complainant (forgetting them
 * makes it unreadable), stored by the hash of the sealed bytes; the event carries the plaintext
 * hash and the reference, never the bytes. A refused file is neither stored nor recorded.
 */
export class AddAttachment extends Command<ComplaintChanged & { documentId: string }> {
  constructor(
    readonly input: AddAttachmentInput,
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(AddAttachment)
export class AddAttachmentHandler implements ICommandHandler<AddAttachment> {
  constructor(
    private readonly decisions: ComplaintDecisions,
    @Inject(ATTACHMENT_BLOB_STORE) private readonly blobs: AttachmentBlobStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ input, caller }: AddAttachment) {
    const { file, kind } = input;
    refuseUnacceptableFile(file.mediaType, file.bytes.length);
    refuseContentNotOfDeclaredType(file.mediaType, file.bytes);
    const contentHash = createHash('sha256').update(file.bytes).digest('hex');
    const documentId = idFromCommand(caller.context, `attachment-of-${input.complaintId}`);
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.complaintId, caller.context, async (state, now) => {
      const sealed = await this.vault.sealBytes(state.complainantId, file.bytes);
      const sealedHash = createHash('sha256').update(sealed).digest('hex');
      const stored = {
        contentHash,
        mediaType: file.mediaType,
        sizeBytes: file.bytes.length,
        blobReference: this.blobs.referenceFor(sealedHash),
      };
      const events = addAttachment(state, { actor, now, documentId, kind, file: stored });
      // stored before the event that refers to it is appended (an orphan blob is harmless; a dangling reference is not)
      if (events.length) await this.blobs.put(sealedHash, sealed);
      return events;
    });
    return { ...changed, documentId };
  }
}
