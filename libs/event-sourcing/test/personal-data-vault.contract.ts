import { randomUUID } from 'node:crypto';
import {
  PersonalDataIntegrityError,
  PersonalDataVault,
  SealedValue,
  SubjectKeyStore,
  subjectHash,
} from '../src';

export interface KeyStoreUnderTest {
  keys: SubjectKeyStore;
  /** Opens another store on the same keys (another process, or this one after a restart). */
  openAnother?: () => Promise<SubjectKeyStore>;
  /** Everything the store holds, as stored (files' bytes, table rows' text). */
  raw: () => Promise<Buffer>;
  dispose: () => Promise<void>;
}

const claimant = {
  name: '张伟 Zhang Wei',
  phone: '+86 138 0013 8000',
  idNumber: '110105199003071234',
  diagnosis: 'Type 2 diabetes mellitus',
};

function tamper(sealed: SealedValue, part: 'ciphertext' | 'tag' | 'iv'): SealedValue {
  const bytes = Buffer.from(sealed[part], 'base64');
  bytes[0] ^= 0x01;
  return { ...sealed, [part]: bytes.toString('base64') };
}

function holdsKey(raw: Buffer, key: Buffer): boolean {
  return raw.includes(key) || raw.includes(Buffer.from(key.toString('hex')));
}

