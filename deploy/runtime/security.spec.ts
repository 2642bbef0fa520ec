import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Body,
  Controller,
  Get,
  Inject,
  INestApplication,
  Module,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EventStore, PersonalDataVault, newEvent } from '@claims/event-sourcing';
import {
  CurrentPrincipal,
  CurrentScope,
  EVENT_STORE,
  HOST_DB,
  IdempotencyRecord,
  JsonLogger,
  PERSONAL_DATA_VAULT,
  PlatformConfig,
  Principal,
  RequestScope,
  RequirePermission,
  ServiceInfrastructureModule,
  commandContextOf,
  createHost,
  issueToken,
  loadPlatformConfig,
  mayAccessCaseOf,
} from '@claims/service-host';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import request from 'supertest';

class Loss {
  @IsInt() @Min(0) amountMinor: number;
  @IsString() @Length(3, 3) currency: string;
}

class ReportCase {
  @IsString() @MaxLength(500) description: string;
  @IsDefined() @ValidateNested() @Type(() => Loss) loss: Loss;
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
}

/** A minimal case resource, so the host's security is tested through real routes. */
@Controller('probe-cases')
class ProbeCaseController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post()
  @RequirePermission('claim.report')
  async report(
    @Body() body: ReportCase,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
  ) {
    const id = randomUUID();
    const customerId = principal.role === 'customer' ? principal.customerId : body.customerId;
    const event = newEvent(
      { type: 'ProbeCaseReported', schemaVersion: 1, data: { ...body, customerId } },
      commandContextOf(principal, scope),
    );
    await this.store.append(`probe-${id}`, [event], 'no_stream');
    return { id, ...body, customerId };
  }

  @Get(':id')
  @RequirePermission('claim.read')
  async find(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const [reported] = await this.store.readStream(`probe-${id}`);
    const data = reported?.data as { customerId: string } | undefined;
    if (!data || !mayAccessCaseOf(principal, data.customerId))
      throw new NotFoundException(`Case ${id} not found`);
    return { id, ...data };
  }
}

@Module({
  imports: [ServiceInfrastructureModule.forService({ name: 'probe', entities: [] })],
  controllers: [ProbeCaseController],
})
class ProbeModule {}

const validCase = {
  description: 'Rear-ended at a junction',
  loss: { amountMinor: 1250000, currency: 'CNY' },
};

