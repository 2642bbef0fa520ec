/**
 * The HTTP command and read paths of the embedded platform (token check, validation,
 * idempotency, append, read-your-write) against a bare NestJS route, in the same run, with
 * autocannon at 8 connections.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { Request, Result } from 'autocannon';
import { issueToken, loadPlatformConfig } from '@claims/service-host';
import { Bench, Figure, ms, rate, ratio } from './figures';

const CONNECTIONS = 8;
const SECRET = randomUUID() + randomUUID();
const json = { 'content-type': 'application/json' };

const consultation = () =>
  JSON.stringify({
    channel: 'hotline',
    topic: 'claim-procedure',
    question: 'What do I need after a rear-end collision?',
    contact: { name: 'Li Na', phone: '+86 138 0000 1001' },
    customerId: 'cust-1001',
  });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startProcess(
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) return { url, child };
    if (Date.now() > deadline) throw new Error(`${script} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function load(url: string, request: Request, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    let unexpected = 0;
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: seconds, requests: [request] },
      (error, result) => {
        if (error) reject(error);
        else if (unexpected > 0 || result.errors > 0)
          reject(new Error(`${request.path}: ${unexpected} unexpected answers, ${result.errors} errors`));
        else resolve(result);
      },
    );
    instance.on('response', (_client, status) => {
      if (status >= 300) unexpected++;
    });
  });
}

const command = (path: string, headers: Record<string, string>, body: () => string): Request => ({
  method: 'POST',
  path,
  headers: { ...json, ...headers },
  setupRequest: (request) => ({
    ...request,
    headers: { ...request.headers, 'idempotency-key': randomUUID() },
    body: body(),
  }),
});

export const httpBench: Bench = async ({ smoke }) => {
  const seconds = smoke ? 3 : 15;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const platform = await startProcess('deploy/runtime/embedded.ts', {
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
  });
  const bare = await startProcess('deploy/bench/bare-nest-app.ts', {});
  try {
    const config = loadPlatformConfig({ AUTH_JWT_SECRET: SECRET });
    const authorization = `Bearer ${await issueToken(config, { role: 'customer-service', subject: 'bench-agent', expiresIn: '1h' })}`;
    const created = await fetch(`${platform.url}/api/v1/consultations`, {
      method: 'POST',
      headers: { ...json, authorization },
      body: consultation(),
    });
    if (created.status !== 201)
      throw new Error(`consultation answered ${created.status}: ${await created.text()}`);
    const { consultationId } = (await created.json()) as { consultationId: string };
    const thing = (await (
      await fetch(`${bare.url}/things`, { method: 'POST', headers: json, body: '{}' })
    ).json()) as { id: string };

    const write = await load(
      platform.url,
      command('/api/v1/consultations', { authorization }, consultation),
      seconds,
    );
    const bareWrite = await load(bare.url, command('/things', {}, consultation), seconds);
    const read = await load(
      platform.url,
      { method: 'GET', path: `/api/v1/consultations/${consultationId}`, headers: { authorization } },
      seconds,
    );
    const bareRead = await load(bare.url, { method: 'GET', path: `/things/${thing.id}` }, seconds);
    const figure = (measure: string, ours: Result, theirs: Result, share: number, p99: number): Figure[] => [
      {
        section: 'HTTP, embedded',
        measure: `${measure} (bare NestJS ${rate(theirs.requests.average, 'req')})`,
        value: `${rate(ours.requests.average, 'req')}, ${ratio(ours.requests.average / theirs.requests.average)} bare`,
        target: `≥ ${share}× bare`,
        met: ours.requests.average / theirs.requests.average >= share,
      },
      {
        section: 'HTTP, embedded',
        measure: `${measure}: latency at ${CONNECTIONS} clients`,
        value: `p50 ${ms(ours.latency.p50)}, p99 ${ms(ours.latency.p99)}`,
        target: `p99 ≤ ${p99} ms`,
        met: ours.latency.p99 <= p99,
      },
    ];
    return [
      ...figure('POST /api/v1/consultations', write, bareWrite, 0.3, 50),
      ...figure('GET /api/v1/consultations/{id}', read, bareRead, 0.6, 20),
    ];
  } finally {
    platform.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
};
