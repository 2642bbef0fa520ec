import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, newEvent } from '@claims/event-sourcing';

const context = {
  actor: { id: 'agent-7', role: 'customer-service' },
  correlationId: 'c-1',
  causationId: null,
};
const event = (type: string, data: Record<string, unknown>) =>
  newEvent({ type, schemaVersion: 1, data }, context);

function audit(dataDir: string, ...args: string[]) {
  return spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'audit.ts'), 'verify', ...args],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        EVENT_STORE: 'embedded',
        READ_MODELS: 'embedded',
        BUS: 'in-process',
      },
      encoding: 'utf8',
    },
  );
}

describe('npm run audit -- verify', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'audit-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds every chain intact, then names the exact event an edit of the history file altered', async () => {
    const file = join(dataDir, 'intake', 'history.jsonl');
    const store = new EmbeddedEventStore(file);
    await store.append('claim-1', [event('ClaimSubmitted', { estimateMinor: 1250000 })], 'no_stream');
    await store.append('claim-1', [event('DocumentsProvided', { count: 3 })], 0);
    await store.append('claim-2', [event('ClaimSubmitted', { estimateMinor: 5000 })], 'no_stream');
    await store.close();

    const intact = audit(dataDir, '--service', 'intake');
    expect(intact.stdout).toContain('intake: 3 events verified, every chain intact');
    expect(intact.status).toBe(0);

    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1].replace('"count":3', '"count":1');
    writeFileSync(file, lines.join('\n'));
    const broken = audit(dataDir, '--service', 'intake');
    expect(broken.stdout).toContain('intake: BROKEN after 2 events at stream claim-1 revision 1 (position 2');
    expect(broken.status).toBe(1);
  }, 60_000);
});
