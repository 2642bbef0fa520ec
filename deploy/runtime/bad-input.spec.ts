import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JsonLogger, PlatformConfig, createHost, issueToken, loadPlatformConfig } from '@claims/service-host';
import { SignJWT } from 'jose';
import request from 'supertest';
import { allServices } from './embedded';
import { motorClaimReport } from './platform-test-support';

const SERVICES = ['intake', 'claims-review', 'complaint', 'notification', 'analytics'];

const validReport = () => motorClaimReport();

type Call = { body?: unknown; raw?: string; authorization?: string | null };

/** Every refused request, on the real embedded platform: the right answer, and no new event anywhere. */
describe('bad input against the embedded platform', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let app: INestApplication;
  let agent: string;

  const storedEvents = () =>
    SERVICES.reduce((total, service) => {
      const file = join(dataDir, service, 'history.jsonl');
      if (!readdirSync(join(dataDir, service)).includes('history.jsonl')) return total;
      const batches = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      return total + batches.reduce((n, line) => n + (JSON.parse(line) as unknown[]).length, 0);
    }, 0);

  const postClaim = (call: Call) => {
    let req = request(app.getHttpServer()).post('/api/v1/claims').set('content-type', 'application/json');
    const authorization = call.authorization === undefined ? `Bearer ${agent}` : call.authorization;
    if (authorization !== null) req = req.set('authorization', authorization);
    return req.send(call.raw ?? JSON.stringify(call.body ?? validReport()));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bad-input-'));
    config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' });
    app = await createHost({
      name: 'platform',
      config,
      services: allServices(),
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
    agent = await issueToken(config, { role: 'customer-service', subject: 'agent-1' });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signedWith = (
    secret: string,
    claims: Record<string, unknown> = { role: 'customer-service' },
    expires = '1h',
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setExpirationTime(expires)
      .sign(new TextEncoder().encode(secret));
  const ourSecret = () => readFileSync(join(dataDir, 'auth', 'jwt-secret'), 'utf8');

  const cases: Array<[string, () => Promise<Call>, number, RegExp | string, string?]> = [
    ['malformed JSON', async () => ({ raw: '{"policyNumber": "MOT-2026-000001",' }), 400, /JSON/],
    ['a JSON array instead of an object', async () => ({ raw: '[1,2,3]' }), 400, 'Invalid request'],
    [
      'a wrong type',
      async () => ({ body: { ...validReport(), estimatedLoss: { amountMinor: 'lots', currency: 'CNY' } } }),
      400,
      'Invalid request',
      'estimatedLoss.amountMinor',
    ],
    [
      'money as a float',
      async () => ({ body: { ...validReport(), estimatedLoss: { amountMinor: 12.5, currency: 'CNY' } } }),
      400,
      'Invalid request',
      'estimatedLoss.amountMinor',
    ],
    [
      'an extra field',
      async () => ({ body: { ...validReport(), approved: true } }),
      400,
      'Invalid request',
      'approved',
    ],
    [
      'an extra nested field',
      async () => ({ body: { ...validReport(), claimant: { ...validReport().claimant, vip: true } } }),
      400,
      'Invalid request',
      'claimant.vip',
    ],
    [
      'a missing nested object',
      async () => ({ body: { ...validReport(), accident: undefined } }),
      400,
      'Invalid request',
      'accident',
    ],
    [
      'a huge string',
      async () => ({
        body: { ...validReport(), accident: { ...validReport().accident, place: 'x'.repeat(50_000) } },
      }),
      400,
      'Invalid request',
      'accident.place',
    ],
    [
      'an oversized body',
      async () => ({ raw: JSON.stringify({ ...validReport(), padding: 'x'.repeat(400 * 1024) }) }),
      413,
      'Request body too large',
    ],
    ['no token', async () => ({ authorization: null }), 401, 'Unauthorized'],
    [
      'an expired token',
      async () => ({
        authorization: `Bearer ${await signedWith(ourSecret(), { role: 'customer-service' }, '-10m')}`,
      }),
      401,
      'Unauthorized',
    ],
    [
      'a token with a wrong signature',
      async () => ({ authorization: `Bearer ${await signedWith('s'.repeat(40))}` }),
      401,
      'Unauthorized',
    ],
    [
      'a role without the permission',
      async () => ({
        authorization: `Bearer ${await issueToken(config, { role: 'analyst', subject: 'analyst-1' })}`,
      }),
      403,
      'Forbidden',
    ],
    [
      'an unknown policy',
      async () => ({ body: { ...validReport(), policyNumber: 'MOT-2026-999999' } }),
      422,
      'Business rule violated',
    ],
    [
      'an accident in the future',
      async () => ({
        body: {
          ...validReport(),
          accident: { ...validReport().accident, occurredAt: '2099-01-01T00:00:00Z' },
        },
      }),
      422,
      'Business rule violated',
    ],
  ];

  const table = cases.map(([name, call, status, title, path]) => ({ name, call, status, title, path }));
  it.each(table)(
    'refuses $name with a clear problem and stores nothing',
    async ({ call, status, title, path }) => {
      const before = storedEvents();
      const response = await postClaim(await call());
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.status).toBe(status);
      expect(response.body.title ?? '').toEqual(typeof title === 'string' ? title : expect.anything());
      if (title instanceof RegExp) expect(response.body.detail).toMatch(title);
      if (path) expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(storedEvents()).toBe(before);
    },
  );

  it('stores script and SQL injection strings as plain data and returns them as JSON', async () => {
    const nasty = `<script>alert('x')</script> Robert'); DROP TABLE events;--`;
    const before = storedEvents();
    const reported = await postClaim({
      body: { ...validReport(), claimant: { name: nasty, phone: '+86 138 0000 1001' } },
    }).expect(201);
    expect(storedEvents()).toBeGreaterThan(before);
    const read = await request(app.getHttpServer())
      .get(`/api/v1/claims/${reported.body.claimId}`)
      .set('authorization', `Bearer ${agent}`)
      .expect(200);
    expect(read.headers['content-type']).toMatch(/application\/json/);
    expect(read.body.claimantName).toBe(nasty);
  });

  it("answers 404 for another customer's claim, revealing nothing", async () => {
    const reported = await postClaim({}).expect(201);
    const stranger = await issueToken(config, {
      role: 'customer',
      subject: 'stranger',
      customerId: 'cust-9999',
    });
    const response = await request(app.getHttpServer())
      .get(`/api/v1/claims/${reported.body.claimId}`)
      .set('authorization', `Bearer ${stranger}`)
      .expect(404);
    expect(JSON.stringify(response.body)).not.toContain('Li Na');
    const before = storedEvents();
    await request(app.getHttpServer())
      .post(`/api/v1/claims/${reported.body.claimId}/submission`)
      .set('authorization', `Bearer ${stranger}`)
      .expect(404);
    expect(storedEvents()).toBe(before);
  });
});
