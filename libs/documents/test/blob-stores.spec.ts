import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { describeWithPostgres, postgresUrl as databaseUrl } from '@claims/event-sourcing/testing';
import { BlobStore, FilesystemBlobStore, PostgresBlobStore } from '../src';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What the services need of any place files are kept: one contract for every adapter. */
function blobStoreContract(
  name: string,
  open: () => Promise<{ stores: BlobStore[]; close: () => Promise<void> }>,
) {
  describe(`${name}: the document blob store contract`, () => {
    let stores: BlobStore[];
    let close: () => Promise<void>;
    beforeEach(async () => ({ stores, close } = await open()));
    afterEach(() => close());

    it('stores bytes under their content hash and reads them back, from any instance', async () => {
      const bytes = Buffer.from(`sealed document ${randomUUID()}`);
      const reference = await stores[0].put(sha256(bytes), bytes);
      expect(reference).toBe(stores[0].referenceFor(sha256(bytes)));
      for (const store of stores) expect(await store.read(reference)).toEqual(bytes);
    });

    it('keeps one copy of the same bytes stored twice, concurrently', async () => {
      const bytes = Buffer.from([0, 1, 2, 255, 254]);
      const references = await Promise.all(
        stores.flatMap((s) => [s.put(sha256(bytes), bytes), s.put(sha256(bytes), bytes)]),
      );
      expect(new Set(references).size).toBe(1);
      expect(await stores[1].read(references[0])).toEqual(bytes);
    });

    it('refuses bytes that do not match their hash, and references that are not its own', async () => {
      const bytes = Buffer.from('x');
      await expect(stores[0].put(sha256(Buffer.from('y')), bytes)).rejects.toThrow(/hash mismatch/);
      await expect(stores[0].read('elsewhere:sha256/../../etc/passwd')).rejects.toThrow();
      await expect(
        stores[0].read(stores[0].referenceFor(sha256(Buffer.from('never stored')))),
      ).rejects.toThrow();
    });
  });
}

blobStoreContract('FilesystemBlobStore (embedded mode)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  return {
    stores: [new FilesystemBlobStore(dir), new FilesystemBlobStore(dir)],
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeWithPostgres('PostgresBlobStore', () =>
  blobStoreContract('PostgresBlobStore (distributed mode, two instances)', async () => {
    const schema = `blobs_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const instances = await Promise.all(
      [1, 2].map(() =>
        new DataSource({ type: 'postgres', url: databaseUrl, schema, poolSize: 4 }).initialize(),
      ),
    );
    return {
      stores: instances.map((db) => new PostgresBlobStore(db, 'attachment_blob')),
      close: async () => {
        await Promise.all(instances.map((db) => db.destroy()));
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.destroy();
      },
    };
  }),
);
