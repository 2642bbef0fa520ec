import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('a platform process that cannot serve', () => {
  let taken: Server;
  let dataDir: string;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'port-taken-'));
  });

  afterAll(() => {
    taken.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits non-zero when its port is taken, instead of consuming and relaying unseen', async () => {
    const port = (taken.address() as { port: number }).port;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'deploy/runtime/embedded.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 90_000);
      child.on('exit', (exitCode) => (clearTimeout(timer), resolve(exitCode)));
    });
    expect(output).toContain('EADDRINUSE');
    expect(code).toBe(1);
  }, 120_000);
});
