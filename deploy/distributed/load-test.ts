/**
 * Load through the gateway of a running distributed platform, as client applications would
 * send it: every route below at once for LOAD_SECONDS (default 60), each with LOAD_CONNECTIONS
 * (default 2) connections of autocannon; prints throughput and latency per route as a markdown
 * table and exits 1 if any request failed or answered other than expected.
 *
 *   RATE_LIMIT_PER_MINUTE=1000000 npm run start:distributed   # the per-caller limit would answer 429
 *   npm run load:distributed
 *
 * Loopback only: GATEWAY_URL must name 127.0.0.1 or localhost.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon, { Options, Request, Result } from 'autocannon';
import { issueToken, loadPlatformConfig } from '@claims/service-host';

const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 2);
const SECRET_FILE = join(__dirname, '.state/secrets/auth-jwt-secret');

interface Route {
  readonly name: string;
  readonly expect: number;
  readonly request: Request;
}

const json = { 'content-type': 'application/json' };

async function tokens() {
  const secret = process.env.AUTH_JWT_SECRET ?? readFileSync(SECRET_FILE, 'utf8').trim();
  const config = loadPlatformConfig({ AUTH_JWT_SECRET: secret });
  const bearer = async (role: string, subject: string, customerId?: string) =>
    `Bearer ${await issueToken(config, { role: role as never, subject, customerId, expiresIn: '2h' })}`;
  return {
    agent: await bearer('customer-service', 'load-agent'),
    customer: await bearer('customer', 'load-customer', 'cust-1001'),
    acceptor: await bearer('claims-acceptor', 'load-acceptor'),
  };
}

const consultation = () =>
  JSON.stringify({
    channel: 'hotline',
    topic: 'claim-procedure',
    question: 'What do I need after a rear-end collision?',
    contact: { name: 'Li Na', phone: '+86 138 0000 1001' },
    customerId: 'cust-1001',
  });

const claimReport = () =>
  JSON.stringify({
    policyNumber: 'MOT-2026-000001',
    insuredPersonId: 'cust-1001',
    accident: {
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      place: 'Huaihai Road, Shanghai',
      cause: 'collision',
      description: 'Rear-ended at a red light',
      lossKind: 'vehicle-damage',
    },
    estimatedLoss: { amountMinor: 1_250_000, currency: 'CNY' },
    claimant: { name: 'Li Na', phone: '+86 138 0000 1001' },
    feedbackChannel: 'sms',
    channel: 'hotline',
  });

/** A POST with a fresh Idempotency-Key on every request, as a careful client sends it. */
const command = (path: string, authorization: string, body: () => string): Request => ({
  method: 'POST',
  path,
  headers: { ...json, authorization },
  setupRequest: (request) => ({
    ...request,
    headers: { ...request.headers, 'idempotency-key': `load-${randomUUID()}` },
    body: body(),
  }),
});

async function created(path: string, authorization: string, body: string, field: string): Promise<string> {
  const answer = await fetch(`${GATEWAY_URL}${path}`, {
    method: 'POST',
    headers: { ...json, authorization },
    body,
  });
  if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${await answer.text()}`);
  return ((await answer.json()) as Record<string, string>)[field];
}

async function routes(): Promise<Route[]> {
  const t = await tokens();
  const consultationId = await created('/api/v1/consultations', t.agent, consultation(), 'consultationId');
  const claimId = await created('/api/v1/claims', t.agent, claimReport(), 'claimId');
  const get = (path: string, authorization: string): Request => ({
    method: 'GET',
    path,
    headers: { authorization },
  });
  return [
    {
      name: 'POST /api/v1/consultations',
      expect: 201,
      request: command('/api/v1/consultations', t.agent, consultation),
    },
    { name: 'POST /api/v1/claims', expect: 201, request: command('/api/v1/claims', t.agent, claimReport) },
    {
      name: 'GET /api/v1/consultations/{id}',
      expect: 200,
      request: get(`/api/v1/consultations/${consultationId}`, t.agent),
    },
    {
      name: 'GET /api/v1/claims/{id}/status',
      expect: 200,
      request: get(`/api/v1/claims/${claimId}/status`, t.customer),
    },
    {
      name: 'GET /api/v1/work-queue',
      expect: 200,
      request: get('/api/v1/work-queue?ownerId=load-agent', t.agent),
    },
    {
      name: 'GET /api/v1/claims-review/cases',
      expect: 200,
      request: get('/api/v1/claims-review/cases', t.acceptor),
    },
    { name: 'GET /health', expect: 200, request: { method: 'GET', path: '/health' } },
  ];
}

interface RouteResult {
  readonly route: Route;
  readonly result: Result;
  readonly unexpected: number;
  readonly firstError: string | null;
}

function run(route: Route): Promise<RouteResult> {
  let unexpected = 0;
  let firstError: string | null = null;
  const options: Options = {
    url: GATEWAY_URL,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [route.request],
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ route, result, unexpected, firstError }),
    );
    instance.on('response', (_client, statusCode) => {
      if (statusCode !== route.expect) unexpected++;
    });
    instance.on('reqError', (error: Error) => (firstError ??= error.message));
  });
}

async function main(): Promise<void> {
  const { hostname } = new URL(GATEWAY_URL);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname))
    throw new Error(`GATEWAY_URL must be on loopback, not ${hostname}`);
  const all = await routes();
  console.log(
    `Load through ${GATEWAY_URL}: ${all.length} routes at once for ${SECONDS} s, ${CONNECTIONS} connections each ` +
      `(${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  const results = await Promise.all(all.map(run));
  console.log('| route | requests | requests/s | p50 ms | p99 ms | max ms | unexpected status | errors |');
  console.log('| ----- | -------: | ---------: | -----: | -----: | -----: | ----------------: | -----: |');
  let unexpectedAll = 0;
  let errorsAll = 0;
  for (const { route, result, unexpected } of results) {
    const { latency, requests } = result;
    unexpectedAll += unexpected;
    errorsAll += result.errors + result.timeouts;
    console.log(
      `| ${route.name} | ${requests.total} | ${(requests.total / SECONDS).toFixed(1)} | ${latency.p50} | ${latency.p99} | ${latency.max} | ${unexpected} | ${result.errors + result.timeouts} |`,
    );
  }
  const total = results.reduce((n, r) => n + r.result.requests.total, 0);
  const errors = results.map((r) => r.firstError).filter(Boolean);
  console.log(
    `\n${total} requests, ${(total / SECONDS).toFixed(1)}/s in all; ${unexpectedAll} answered another status; ` +
      `${errorsAll} connection errors or timeouts${errors.length ? ` (first: ${errors[0]})` : ''}`,
  );
  // Every answer must be the expected one; a rare connection error (a keep-alive connection the
  // gateway closed as the next request left) is reported, and fails the run above 0.1 %.
  if (unexpectedAll > 0 || errorsAll > total / 1000) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
