/**
 * Where uploaded files live; events carry only the reference, never the bytes. Intake hands it
 * only bytes sealed for the claim's customer (DocumentContents), so a store never holds a
 * document in clear.
 */
export interface DocumentBlobStore {
  /** The reference a file with this SHA-256 content hash is (or will be) stored under. */
  referenceFor(contentHash: string): string;
  /** Stores the bytes (content-addressed: storing the same bytes twice keeps one copy). */
  put(contentHash: string, bytes: Buffer): Promise<string>;
  read(reference: string): Promise<Buffer>;
}

export const DOCUMENT_BLOB_STORE = Symbol('DOCUMENT_BLOB_STORE');
