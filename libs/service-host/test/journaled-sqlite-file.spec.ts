import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { inTransaction } from '@claims/messaging';
import { JournaledSqliteFile } from '../src/journaled-sqlite-file';

@Entity({ name: 'parcel' })
class Parcel {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'integer' })
  weight: number;

  @Column({ type: 'blob', nullable: true })
  label: Buffer | null;
}

describe('JournaledSqliteFile (embedded read-model database on disk)', () => {
  let dir: string;
  let file: string;
  const open = () => JournaledSqliteFile.open(file, [Parcel]);
  const ids = async (db: DataSource) =>
    (await db.getRepository(Parcel).find({ order: { id: 'ASC' } })).map((p) => p.id);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journaled-sqlite-'));
    file = join(dir, 'read-models.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every committed write and nothing rolled back, across a reopen', async () => {
    const db = await open();
    await db.getRepository(Parcel).save({ id: 'a', weight: 1, label: Buffer.from([0, 1, 255]) });
    await inTransaction(db, async (manager) => {
      await manager.save(Parcel, { id: 'b', weight: 2, label: null });
      await manager.update(Parcel, { id: 'a' }, { weight: 10 });
    });
    await expect(
      inTransaction(db, async (manager) => {
        await manager.save(Parcel, { id: 'lost', weight: 3, label: null });
        throw new Error('projection failed');
      }),
    ).rejects.toThrow('projection failed');
    await inTransaction(db, async (manager) => {
      await manager.save(Parcel, { id: 'c', weight: 3, label: null });
      // A nested transaction (a savepoint) rolled back inside a committed one.
      await expect(
        manager.transaction(async (inner) => {
          await inner.save(Parcel, { id: 'inner', weight: 4, label: null });
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
    });
    await db.destroy();

    const reopened = await open();
    expect(await ids(reopened)).toEqual(['a', 'b', 'c']);
    const a = await reopened.getRepository(Parcel).findOneByOrFail({ id: 'a' });
    expect(a.weight).toBe(10);
    expect([...(a.label ?? [])]).toEqual([0, 1, 255]);
    await reopened.destroy();
  });

  it('writes a commit as one journal line, not the whole database', async () => {
    const db = await open();
    for (let i = 0; i < 50; i++) await db.getRepository(Parcel).save({ id: `p${i}`, weight: i, label: null });
    const snapshot = statSync(file).size;
    const journal = statSync(`${file}.journal`).size;
    await db.getRepository(Parcel).save({ id: 'one-more', weight: 1, label: null });
    expect(statSync(file).size).toBe(snapshot);
    expect(statSync(`${file}.journal`).size - journal).toBeLessThan(1000);
    await db.destroy();
  });

  it('drops a torn last line (a crash mid-commit) and keeps the commits before it', async () => {
    const db = await open();
    await db.getRepository(Parcel).save({ id: 'kept', weight: 1, label: null });
    await db.destroy();
    appendFileSync(`${file}.journal`, '[["INSERT INTO \\"parcel\\"');

    const reopened = await open();
    expect(await ids(reopened)).toEqual(['kept']);
    await reopened.getRepository(Parcel).save({ id: 'after', weight: 2, label: null });
    await reopened.destroy();
    const again = await open();
    expect(await ids(again)).toEqual(['after', 'kept']);
    await again.destroy();
  });

  it('never replays a journal that a newer snapshot already holds', async () => {
    const db = await open();
    await db.getRepository(Parcel).save({ id: 'x', weight: 1, label: null });
    await db.destroy();
    const staleJournal = readFileSync(`${file}.journal`, 'utf8');

    // Reopening writes a new snapshot (generation + 1) holding x; put the old journal back, as a
    // crash after the snapshot's rename and before the journal's reset would leave it.
    const reopened = await open();
    await reopened.destroy();
    rmSync(`${file}.journal`);
    appendFileSync(`${file}.journal`, staleJournal);

    const third = await open();
    expect(await ids(third)).toEqual(['x']);
    await third.destroy();
  });
});
