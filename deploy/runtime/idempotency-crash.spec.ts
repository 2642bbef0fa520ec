import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, loadPlatformConfig } from '@claims/service-host';
import { eventually } from './platform-test-support';

const root = join(__dirname, '..', '..');
const SECRET = 'idempotency-crash-test-secret-0123456789abcdef';
const REQUESTS = 24;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * kill -9 the embedded platform while requests with Idempotency-Keys are in flight, start it
 * again, and retry every key: each must complete (or replay), and none may create twice.
 */
describe('Idempotency-Key across a crash (kill -9 mid-request)', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | null = null;
  const env = () => ({
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: SECRET,
    IDEMPOTENCY_LEASE_SECONDS: '1',
    LOG_LEVEL: 'error',
  });

  const start = async () => {
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'deploy/runtime/embedded.ts'], {
      cwd: root,
      env: env(),
      stdio: 'ignore',
    });
    await eventually(async () => {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      if (health.status !== 200) throw new Error(`health ${health.status}`);
    }, 90_000);
  };
  const killHard = async () => {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child?.kill('SIGKILL');
    await exited;
    child = null;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'idempotency-crash-'));
    port = await freePort();
  });

  afterAll(async () => {
    if (child) await killHard();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets every retried key complete once after the process died mid-request', async () => {
    const config = loadPlatformConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET });
    const token = await issueToken(config, { role: 'customer-service', subject: 'agent-crash' });
    const register = (key: string, n: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/consultations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({
          channel: 'hotline',
          topic: 'claim-procedure',
          question: `crash question ${n}`,
          contact: { phone: '+86 138 0000 1001' },
        }),
      });

    await start();
    const keys = Array.from({ length: REQUESTS }, () => `crash-${randomUUID()}`);
    const firstTry = keys.map((key, n) =>
      register(key, n).then(
        (r) => r.status,
        () => 'cut off',
      ),
    );
    await Promise.race(firstTry);
    await killHard();
    const outcomes = await Promise.all(firstTry);
    const cutOff = outcomes.filter((o) => o === 'cut off').length;

    await start();
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // the dead process's leases run out
    const retried = await Promise.all(
      keys.map(async (key, n) => {
        const response = await register(key, n);
        return { status: response.status, body: (await response.json()) as { consultationId?: string } };
      }),
    );
    expect(retried.map((r) => r.status)).toEqual(keys.map(() => 201));
    const ids = new Set(retried.map((r) => r.body.consultationId));
    expect(ids.size).toBe(REQUESTS);

    const history = readFileSync(join(dataDir, 'intake', 'history.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => JSON.parse(line) as { type: string; streamId: string }[]);
    const registered = history.filter((e) => e.type === 'ConsultationRegistered').map((e) => e.streamId);
    expect(registered.length).toBe(REQUESTS);
    expect(new Set(registered).size).toBe(REQUESTS);
    expect(cutOff).toBeGreaterThan(0);
  }, 240_000);
});
