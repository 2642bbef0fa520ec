import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobStore } from './blob-store';

const PREFIX = 'fs:sha256/';

/** Files under `<dir>/<first two hex digits>/<sha-256>`, written atomically (temp file, then rename). */
export class FilesystemBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  referenceFor(contentHash: string): string {
    return `${PREFIX}${contentHash}`;
  }

  async put(contentHash: string, bytes: Buffer): Promise<string> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== contentHash)
      throw new Error(`Content hash mismatch: expected ${contentHash}, got ${actual}`);
    const target = this.pathOf(contentHash);
    if (!(await exists(target))) {
      await mkdir(join(this.dir, contentHash.slice(0, 2)), { recursive: true });
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, target);
    }
    return this.referenceFor(contentHash);
  }

  async read(reference: string): Promise<Buffer> {
    if (!reference.startsWith(PREFIX)) throw new Error(`Not a filesystem blob reference: ${reference}`);
    return readFile(this.pathOf(reference.slice(PREFIX.length)));
  }

  private pathOf(contentHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error('Not a SHA-256 hex digest');
    return join(this.dir, contentHash.slice(0, 2), contentHash);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