describe('API security baseline (through the HTTP host)', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let app: INestApplication;
  let store: EventStore;
  const logLines: string[] = [];
  const token = (role: string, extra: Record<string, string> = {}) =>
    issueToken(config, { role: role as never, subject: `${role}-user`, ...extra });
  const http = () => request(app.getHttpServer());
  const storedEvents = async () => (await store.readAll()).length;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'security-'));
    config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '40' });
    const logger = new JsonLogger('test', 'debug', (line) => logLines.push(line));
    app = await createHost({ name: 'security-test', config, services: [{ module: ProbeModule }], logger });
    await app.init();
    store = app.get(EVENT_STORE, { strict: false });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('authentication', () => {
    it('leaves /health and the OpenAPI pages open', async () => {
      await http().get('/health').expect(200);
      await http().get('/api/docs-json').expect(200);
    });

    it.each([
      ['no token', () => Promise.resolve(undefined), 'A bearer token is required'],
      ['a malformed header', () => Promise.resolve('Token abc'), 'A bearer token is required'],
      [
        'an expired token',
        () =>
          issueToken(config, { role: 'customer-service', subject: 'u1', expiresIn: '-5m' }).then(
            (t) => `Bearer ${t}`,
          ),
        'token expired',
      ],
      [
        'a token signed with another key',
        () =>
          new SignJWT({ role: 'admin' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('intruder')
            .setIssuer(config.AUTH_ISSUER)
            .setAudience(config.AUTH_AUDIENCE)
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('x'.repeat(40)))
            .then((t) => `Bearer ${t}`),
        'token signature is invalid',
      ],
      [
        'a token for another audience',
        () =>
          new SignJWT({ role: 'admin' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('u1')
            .setIssuer(config.AUTH_ISSUER)
            .setAudience('some-other-api')
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode(readFileSync(join(dataDir, 'auth', 'jwt-secret'), 'utf8')))
            .then((t) => `Bearer ${t}`),
        'token claim aud is invalid',
      ],
      [
        'a token valid for 1,000 years',
        () =>
          issueToken(config, { role: 'admin', subject: 'u1', expiresIn: '1000y' }).then((t) => `Bearer ${t}`),
        'token lifetime exceeds 24 hours',
      ],
      [
        'a token with an unknown role',
        () => issueToken(config, { role: 'superuser' as never, subject: 'u1' }).then((t) => `Bearer ${t}`),
        'token has no known role',
      ],
    ])('refuses %s with 401 and writes nothing', async (_case, header, detail) => {
      const before = await storedEvents();
      const authorization = await header();
      const call = http().post('/api/v1/probe-cases').send(validCase);
      const response = await (authorization ? call.set('authorization', authorization) : call).expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', detail });
      expect(await storedEvents()).toBe(before);
    });
  });

  describe('permissions', () => {
    it('refuses a role without the permission with 403 and writes nothing', async () => {
      const before = await storedEvents();
      const response = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('analyst')}`)
        .send(validCase)
        .expect(403);
      expect(response.body).toMatchObject({ status: 403, detail: 'Role analyst may not do this' });
      expect(await storedEvents()).toBe(before);
    });

    it('shows a customer their own case and answers 404 for another customer’s', async () => {
      const alice = await token('customer', { customerId: 'cust-alice' });
      const bob = await token('customer', { customerId: 'cust-bob' });
      const created = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${alice}`)
        .send(validCase)
        .expect(201);
      await http()
        .get(`/api/v1/probe-cases/${created.body.id}`)
        .set('authorization', `Bearer ${alice}`)
        .expect(200);
      const other = await http()
        .get(`/api/v1/probe-cases/${created.body.id}`)
        .set('authorization', `Bearer ${bob}`)
        .expect(404);
      expect(JSON.stringify(other.body)).not.toContain('Rear-ended');
      await http()
        .get(`/api/v1/probe-cases/${created.body.id}`)
        .set('authorization', `Bearer ${await token('claims-handler')}`)
        .expect(200);
    });
  });

  describe('input rules', () => {
    const post = async (body: unknown) =>
      http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('customer-service')}`)
        .send(body as object);

    it.each([
      ['an unknown field', { ...validCase, isApproved: true }, 'isApproved'],
      ['a wrong type', { ...validCase, loss: { amountMinor: '12.50', currency: 'CNY' } }, 'loss.amountMinor'],
      ['a float amount', { ...validCase, loss: { amountMinor: 12.5, currency: 'CNY' } }, 'loss.amountMinor'],
      ['a missing field', { description: 'no loss' }, 'loss'],
      ['a huge string', { ...validCase, description: 'x'.repeat(10_000) }, 'description'],
      ['an unknown nested field', { ...validCase, loss: { ...validCase.loss, fx: 1 } }, 'loss.fx'],
      [
        'a __proto__ key',
        JSON.parse(
          `{"description":"x","loss":{"amountMinor":1,"currency":"CNY"},"__proto__":{"admin":true}}`,
        ),
        '__proto__',
      ],
      ['a lone surrogate in text', { ...validCase, description: 'Li\ud800' }, 'description'],
      [
        'a nested constructor key',
        { ...validCase, loss: JSON.parse('{"amountMinor":1,"currency":"CNY","constructor":{"x":1}}') },
        'loss.constructor',
      ],
    ])('refuses %s with 400 naming the field, writing nothing', async (_case, body, path) => {
      const before = await storedEvents();
      const response = await post(body).then((r) => r);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await storedEvents()).toBe(before);
    });

    it('stores script and SQL injection strings as plain data and returns them harmlessly as JSON', async () => {
      const nasty = `<script>alert(1)</script>'; DROP TABLE events; --`;
      const response = await post({ ...validCase, description: nasty });
      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      const read = await http()
        .get(`/api/v1/probe-cases/${response.body.id}`)
        .set('authorization', `Bearer ${await token('auditor')}`)
        .expect(200);
      expect(read.body.description).toBe(nasty);
      expect(await storedEvents()).toBeGreaterThan(0);
    });
  });

  describe('headers and bodies', () => {
    it('names no framework and forbids content sniffing', async () => {
      const response = await http().get('/health').expect(200);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses a form-encoded body with 415, without echoing it', async () => {
      const secret = 'claimantName=Zhang San&idNumber=110101199001011234';
      const response = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('customer-service')}`)
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(secret)
        .expect(415);
      expect(response.body).toMatchObject({ status: 415, title: 'Unsupported media type' });
      expect(JSON.stringify(response.body)).not.toContain('Zhang');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated request with the first response and creates nothing new', async () => {
      const auth = `Bearer ${await token('customer-service')}`;
      const key = `key-${randomUUID()}`;
      const first = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send(validCase)
        .expect(201);
      const before = await storedEvents();
      const again = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send(validCase)
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await storedEvents()).toBe(before);
    });

    it('refuses the same key with another body with 422', async () => {
      const auth = `Bearer ${await token('customer-service')}`;
      const key = `key-${randomUUID()}`;
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send(validCase)
        .expect(201);
      const before = await storedEvents();
      const response = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send({ ...validCase, description: 'changed' })
        .expect(422);
      expect(response.body.title).toBe('Idempotency-Key reused');
      expect(await storedEvents()).toBe(before);
    });

    it('forgets a kept response past its retention (it may hold personal data): the key is free again', async () => {
      const auth = `Bearer ${await token('customer-service')}`;
      const key = `key-${randomUUID()}`;
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send(validCase)
        .expect(201);
      const records = app.get<DataSource>(HOST_DB, { strict: false }).getRepository(IdempotencyRecord);
      const callerAndKey = `customer-service-user|${key}`;
      // 25 hours old: past the default 24-hour retention.
      await records.update({ callerAndKey }, { createdAt: new Date(Date.now() - 25 * 3_600_000) });
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send({ ...validCase, description: 'a new request under an old key' })
        .expect(201);
      expect((await records.findOneByOrFail({ callerAndKey })).responseBody).toContain('a new request');
    });

    it('keeps keys per caller', async () => {
      const key = `key-${randomUUID()}`;
      const one = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('customer-service')}`)
        .set('idempotency-key', key)
        .send(validCase)
        .expect(201);
      const other = await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('customer', { customerId: 'c9' })}`)
        .set('idempotency-key', key)
        .send(validCase)
        .expect(201);
      expect(other.body.id).not.toBe(one.body.id);
    });
  });

  describe('command audit trail', () => {
    it('records accepted and refused commands with who, role, when and correlation id', async () => {
      const accepted = `corr-${randomUUID()}`;
      const refused = `corr-${randomUUID()}`;
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('customer-service')}`)
        .set('x-correlation-id', accepted)
        .send(validCase)
        .expect(201);
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${await token('analyst')}`)
        .set('x-correlation-id', refused)
        .send(validCase)
        .expect(403);
      const auditor = `Bearer ${await token('auditor')}`;
      const find = async (correlationId: string) => {
        for (let i = 0; i < 50; i++) {
          const response = await http()
            .get(`/api/v1/audit/commands?correlationId=${correlationId}`)
            .set('authorization', auditor)
            .expect(200);
          if (response.body.length > 0) return response.body[0];
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`no audit record for ${correlationId}`);
      };
      expect(await find(accepted)).toMatchObject({
        userId: 'customer-service-user',
        role: 'customer-service',
        method: 'POST',
        status: 201,
        outcome: 'accepted',
      });
      expect(await find(refused)).toMatchObject({
        userId: 'analyst-user',
        role: 'analyst',
        status: 403,
        outcome: 'refused',
      });
      await http()
        .get('/api/v1/audit/commands')
        .set('authorization', `Bearer ${await token('claims-handler')}`)
        .expect(403);
    });
  });

  describe('logs', () => {
    it('never contain tokens or the personal data sent in requests', async () => {
      const secretToken = await token('customer-service');
      const personal = {
        description: 'Zhang Wei 13812345678 ID 11010519491231002X zhang.wei@example.com',
        loss: validCase.loss,
      };
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${secretToken}`)
        .send(personal)
        .expect(201);
      await http()
        .post('/api/v1/probe-cases')
        .set('authorization', `Bearer ${secretToken}x`)
        .send(personal)
        .expect(401);
      const logger = new JsonLogger('redaction', 'info', (line) => logLines.push(line));
      logger.log({
        msg: 'claim reported',
        customerName: 'Zhang Wei',
        phone: '13812345678',
        note: 'call 13812345678 or +86 138 1234 5678',
        authorization: `Bearer ${secretToken}`,
      });
      logger.error(`failed for 11010519491231002X with Bearer ${secretToken}`);
      const all = logLines.join('\n');
      expect(logLines.length).toBeGreaterThan(2);
      for (const value of [
        secretToken,
        'Zhang Wei',
        '13812345678',
        '11010519491231002X',
        'zhang.wei@example.com',
        '138 1234 5678',
      ]) {
        expect(all).not.toContain(value);
      }
    });
  });

  describe('forget customer', () => {
    it('lets only an admin forget a data subject, after which sealed data reads as erased', async () => {
      const vault = app.get<PersonalDataVault>(PERSONAL_DATA_VAULT, { strict: false });
      const sealed = await vault.encrypt('cust-forget-me', { name: 'Li Na' });
      const body = { subjectId: 'cust-forget-me', reason: 'customer-request' };
      await http()
        .post('/api/v1/personal-data/forget-requests')
        .set('authorization', `Bearer ${await token('auditor')}`)
        .send(body)
        .expect(403);
      await http()
        .post('/api/v1/personal-data/forget-requests')
        .set('authorization', `Bearer ${await token('admin')}`)
        .send({ ...body, reason: 'because' })
        .expect(400);
      expect(await vault.decrypt(sealed)).toEqual({ erased: false, value: { name: 'Li Na' } });
      await http()
        .post('/api/v1/personal-data/forget-requests')
        .set('authorization', `Bearer ${await token('admin')}`)
        .send(body)
        .expect(204);
      expect(await vault.decrypt(sealed)).toEqual({ erased: true });
    });
  });

  describe('rate limiting', () => {
    it('answers 429 once a caller exceeds the limit, and never limits /health', async () => {
      const auth = `Bearer ${await token('customer-service', { subject: 'rate-limited' } as never)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 45; i++) {
        statuses.push(
          (await http().get(`/api/v1/probe-cases/${randomUUID()}`).set('authorization', auth)).status,
        );
      }
      expect(statuses).toContain(429);
      for (let i = 0; i < 45; i++) await http().get('/health').expect(200);
    });
  });
});
