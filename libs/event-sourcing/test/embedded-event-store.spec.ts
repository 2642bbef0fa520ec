import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainVerifier, EmbeddedEventStore } from '../src';
import { anEvent, eventStoreContract } from './event-store.contract';

eventStoreContract('embedded (file on disk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-embedded-'));
  const file = join(dir, 'history.jsonl');
  const store = new EmbeddedEventStore(file);
  return {
    store,
    reopen: async () => {
      await store.close();
      return new EmbeddedEventStore(file);
    },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('EmbeddedEventStore file handling', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-file-'));
    file = join(dir, 'history.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a history file owned by another live process, and takes over a dead owner’s lock', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${file}.lock`, String(other.pid));
      expect(() => new EmbeddedEventStore(file)).toThrow(`in use by process ${other.pid}`);
    } finally {
      other.kill();
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const store = new EmbeddedEventStore(file);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('checks appends committed together against each other, and keeps only those it acknowledged', async () => {
    const store = new EmbeddedEventStore(file);
    // Issued in one tick, so they are checked in arrival order and flushed by one fsync.
    const outcomes = await Promise.allSettled([
      store.append('group-1', [anEvent('First')], 'no_stream'),
      store.append('group-1', [anEvent('Rival')], 'no_stream'),
      store.append('group-1', [anEvent('Second')], 0),
      store.append('group-2', [anEvent('Other'), anEvent('Other')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const positions = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.lastGlobalPosition] : []));
    expect(positions).toEqual([1, 2, 4]);
    await store.close();

    const reopened = new EmbeddedEventStore(file);
    expect((await reopened.readStream('group-1')).map((e) => e.type)).toEqual(['First', 'Second']);
    expect((await reopened.readAll()).map((e) => e.globalPosition)).toEqual([1, 2, 3, 4]);
    await reopened.close();
  });

  it('shows an event edited in the file as the first broken link of the chain, exactly there', async () => {
    const store = new EmbeddedEventStore(file);
    await store.append('claim-7', [anEvent('Reported', { amountMinor: 1000 })], 'no_stream');
    await store.append('claim-7', [anEvent('Assessed', { amountMinor: 900 })], 0);
    await store.append('claim-8', [anEvent('Reported', { amountMinor: 5 })], 'no_stream');
    await store.append('claim-7', [anEvent('Paid', { amountMinor: 900 })], 1);
    await store.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1].replace('"amountMinor":900', '"amountMinor":90000');
    writeFileSync(file, lines.join('\n'));

    const reopened = new EmbeddedEventStore(file);
    const verifier = new ChainVerifier();
    const broken = (await reopened.readAll()).map((e) => verifier.check(e)).find((link) => link !== null);
    expect(broken).toMatchObject({
      streamId: 'claim-7',
      streamRevision: 1,
      globalPosition: 2,
      problem: 'altered',
    });
    await reopened.close();
  });

  it('drops a torn last batch (a crash mid-append) and keeps every complete one', async () => {
    const store = new EmbeddedEventStore(file);
    await store.append('claim-1', [anEvent(), anEvent()], 'no_stream');
    await store.close();
    appendFileSync(file, '[{"eventId":"torn');
    const reopened = new EmbeddedEventStore(file);
    expect(await reopened.readStream('claim-1')).toHaveLength(2);
    await reopened.append('claim-1', [anEvent()], 1);
    await reopened.close();
    const again = new EmbeddedEventStore(file);
    expect((await again.readStream('claim-1')).map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    await again.close();
  });

  it('refuses to open a history corrupted before its last line', () => {
    writeFileSync(file, 'not json\n[]\n');
    expect(() => new EmbeddedEventStore(file)).toThrow(/corrupt at line 1/);
  });
});
