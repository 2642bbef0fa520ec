import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PersonalDataVault } from '@claims/event-sourcing';
import { DocumentFile } from '@claims/documents';
import { DOCUMENT_BLOB_STORE, DocumentBlobStore, PERSONAL_DATA_VAULT } from '../ports';

export type DocumentContent = { readonly erased: false; readonly bytes: Buffer } | { readonly erased: true };

/**
 * Uploaded files are personal data (medical reports, ID cards): their bytes go to the blob
 * store sealed for the claim's customer (PersonalDataVault.sealBytes, the key their personal
 * fields are sealed with), so forgetting the customer makes their documents unreadable too.
 * The blob store only ever sees ciphertext, addressed by the ciphertext's hash; the plaintext
 * hash (duplicate detection) stays in the events.
 */
@Injectable()
export class DocumentContents {
  constructor(
    @Inject(DOCUMENT_BLOB_STORE) private readonly blobs: DocumentBlobStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  /** Seals the bytes for the customer; `store` the result once the upload is accepted. */
  async seal(customerId: string, bytes: Buffer): Promise<SealedDocument> {
    const sealed = await this.vault.sealBytes(customerId, bytes);
    const sealedHash = createHash('sha256').update(sealed).digest('hex');
    return { sealed, sealedHash, blobReference: this.blobs.referenceFor(sealedHash) };
  }

  async store(document: SealedDocument): Promise<void> {
    await this.blobs.put(document.sealedHash, document.sealed);
  }

  /** The original bytes, or erased once the customer was forgotten. */
  async read(customerId: string, file: DocumentFile): Promise<DocumentContent> {
    return this.vault.openBytes(customerId, await this.blobs.read(file.blobReference));
  }
}

export interface SealedDocument {
  readonly sealed: Buffer;
  readonly sealedHash: string;
  readonly blobReference: string;
}
