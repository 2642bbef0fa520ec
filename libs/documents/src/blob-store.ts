/** Where uploaded files are kept, by content: the bytes a service's events refer to by reference. */
export interface BlobStore {
  /** The reference a file with this SHA-256 content hash is (or will be) stored under. */
  referenceFor(contentHash: string): string;
  /** Stores the bytes (content-addressed: storing the same bytes twice keeps one copy). */
  put(contentHash: string, bytes: Buffer): Promise<string>;
  read(reference: string): Promise<Buffer>;
}
