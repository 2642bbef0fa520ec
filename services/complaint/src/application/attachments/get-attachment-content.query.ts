import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { GoneRefusal, NotFoundRefusal, PersonalDataVault } from '@claims/event-sourcing';
import { PERSONAL_DATA_VAULT, Principal } from '@claims/service-host';
import { ATTACHMENT_BLOB_STORE, AttachmentBlobStore, COMPLAINTS, ComplaintHistories } from '../ports';

export interface AttachmentDownload {
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly fileName: string;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/webp': 'webp',
};

/**
 * An uploaded attachment's bytes, opened with the complainant's key: for staff, and for the
 * complaint's own customer (another's is a 404). 410 once the complainant was forgotten.
 */
export class GetAttachmentContent extends Query<AttachmentDownload> {
  constructor(
    readonly complaintId: string,
    readonly documentId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetAttachmentContent)
export class GetAttachmentContentHandler implements IQueryHandler<GetAttachmentContent> {
  constructor(
    @Inject(COMPLAINTS) private readonly complaints: ComplaintHistories,
    @Inject(ATTACHMENT_BLOB_STORE) private readonly blobs: AttachmentBlobStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ complaintId, documentId, principal }: GetAttachmentContent): Promise<AttachmentDownload> {
    const { state } = await this.complaints.read(complaintId);
    const notFound = new NotFoundRefusal(`There is no attachment ${documentId} on complaint ${complaintId}`);
    if (state.status === 'none') throw notFound;
    if (
      principal.role === 'customer' &&
      (!principal.customerId || state.customerId !== principal.customerId)
    ) {
      throw notFound;
    }
    const attachment = state.attachments.find((a) => a.documentId === documentId);
    if (!attachment?.blobReference) throw notFound;
    const opened = await this.vault.openBytes(
      state.complainantId,
      await this.blobs.read(attachment.blobReference),
    );
    if (opened.erased)
      throw new GoneRefusal('The complainant’s personal data was erased on request', 'Document erased');
    const extension = EXTENSIONS[attachment.mediaType] ?? 'bin';
    return {
      bytes: opened.bytes,
      mediaType: attachment.mediaType,
      fileName: `${attachment.kind}-${documentId}.${extension}`,
    };
  }
}
