import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JsonLogger, createHost, issueToken, loadPlatformConfig } from '@claims/service-host';
import request from 'supertest';
import { allServices } from './embedded';
import { motorClaimReport } from './platform-test-support';

const SERVICES = ['intake', 'claims-review', 'complaint', 'notification', 'analytics'];

describe('embedded platform (all five services in one process)', () => {
  let dataDir: string;
  let app: INestApplication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'platform-'));
    const config = loadPlatformConfig({ DATA_DIR: dataDir });
    app = await createHost({
      name: 'platform',
      config,
      services: allServices(),
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports each service up on /health', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body.status).toBe('up');
    expect(Object.keys(response.body.services).sort()).toEqual([...SERVICES].sort());
    for (const name of SERVICES) {
      const { status, components } = response.body.services[name];
      expect(status).toBe('up');
      expect(components).toMatchObject({ eventStore: 'up', readModels: 'up', relay: 'up' });
      expect(Object.values(components).every((c) => c === 'up')).toBe(true);
    }
    expect(response.body.services['claims-review'].components['consumer:intake-claims']).toBe('up');
  });

  it('keeps each service’s data in its own folder of the data directory', () => {
    expect(readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(SERVICES));
  });

  it('serves the OpenAPI document and page', async () => {
    const json = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.paths['/health']).toBeDefined();
    await request(app.getHttpServer()).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('answers an unknown route with RFC 9457 problem details', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/nothing-here').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, instance: '/api/v1/nothing-here' });
    expect(response.body.title).toEqual(expect.any(String));
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(response.body.detail).toMatch(/JSON/);
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(300 * 1024) }))
      .expect(413);
    expect(response.body).toMatchObject({ status: 413 });
  });
});

describe('embedded platform restart', () => {
  it('keeps claims, read models and tokens across a restart of the process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'platform-restart-'));
    const config = loadPlatformConfig({ DATA_DIR: dataDir });
    const start = async () => {
      const app = await createHost({
        name: 'platform',
        config,
        services: allServices(),
        logger: new JsonLogger('test', 'error'),
      });
      await app.init();
      return app;
    };
    try {
      const first = await start();
      const token = await issueToken(config, { role: 'customer-service', subject: 'agent-7' });
      const reported = await request(first.getHttpServer())
        .post('/api/v1/claims')
        .set('authorization', `Bearer ${token}`)
        .send(motorClaimReport())
        .expect(201);
      await first.close();

      const second = await start();
      try {
        const again = await request(second.getHttpServer())
          .get(`/api/v1/claims/${reported.body.claimId}`)
          .set('authorization', `Bearer ${token}`)
          .expect(200);
        expect(again.body).toMatchObject({
          claimId: reported.body.claimId,
          claimNumber: reported.body.claimNumber,
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('process start with bad configuration', () => {
  it('stops with a non-zero exit code and names the variable', () => {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'embedded.ts')], {
      env: { ...process.env, PORT: 'not-a-port', EVENT_STORE: 'mongodb' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT="not-a-port"');
    expect(result.stderr).toContain('EVENT_STORE="mongodb"');
  }, 60_000);
});
