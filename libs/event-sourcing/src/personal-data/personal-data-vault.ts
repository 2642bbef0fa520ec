import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { KEY_BYTES, SubjectKeyStore } from './subject-key-store';

/** A JSON value encrypted for one data subject; every part is base64 (kid: base64url). */
export interface SealedValue {
  /** Pseudonymous id (e.g. a customer id), kept in clear to find the key; not personal data. */
  readonly subjectId: string;
  readonly alg: 'A256GCM';
  /** Which of the subject's keys sealed it, so a value under a destroyed key reads as erased. */
  readonly kid: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export type Decrypted<T> = { readonly erased: false; readonly value: T } | { readonly erased: true };

export type OpenedBytes = { readonly erased: false; readonly bytes: Buffer } | { readonly erased: true };

export interface PersonalDataVaultOptions {
  /**
   * How long a key stays cached. forget() clears this vault's cache at once, but another
   * process sharing the key store may still use a forgotten key for up to this long.
   * 0 disables the cache. Default 30 s.
   */
  readonly cacheTtlMs?: number;
  /** Most keys cached at once. Default 10,000. */
  readonly cacheSize?: number;
}

export class PersonalDataIntegrityError extends Error {
  override readonly name = 'PersonalDataIntegrityError';
}

const ALG = 'A256GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID_BYTES = 12;
/**
 * Sealed bytes (sealBytes): `0x01 | kid (12) | iv (12) | tag (16) | ciphertext`, AES-256-GCM
 * with the subject id as AAD. The subject id is not in the envelope: the caller knows it.
 */
const BYTES_ENVELOPE_VERSION = 0x01;
const BYTES_HEADER = 1 + KID_BYTES + IV_BYTES + TAG_BYTES;

interface CachedKey {
  readonly key: Buffer;
  readonly expiresAt: number;
}

/**
 * Crypto-shredding: each data subject's values are encrypted (AES-256-GCM, a random 96-bit IV
 * per value) with a data key of their own, kept in a SubjectKeyStore away from the append-only
 * history. forget() destroys the key, after which every value sealed with it reads as erased.
 */
export class PersonalDataVault {
  private readonly cache = new Map<string, CachedKey>();
  private readonly cacheTtlMs: number;
  private readonly cacheSize: number;
  /** Bumped around each forget, so a key lookup that overlapped one is not cached. */
  private forgets = 0;

  constructor(
    private readonly keys: SubjectKeyStore,
    options: PersonalDataVaultOptions = {},
  ) {
    this.cacheTtlMs = options.cacheTtlMs ?? 30_000;
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  /** Releases the key store (its connections or files). */
  close(): Promise<void> {
    return this.keys.close();
  }

  async encrypt(subjectId: string, value: unknown): Promise<SealedValue> {
    const plaintext = JSON.stringify(value);
    if (plaintext === undefined) throw new TypeError('Only JSON values can be encrypted');
    const key = (await this.keyFor(subjectId, true)) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(subjectId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      subjectId,
      alg: ALG,
      kid: keyId(key),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  /** Fails with PersonalDataIntegrityError when the value was altered. */
  async decrypt<T = unknown>(sealed: SealedValue): Promise<Decrypted<T>> {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (sealed.alg !== ALG || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new PersonalDataIntegrityError(`Not an ${ALG} sealed value`);
    }
    const key = await this.keyFor(sealed.subjectId, false);
    if (!key || keyId(key) !== sealed.kid) return { erased: true };
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(sealed.subjectId, 'utf8'));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
        decipher.final(),
      ]);
      return { erased: false, value: JSON.parse(plaintext.toString('utf8')) as T };
    } catch {
      throw new PersonalDataIntegrityError('Sealed personal data failed authentication: it was altered');
    }
  }

  /**
   * Seals a file's bytes (a scanned document, a photo) for the subject, under the same key as
   * their personal fields: a compact binary envelope, 41 bytes longer than the plaintext.
   */
  async sealBytes(subjectId: string, bytes: Buffer): Promise<Buffer> {
    const key = (await this.keyFor(subjectId, true)) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(subjectId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([
      Buffer.of(BYTES_ENVELOPE_VERSION),
      keyIdBytes(key),
      iv,
      cipher.getAuthTag(),
      ciphertext,
    ]);
  }

  /**
   * Opens what sealBytes sealed for the same subject: erased once the subject was forgotten.
   * Fails with PersonalDataIntegrityError when the envelope was altered or is not one.
   */
  async openBytes(subjectId: string, sealed: Buffer): Promise<OpenedBytes> {
    if (sealed.length < BYTES_HEADER || sealed[0] !== BYTES_ENVELOPE_VERSION) {
      throw new PersonalDataIntegrityError('Not a sealed personal-data file');
    }
    const kid = sealed.subarray(1, 1 + KID_BYTES);
    const iv = sealed.subarray(1 + KID_BYTES, 1 + KID_BYTES + IV_BYTES);
    const tag = sealed.subarray(1 + KID_BYTES + IV_BYTES, BYTES_HEADER);
    const key = await this.keyFor(subjectId, false);
    if (!key || !keyIdBytes(key).equals(kid)) return { erased: true };
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(subjectId, 'utf8'));
      decipher.setAuthTag(tag);
      return {
        erased: false,
        bytes: Buffer.concat([decipher.update(sealed.subarray(BYTES_HEADER)), decipher.final()]),
      };
    } catch {
      throw new PersonalDataIntegrityError('Sealed personal-data file failed authentication: it was altered');
    }
  }

  /**
   * Destroys the subject's key: everything sealed for them so far becomes unreadable for good.
   * Later encryptions for the same subject id get a new key. Nothing about the subject is kept.
   */
  async forget(subjectId: string): Promise<void> {
    const hash = subjectHash(subjectId);
    this.forgets++;
    this.cache.delete(hash);
    try {
      await this.keys.destroy(hash);
    } finally {
      this.forgets++;
      this.cache.delete(hash);
    }
  }

  private async keyFor(subjectId: string, create: boolean): Promise<Buffer | null> {
    const hash = subjectHash(subjectId);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.key;
    const forgetsBefore = this.forgets;
    const key = create ? await this.keys.findOrAdd(hash, randomBytes(KEY_BYTES)) : await this.keys.find(hash);
    if (key && forgetsBefore === this.forgets) this.remember(hash, key);
    return key;
  }

  private remember(hash: string, key: Buffer): void {
    if (this.cacheTtlMs <= 0) return;
    this.cache.delete(hash);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(hash, { key, expiresAt: Date.now() + this.cacheTtlMs });
  }
}

/** How key stores name a subject: they never see the subject id itself. */
export function subjectHash(subjectId: string): string {
  return createHash('sha256').update(`personal-data-subject:${subjectId}`).digest('hex');
}

function keyIdBytes(key: Buffer): Buffer {
  return createHash('sha256').update('personal-data-kid:').update(key).digest().subarray(0, KID_BYTES);
}

function keyId(key: Buffer): string {
  return keyIdBytes(key).toString('base64url');
}
