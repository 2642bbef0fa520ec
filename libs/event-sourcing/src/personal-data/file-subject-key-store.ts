import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { link, open, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_BYTES, SubjectKeyStore } from './subject-key-store';

const HASH = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.tmp';

/**
 * Keys for the embedded mode: one 32-byte file per subject, `<subject hash>.key`, mode 0600,
 * in a directory of its own (mode 0700). A key file is written to a temp file, fsynced, then
 * hard-linked into place: unlike rename, link never replaces an existing file, so of two
 * concurrent creations one wins and the other reads the winner's key. Needs a local file
 * system with hard links. forget unlinks the file (and any temp file left by a crash).
 */
export class FileSubjectKeyStore implements SubjectKeyStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A temp file left by a crash holds a key that no forget would find otherwise.
    for (const name of readdirSync(dir)) if (name.endsWith(TEMP_SUFFIX)) unlinkSync(join(dir, name));
  }

  async find(subjectHash: string): Promise<Buffer | null> {
    let key: Buffer;
    try {
      key = await readFile(this.keyFile(subjectHash));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    if (key.length !== KEY_BYTES) throw new Error(`Key file for subject ${subjectHash} is corrupt`);
    return key;
  }

  async findOrAdd(subjectHash: string, key: Buffer): Promise<Buffer> {
    // A forget between our failed link and the re-read empties the slot again: retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.find(subjectHash);
      if (existing) return existing;
      if (await this.tryAdd(subjectHash, key)) return key;
    }
    throw new Error(`Could not create a key for subject ${subjectHash}`);
  }

  async destroy(subjectHash: string): Promise<void> {
    const leftovers = (await readdir(this.dir)).filter(
      (n) => n.startsWith(`${subjectHash}.`) && n.endsWith(TEMP_SUFFIX),
    );
    await Promise.all(
      [this.keyFile(subjectHash), ...leftovers.map((n) => join(this.dir, n))].map(unlinkIfPresent),
    );
    await this.syncDir();
  }

  async close(): Promise<void> {
    // Nothing is held open.
  }

  private async tryAdd(subjectHash: string, key: Buffer): Promise<boolean> {
    const temp = join(this.dir, `${subjectHash}.${randomUUID()}${TEMP_SUFFIX}`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(key);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(temp, this.keyFile(subjectHash));
      await this.syncDir();
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    } finally {
      await unlinkIfPresent(temp);
    }
  }

  private keyFile(subjectHash: string): string {
    if (!HASH.test(subjectHash)) throw new Error('A subject hash is 64 lowercase hex digits');
    return join(this.dir, `${subjectHash}.key`);
  }

  /** Makes a created or removed file name durable. */
  private async syncDir(): Promise<void> {
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