/** The one contract every SubjectKeyStore adapter must satisfy, exercised through the vault. */
export function personalDataVaultContract(adapterName: string, open: () => Promise<KeyStoreUnderTest>): void {
  describe(`PersonalDataVault contract: ${adapterName}`, () => {
    let subject: KeyStoreUnderTest;
    let vault: PersonalDataVault;
    const customer = () => `customer-${randomUUID()}`;

    beforeEach(async () => {
      subject = await open();
      vault = new PersonalDataVault(subject.keys);
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it('decrypts what it encrypted', async () => {
      const id = customer();
      const sealed = await vault.encrypt(id, claimant);
      expect(sealed).toMatchObject({ subjectId: id, alg: 'A256GCM' });
      expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
      expect(await vault.decrypt(sealed)).toEqual({ erased: false, value: claimant });
      expect(await vault.decrypt(await vault.encrypt(id, 42))).toEqual({ erased: false, value: 42 });
    });

    it('gives each subject a key of its own', async () => {
      const [a, b] = [customer(), customer()];
      const sealedForA = await vault.encrypt(a, claimant);
      await vault.encrypt(b, claimant);
      const [keyA, keyB] = await Promise.all([a, b].map((id) => subject.keys.find(subjectHash(id))));
      expect(keyA).toHaveLength(32);
      expect(keyB).toHaveLength(32);
      expect(keyA?.equals(keyB as Buffer)).toBe(false);
      // A's value relabelled as B's is not readable with B's key.
      expect(await vault.decrypt({ ...sealedForA, subjectId: b })).toEqual({ erased: true });
    });

    it('never holds the plaintext, in the sealed value or in the key store', async () => {
      const id = customer();
      const first = await vault.encrypt(id, claimant);
      const second = await vault.encrypt(id, claimant);
      expect(second.iv).not.toBe(first.iv);
      expect(second.ciphertext).not.toBe(first.ciphertext);
      const stored = Buffer.concat([Buffer.from(JSON.stringify([first, second])), await subject.raw()]);
      for (const value of Object.values(claimant)) expect(stored.includes(Buffer.from(value))).toBe(false);
    });

    it('refuses a tampered value', async () => {
      const sealed = await vault.encrypt(customer(), claimant);
      for (const part of ['ciphertext', 'tag', 'iv'] as const) {
        await expect(vault.decrypt(tamper(sealed, part))).rejects.toBeInstanceOf(PersonalDataIntegrityError);
      }
      await expect(vault.decrypt({ ...sealed, alg: 'none' as 'A256GCM' })).rejects.toBeInstanceOf(
        PersonalDataIntegrityError,
      );
    });

    it('reads a forgotten subject as erased, for good, even after new data for the same id', async () => {
      const id = customer();
      const sealed = await vault.encrypt(id, claimant);
      const key = (await subject.keys.find(subjectHash(id))) as Buffer;
      expect(holdsKey(await subject.raw(), key)).toBe(true);

      await vault.forget(id);
      expect(await vault.decrypt(sealed)).toEqual({ erased: true });
      expect(await subject.keys.find(subjectHash(id))).toBeNull();
      expect(holdsKey(await subject.raw(), key)).toBe(false);
      expect(await new PersonalDataVault(subject.keys).decrypt(sealed)).toEqual({ erased: true });

      const later = await vault.encrypt(id, { note: 'new data' });
      expect(await vault.decrypt(later)).toEqual({ erased: false, value: { note: 'new data' } });
      expect(await vault.decrypt(sealed)).toEqual({ erased: true });
    });

    it('keeps other subjects readable when one is forgotten', async () => {
      const [a, b] = [customer(), customer()];
      const [sealedA, sealedB] = await Promise.all([vault.encrypt(a, claimant), vault.encrypt(b, claimant)]);
      await vault.forget(a);
      expect(await vault.decrypt(sealedA)).toEqual({ erased: true });
      expect(await vault.decrypt(sealedB)).toEqual({ erased: false, value: claimant });
    });

    describe('files (sealBytes / openBytes)', () => {
      const scan = Buffer.from(
        `%PDF-1.4\n${claimant.name} ${claimant.idNumber}\n${claimant.diagnosis}\n%%EOF`,
        'utf8',
      );

      it('opens what it sealed, in a compact envelope under the subject key', async () => {
        const id = customer();
        const sealedValue = await vault.encrypt(id, claimant);
        const sealed = await vault.sealBytes(id, scan);
        expect(sealed[0]).toBe(0x01);
        expect(sealed).toHaveLength(1 + 12 + 12 + 16 + scan.length);
        expect(sealed.subarray(1, 13).toString('base64url')).toBe(sealedValue.kid);
        expect(await vault.openBytes(id, sealed)).toEqual({ erased: false, bytes: scan });
        expect(await vault.openBytes(id, await vault.sealBytes(id, Buffer.alloc(0)))).toEqual({
          erased: false,
          bytes: Buffer.alloc(0),
        });
      });

      it('never holds the plaintext in the sealed bytes', async () => {
        const id = customer();
        const [first, second] = [await vault.sealBytes(id, scan), await vault.sealBytes(id, scan)];
        expect(first.equals(second)).toBe(false);
        for (const sealed of [first, second]) {
          for (const value of Object.values(claimant))
            expect(sealed.includes(Buffer.from(value))).toBe(false);
          expect(sealed.includes(scan.subarray(0, 8))).toBe(false);
        }
      });

      it('refuses tampered or foreign bytes', async () => {
        const id = customer();
        const sealed = await vault.sealBytes(id, scan);
        const flipped = (at: number) => {
          const copy = Buffer.from(sealed);
          copy[at] ^= 0x01;
          return copy;
        };
        for (const at of [0, 13, 25, 41, sealed.length - 1]) {
          await expect(vault.openBytes(id, flipped(at))).rejects.toBeInstanceOf(PersonalDataIntegrityError);
        }
        await expect(vault.openBytes(id, sealed.subarray(0, 40))).rejects.toBeInstanceOf(
          PersonalDataIntegrityError,
        );
        await expect(vault.openBytes(id, scan)).rejects.toBeInstanceOf(PersonalDataIntegrityError);
      });

      it("reads a forgotten subject's files as erased, and keeps other subjects' readable", async () => {
        const [a, b] = [customer(), customer()];
        const [sealedA, sealedB] = await Promise.all([vault.sealBytes(a, scan), vault.sealBytes(b, scan)]);
        // A's file opened as B's is not readable with B's key.
        expect(await vault.openBytes(b, sealedA)).toEqual({ erased: true });
        await vault.forget(a);
        expect(await vault.openBytes(a, sealedA)).toEqual({ erased: true });
        expect(await new PersonalDataVault(subject.keys).openBytes(a, sealedA)).toEqual({ erased: true });
        expect(await vault.openBytes(b, sealedB)).toEqual({ erased: false, bytes: scan });
        const later = await vault.sealBytes(a, Buffer.from('new file'));
        expect(await vault.openBytes(a, later)).toEqual({ erased: false, bytes: Buffer.from('new file') });
        expect(await vault.openBytes(a, sealedA)).toEqual({ erased: true });
      });
    });

    it('forgets a subject that never had a key without complaint', async () => {
      await expect(vault.forget(customer())).resolves.toBeUndefined();
    });

    it('converges on one key when the first encryptions for a subject race', async () => {
      const other = subject.openAnother ? await subject.openAnother() : subject.keys;
      try {
        const id = customer();
        const vaults = [subject.keys, other].map((keys) => new PersonalDataVault(keys, { cacheTtlMs: 0 }));
        const sealed = await Promise.all(
          Array.from({ length: 16 }, (_, i) => vaults[i % 2].encrypt(id, { i })),
        );
        expect(new Set(sealed.map((s) => s.kid)).size).toBe(1);
        const reader = new PersonalDataVault(subject.keys);
        const values = await Promise.all(sealed.map((s) => reader.decrypt(s)));
        expect(values).toEqual(Array.from({ length: 16 }, (_, i) => ({ erased: false, value: { i } })));
      } finally {
        if (other !== subject.keys) await other.close();
      }
    });

    it('still decrypts after a restart', async () => {
      if (!subject.openAnother) return; // nothing survives a restart of an in-memory store
      const id = customer();
      const sealed = await vault.encrypt(id, claimant);
      await subject.keys.close();
      const reopened = await subject.openAnother();
      try {
        expect(await new PersonalDataVault(reopened).decrypt(sealed)).toEqual({
          erased: false,
          value: claimant,
        });
      } finally {
        await reopened.close();
      }
    });
  });
}
