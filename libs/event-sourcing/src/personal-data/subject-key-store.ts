/**
 * Where the per-subject data keys live, apart from the event history. Subjects are named by
 * a hash (see PersonalDataVault), so a key store holds no subject ids and nothing personal.
 * Adapters: FileSubjectKeyStore, PostgresSubjectKeyStore, InMemorySubjectKeyStore (tests).
 * All of them pass test/personal-data-vault.contract.ts.
 */
export interface SubjectKeyStore {
  /** The subject's key, or null when it has none (never had one, or it was forgotten). */
  find(subjectHash: string): Promise<Buffer | null>;
  /**
   * Stores `key` unless the subject already has one, and returns the key the subject has
   * afterwards: of two concurrent calls for a new subject, both get the same key.
   */
  findOrAdd(subjectHash: string, key: Buffer): Promise<Buffer>;
  /** Destroys the subject's key for good; nothing happens when it has none. */
  destroy(subjectHash: string): Promise<void>;
  close(): Promise<void>;
}

export const KEY_BYTES = 32;

/** For unit tests only: keys are lost when the process ends. */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, Buffer>();

  async find(subjectHash: string): Promise<Buffer | null> {
    return this.keys.get(subjectHash) ?? null;
  }

  async findOrAdd(subjectHash: string, key: Buffer): Promise<Buffer> {
    if (!this.keys.has(subjectHash)) this.keys.set(subjectHash, Buffer.from(key));
    return this.keys.get(subjectHash) as Buffer;
  }

  async destroy(subjectHash: string): Promise<void> {
    this.keys.delete(subjectHash);
  }

  async close(): Promise<void> {
    this.keys.clear();
  }
}
