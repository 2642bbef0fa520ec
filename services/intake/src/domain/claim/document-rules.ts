import { DomainRuleViolation } from '@claims/event-sourcing';

/** Files the front desk accepts: scans, photos and PDFs. */
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/webp'] as const;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** A stored file, as events refer to it: never the bytes. */
export interface DocumentFile {
  readonly contentHash: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** Where the blob store keeps it. */
  /** Where the blob store keeps it: always sealed for the claim's customer. */
  readonly blobReference: string;
}

export function refuseUnacceptableFile(mediaType: string, sizeBytes: number): void {
  if (!(ACCEPTED_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw new DomainRuleViolation('document-type-not-accepted', `Files of type ${mediaType} are not accepted; send a PDF or a photo`, {
      acceptedMediaTypes: ACCEPTED_MEDIA_TYPES,
    });
  }
  if (sizeBytes === 0) throw new DomainRuleViolation('document-empty', 'The file is empty');
  if (sizeBytes > MAX_DOCUMENT_BYTES) {
    throw new DomainRuleViolation('document-too-large', `The file has ${sizeBytes} bytes; at most ${MAX_DOCUMENT_BYTES} are accepted`, {
      maxBytes: MAX_DOCUMENT_BYTES,
    });
  }
}
