/**
 * Writes the gateway's files once the services answer: fetches each service's /api/docs-json,
 * merges them into one document (the one the embedded platform serves), reads the routing
 * table from them, and writes nginx.conf, api-limits.conf, html/openapi.json and the docs page.
 *
 *   GATEWAY_SERVICES=intake=127.0.0.1:3001,claims-review=127.0.0.1:3002,... \
 *   GATEWAY_DIR=deploy/distributed/.run/gateway GATEWAY_LISTEN=127.0.0.1:3000 \
 *   node -r @swc-node/register deploy/distributed/gateway/build-gateway.ts
 *
 * Optional: RATE_LIMIT_PER_MINUTE (600), NGINX_JS_MODULE (path of ngx_http_js_module.so, or empty).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  GatewayService,
  OpenApiDocument,
  ServiceDocument,
  apiLimitsConfig,
  docsPage,
  mergeDocuments,
  nginxConfig,
  routeTable,
} from './gateway-config';

/** Multipart uploads: intake's limit is twice MAX_DOCUMENT_BYTES (10 MiB), plus the form's own bytes. */
export const UPLOAD_BODY_LIMIT = '21m';

export function parseServices(spec: string): GatewayService[] {
  const byName = new Map<string, string[]>();
  for (const entry of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z][a-z0-9-]*)=([^\s,=]+:\d+)$/.exec(entry);
    if (!match) throw new Error(`GATEWAY_SERVICES: "${entry}" is not <service>=<host>:<port>`);
    byName.set(match[1], [...(byName.get(match[1]) ?? []), match[2]]);
  }
  return [...byName].map(([name, instances]) => ({ name, instances }));
}

async function fetchDocument(service: GatewayService): Promise<ServiceDocument> {
  const url = `http://${service.instances[0]}/api/docs-json`;
  const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
  return { service: service.name, document: (await answer.json()) as OpenApiDocument };
}

async function main(): Promise<void> {
  const services = parseServices(process.env.GATEWAY_SERVICES ?? '');
  if (services.length === 0) throw new Error('GATEWAY_SERVICES is empty');
  const dir = resolve(process.env.GATEWAY_DIR ?? 'deploy/distributed/.run/gateway');
  const htmlDir = join(dir, 'html');
  const documents = await Promise.all(services.map(fetchDocument));
  const merged = mergeDocuments(documents);
  const routes = routeTable(documents);
  const rateLimitPerMinute = Number(process.env.RATE_LIMIT_PER_MINUTE ?? 600);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1)
    throw new Error('RATE_LIMIT_PER_MINUTE must be a positive integer');
  for (const sub of ['temp', 'html/docs']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(htmlDir, 'openapi.json'), JSON.stringify(merged));
  writeFileSync(join(htmlDir, 'docs', 'index.html'), docsPage());
  writeFileSync(join(dir, 'api-limits.conf'), apiLimitsConfig({ rateLimitPerMinute }));
  writeFileSync(
    join(dir, 'nginx.conf'),
    nginxConfig({
      listen: process.env.GATEWAY_LISTEN ?? '127.0.0.1:3000',
      runDir: dir,
      htmlDir,
      swaggerUiDir: dirname(require.resolve('swagger-ui-dist/package.json')),
      njsModule: process.env.NGINX_JS_MODULE || null,
      njsScript: resolve(__dirname, 'gateway.js'),
      services,
      routes,
      rateLimitPerMinute,
      uploadBodyLimit: UPLOAD_BODY_LIMIT,
    }),
  );
  const table = [...routes.owners].map(([segment, service]) => `/api/v1/${segment} -> ${service}`);
  table.push(...routes.anyInstance.map((segment) => `/api/v1/${segment} -> any instance (host route)`));
  process.stdout.write(`${table.map((line) => `  ${line}`).join('\n')}\n`);
  process.stdout.write(
    `  merged OpenAPI document: ${Object.keys(merged.paths).length} paths from ${documents.length} services\n`,
  );
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`build-gateway: ${error.message}\n`);
    process.exit(1);
  });
}
