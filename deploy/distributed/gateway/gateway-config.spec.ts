/* eslint-disable @nx/enforce-module-boundaries -- the gateway is checked against the composed service apps */
/**
 * The gateway's merged OpenAPI document is the embedded platform's, byte for byte; its routing
 * table sends each path to the service that serves it; nginx accepts the configuration (when
 * nginx is installed: `nginx -t`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { AnalyticsModule } from '@claims/analytics';
import { ClaimsReviewModule } from '@claims/claims-review';
import { ComplaintModule } from '@claims/complaint';
import { IntakeModule } from '@claims/intake';
import { NotificationModule } from '@claims/notification';
import { JsonLogger, createHost, loadPlatformConfig } from '@claims/service-host';
import request from 'supertest';
import { allServices } from '../../runtime/embedded';
import {
  OpenApiDocument,
  ServiceDocument,
  apiLimitsConfig,
  docsPage,
  mergeDocuments,
  nginxConfig,
  routeTable,
} from './gateway-config';

const SERVICES: [string, () => DynamicModule][] = [
  ['intake', () => IntakeModule.register()],
  ['claims-review', () => ClaimsReviewModule.register()],
  ['complaint', () => ComplaintModule.register()],
  ['notification', () => NotificationModule.register()],
  ['analytics', () => AnalyticsModule.register()],
];

async function documentOf(
  name: string,
  services: DynamicModule[],
  dataDir: string,
): Promise<OpenApiDocument> {
  const config = loadPlatformConfig({ DATA_DIR: join(dataDir, name), LOG_LEVEL: 'error' });
  const app: INestApplication = await createHost({
    name,
    config,
    services,
    logger: new JsonLogger(name, 'error'),
  });
  await app.init();
  try {
    return (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  } finally {
    await app.close();
  }
}

describe('the API gateway', () => {
  let dataDir: string;
  let embedded: OpenApiDocument;
  let documents: ServiceDocument[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-'));
    embedded = await documentOf('platform', allServices(), dataDir);
    documents = [];
    for (const [service, module] of SERVICES)
      documents.push({ service, document: await documentOf(service, [module()], dataDir) });
  }, 120_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('merges the five services’ OpenAPI documents into the embedded platform’s, byte for byte', () => {
    expect(JSON.stringify(mergeDocuments(documents))).toBe(JSON.stringify(embedded));
  });

  it('routes each documented path to the service that serves it; the host’s routes to any instance', () => {
    const routes = routeTable(documents);
    for (const { service, document } of documents) {
      for (const path of Object.keys(document.paths).filter((p) => p.startsWith('/api/v1/'))) {
        const segment = path.split('/')[3];
        if (routes.anyInstance.includes(segment)) continue;
        expect([path, routes.owners.get(segment)]).toEqual([path, service]);
      }
    }
    expect(Object.fromEntries(routes.owners)).toMatchObject({
      claims: 'intake',
      policies: 'intake',
      consultations: 'intake',
      'claims-review': 'claims-review',
    });
    expect([...routes.anyInstance].sort()).toEqual(['audit', 'personal-data']);
  });

  it('refuses a path two services document differently, and a segment two services claim', () => {
    const a = { openapi: '3.0.0', paths: { '/api/v1/things': { get: { operationId: 'a' } } } };
    const b = { openapi: '3.0.0', paths: { '/api/v1/things': { get: { operationId: 'b' } } } };
    expect(() =>
      mergeDocuments([
        { service: 'a', document: a },
        { service: 'b', document: b },
      ]),
    ).toThrow(/differs/);
    const c = {
      openapi: '3.0.0',
      paths: { '/api/v1/things/{id}': { get: { operationId: 'c' } }, '/api/v1/other': {} },
    };
    const d = { openapi: '3.0.0', paths: { '/api/v1/things': { get: { operationId: 'd' } } } };
    const e = { openapi: '3.0.0', paths: { '/api/v1/else': {} } };
    expect(() =>
      routeTable([
        { service: 'a', document: c },
        { service: 'b', document: d },
        { service: 'e', document: e },
      ]),
    ).toThrow(/both a and b/);
  });

  it('writes an nginx configuration that nginx accepts', () => {
    const dir = join(dataDir, 'gateway');
    mkdirSync(join(dir, 'html', 'docs'), { recursive: true });
    mkdirSync(join(dir, 'temp'), { recursive: true });
    const services = documents.map((d, i) => ({ name: d.service, instances: [`127.0.0.1:${3101 + i}`] }));
    const njsModule = '/usr/lib/nginx/modules/ngx_http_js_module.so';
    const config = nginxConfig({
      listen: '127.0.0.1:3100',
      runDir: dir,
      htmlDir: join(dir, 'html'),
      swaggerUiDir: resolve(__dirname, '../../../node_modules/swagger-ui-dist'),
      njsModule,
      njsScript: resolve(__dirname, 'gateway.js'),
      services,
      routes: routeTable(documents),
      rateLimitPerMinute: 600,
      uploadBodyLimit: '21m',
    });
    expect(config).toContain(
      'location ~ ^/api/v1/claims/[^/]+/documents$ {\n        client_max_body_size 21m;',
    );
    expect(config).toContain('client_max_body_size 256k;');
    expect(config).toContain('limit_req_zone $rate_limit_caller zone=per_caller:10m rate=600r/m;');
    expect(config).toMatch(
      /location \^~ \/api\/v1\/claims-review\/ \{[^}]*proxy_pass http:\/\/service_claims_review;/,
    );
    writeFileSync(join(dir, 'nginx.conf'), config);
    writeFileSync(join(dir, 'api-limits.conf'), apiLimitsConfig({ rateLimitPerMinute: 600 }));
    writeFileSync(join(dir, 'html', 'docs', 'index.html'), docsPage());
    let nginx = true;
    try {
      execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    } catch {
      nginx = false;
    }
    if (!nginx) {
      // .ci/distributed-check is the check that requires nginx; here the generated text is checked above.
      console.warn('skipped: nginx -t (no nginx on PATH: apt-get install -y nginx libnginx-mod-http-js)');
      return;
    }
    execFileSync(
      'nginx',
      ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
      { stdio: 'pipe' },
    );
  });
});
