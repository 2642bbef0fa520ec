import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  FileSubjectKeyStore,
  InMemorySubjectKeyStore,
  PersonalDataVault,
  PostgresSubjectKeyStore,
  subjectHash,
} from '../src';
import { KeyStoreUnderTest, personalDataVaultContract } from './personal-data-vault.contract';
import {
  describeWithPostgres,
  dropSchema,
  freshSchema,
  postgresUrl,
  tableAsText,
  withClient,
} from '../testing/postgres-available';

function filesIn(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

function openFileStore(): KeyStoreUnderTest & { dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'subject-keys-'));
  const dir = join(root, 'keys');
  const keys = new FileSubjectKeyStore(dir);
  return {
    dir,
    keys,
    openAnother: async () => new FileSubjectKeyStore(dir),
    raw: async () => filesIn(dir),
    dispose: async () => {
      await keys.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

personalDataVaultContract('in memory', async () => {
  const keys = new InMemorySubjectKeyStore();
  // Its raw content is every key it still holds for the subjects it was asked about.
  const asked = new Set<string>();
  const findOrAdd = keys.findOrAdd.bind(keys);
  keys.findOrAdd = (hash, key) => {
    asked.add(hash);
    return findOrAdd(hash, key);
  };
  const held = async () =>
    (await Promise.all([...asked].map((hash) => keys.find(hash)))).filter((k) => k !== null);
  return { keys, raw: async () => Buffer.concat(await held()), dispose: () => keys.close() };
});

personalDataVaultContract('file per subject', async () => openFileStore());

describe('FileSubjectKeyStore', () => {
  let fixture: ReturnType<typeof openFileStore>;
  beforeEach(() => (fixture = openFileStore()));
  afterEach(() => fixture.dispose());

  it('keeps one 0600 file per subject, named by a hash of the subject id, in a 0700 directory', async () => {
    const vault = new PersonalDataVault(fixture.keys);
    await vault.encrypt('customer-1', { name: 'Ann' });
    await vault.encrypt('customer-2', { name: 'Bob' });
    const names = readdirSync(fixture.dir).sort();
    expect(names).toEqual([`${subjectHash('customer-1')}.key`, `${subjectHash('customer-2')}.key`].sort());
    for (const name of names) {
      expect(statSync(join(fixture.dir, name)).mode & 0o777).toBe(0o600);
      expect(statSync(join(fixture.dir, name)).size).toBe(32);
    }
    expect(statSync(fixture.dir).mode & 0o777).toBe(0o700);
  });

  it('removes key temp files left by a crash, on open and on forget', async () => {
    const hash = subjectHash('customer-3');
    writeFileSync(join(fixture.dir, `${hash}.crashed.tmp`), Buffer.alloc(32, 7));
    new FileSubjectKeyStore(fixture.dir);
    expect(readdirSync(fixture.dir)).toEqual([]);

    await fixture.keys.findOrAdd(hash, Buffer.alloc(32, 1));
    writeFileSync(join(fixture.dir, `${hash}.crashed.tmp`), Buffer.alloc(32, 7));
    await fixture.keys.destroy(hash);
    expect(readdirSync(fixture.dir)).toEqual([]);
  });

  it('refuses a subject hash that is not one (no paths out of its directory)', async () => {
    await expect(fixture.keys.find('../../etc/passwd')).rejects.toThrow(/64 lowercase hex/);
  });
});

describeWithPostgres('PostgresSubjectKeyStore', () => {
  personalDataVaultContract('PostgreSQL', async () => {
    const schema = freshSchema('pd_test');
    const keys = await PostgresSubjectKeyStore.open({ connectionString: postgresUrl, schema });
    return {
      keys,
      openAnother: () => PostgresSubjectKeyStore.open({ connectionString: postgresUrl, schema }),
      raw: async () => Buffer.from(await tableAsText(`${pg.escapeIdentifier(schema)}.subject_keys`)),
      dispose: async () => {
        await keys.close();
        await dropSchema(schema);
      },
    };
  });

  describe('PostgresSubjectKeyStore', () => {
    let schema: string;
    let keys: PostgresSubjectKeyStore;
    beforeEach(async () => {
      schema = freshSchema('pd_test');
      keys = await PostgresSubjectKeyStore.open({ connectionString: postgresUrl, schema });
    });
    afterEach(async () => {
      await keys.close();
      await dropSchema(schema);
    });

    it('keeps keys in <schema>.subject_keys(subject_hash, key, created_at), by hash only', async () => {
      await new PersonalDataVault(keys).encrypt('customer-1', { name: 'Ann' });
      const rows = await withClient((c) =>
        c.query(
          `SELECT subject_hash, length(key) AS bytes, created_at FROM ${pg.escapeIdentifier(schema)}.subject_keys`,
        ),
      );
      expect(rows.rows).toEqual([
        { subject_hash: subjectHash('customer-1'), bytes: 32, created_at: expect.any(Date) },
      ]);
    });

    it('leaves a forgotten key out of a pg_dump taken afterwards', async () => {
      const pgDump = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
      if (pgDump.status !== 0) {
        console.warn('skipped: pg_dump is not installed; the key table is checked by SELECT in the contract');
        return;
      }
      const vault = new PersonalDataVault(keys);
      await vault.encrypt('customer-a', { name: 'Ann' });
      await vault.encrypt('customer-b', { name: 'Bob' });
      const keyA = (await keys.find(subjectHash('customer-a'))) as Buffer;
      const keyB = (await keys.find(subjectHash('customer-b'))) as Buffer;
      await vault.forget('customer-a');
      const dump = spawnSync('pg_dump', ['--data-only', '--schema', schema, '--dbname', postgresUrl], {
        encoding: 'utf8',
      });
      expect(dump.status).toBe(0);
      expect(dump.stdout).toContain(keyB.toString('hex'));
      expect(dump.stdout).not.toContain(keyA.toString('hex'));
      expect(dump.stdout).not.toContain(subjectHash('customer-a'));
    });

    it('opens concurrently on the same new schema', async () => {
      const other = freshSchema('pd_test');
      const stores = await Promise.all(
        Array.from({ length: 4 }, () =>
          PostgresSubjectKeyStore.open({ connectionString: postgresUrl, schema: other }),
        ),
      );
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(other);
    });
  });
});
