/**
 * The API gateway of the distributed platform, as data: the five services' OpenAPI documents
 * merged into the one the embedded platform serves, the routing table read from them (which
 * service owns which `/api/v1/<segment>`), and the nginx configuration that serves both.
 * Pure functions: deploy/distributed/gateway/build-gateway.ts fetches the documents and writes
 * the files; the specs check them without nginx.
 */
import { uniqueOperationIds } from '@claims/service-host';

/** An OpenAPI 3 document as the services serve it (only what the merge needs is typed). */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, unknown>;
  readonly tags?: readonly { readonly name: string }[];
  readonly components?: Record<string, Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface ServiceDocument {
  readonly service: string;
  readonly document: OpenApiDocument;
}

export const API_PREFIX = '/api/v1/';

export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

/**
 * One document for the platform, the one the embedded platform serves: paths in service order
 * (the host's routes, served by every process, once), components and tags united, operation ids
 * made unique across services. A path or component that two services describe
 * differently is an error: the gateway would answer one of them and document the other.
 */
export function mergeDocuments(documents: readonly ServiceDocument[]): OpenApiDocument {
  if (documents.length === 0) throw new GatewayConfigError('no service documents to merge');
  const [first, ...rest] = documents;
  const merged = structuredClone(first.document) as OpenApiDocument & {
    paths: Record<string, unknown>;
    components: Record<string, Record<string, unknown>>;
    tags: { name: string }[];
  };
  merged.components ??= {};
  merged.tags ??= [];
  for (const { service, document } of rest) {
    for (const [path, item] of Object.entries(document.paths)) {
      if (!(path in merged.paths)) merged.paths[path] = structuredClone(item);
      else if (!sameJson(merged.paths[path], item))
        throw new GatewayConfigError(`path ${path} of ${service} differs from ${owners(documents, path)}`);
    }
    for (const [section, entries] of Object.entries(document.components ?? {})) {
      const target = (merged.components[section] ??= {});
      for (const [name, value] of Object.entries(entries)) {
        if (!(name in target)) target[name] = structuredClone(value);
        else if (!sameJson(target[name], value))
          throw new GatewayConfigError(
            `components.${section}.${name} of ${service} differs from another service's`,
          );
      }
    }
    for (const tag of document.tags ?? [])
      if (!merged.tags.some((t) => t.name === tag.name)) merged.tags.push(structuredClone(tag));
  }
  // As one process documents them all: ids unique across services, the Problem schema last.
  uniqueOperationIds(merged as never);
  const schemas = merged.components.schemas;
  if (schemas && 'Problem' in schemas) {
    const problem = schemas.Problem;
    delete schemas.Problem;
    schemas.Problem = problem;
  }
  return merged;
}

function owners(documents: readonly ServiceDocument[], path: string): string {
  return documents
    .filter((d) => path in d.document.paths)
    .map((d) => d.service)
    .join(', ');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface RouteTable {
  /** `/api/v1/<segment>` -> the service that owns every path under it. */
  readonly owners: ReadonlyMap<string, string>;
  /** Segments every process serves (the host's routes: audit trail, forget requests): any instance answers. */
  readonly anyInstance: readonly string[];
}

/**
 * Which service answers which `/api/v1/<segment>...`, read from what each service documents: a
 * segment is owned by the one service whose paths use it; segments in every document are the
 * host's routes (the audit trail, forget requests), which any instance answers from the shared
 * host records. A segment claimed by two services is an error.
 */
export function routeTable(documents: readonly ServiceDocument[]): RouteTable {
  const segmentsOf = (document: OpenApiDocument) =>
    new Set(
      Object.keys(document.paths)
        .filter((p) => p.startsWith(API_PREFIX))
        .map((p) => p.slice(API_PREFIX.length).split('/')[0]),
    );
  const perService = documents.map(({ service, document }) => ({ service, segments: segmentsOf(document) }));
  const everywhere = [...(perService[0]?.segments ?? [])].filter((s) =>
    perService.every((p) => p.segments.has(s)),
  );
  const owners = new Map<string, string>();
  for (const { service, segments } of perService) {
    for (const segment of segments) {
      if (everywhere.includes(segment) && documents.length > 1) continue;
      const owner = owners.get(segment);
      if (owner && owner !== service)
        throw new GatewayConfigError(`/api/v1/${segment} is served by both ${owner} and ${service}`);
      owners.set(segment, service);
    }
  }
  if (documents.length === 1) return { owners, anyInstance: [] };
  return { owners, anyInstance: everywhere };
}

export interface GatewayService {
  readonly name: string;
  /** `host:port` of each instance. */
  readonly instances: readonly string[];
}

export interface NginxOptions {
  /** `address:port` the gateway listens on, e.g. `127.0.0.1:3000`. */
  readonly listen: string;
  /** Where nginx keeps its pid, logs and temporary files (the run folder's `gateway/`). */
  readonly runDir: string;
  /** Holds `openapi.json` and `docs/index.html`. */
  readonly htmlDir: string;
  /** The swagger-ui-dist package folder, for the docs page's assets. */
  readonly swaggerUiDir: string;
  /** The njs module (`ngx_http_js_module.so`); null when nginx has it built in. */
  readonly njsModule: string | null;
  /** deploy/distributed/gateway/gateway.js */
  readonly njsScript: string;
  readonly services: readonly GatewayService[];
  readonly routes: RouteTable;
  /** Requests per caller per minute (RATE_LIMIT_PER_MINUTE); each address may send ten times as many. */
  readonly rateLimitPerMinute: number;
  /** Largest upload (multipart) body, e.g. `21m`; every other body is limited to 256k. */
  readonly uploadBodyLimit: string;
}

/** `/api/v1/claims/{claimId}/documents`: the one route that takes multipart uploads (intake). */
export const UPLOAD_ROUTE = /^\/api\/v1\/claims\/\{[^}]+\}\/documents$/;

/** The gateway's nginx.conf: routing, request ids, per-caller rate limits, body limits, health, docs. */
export function nginxConfig(options: NginxOptions): string {
  const { runDir, htmlDir } = options;
  const upstreams = options.services.map(
    (s) =>
      `  upstream ${upstreamName(s.name)} {\n${s.instances.map((i) => `    server ${i} max_fails=1 fail_timeout=2s;`).join('\n')}\n    keepalive 8;\n  }`,
  );
  const allInstances = options.services.flatMap((s) => s.instances);
  const healthTargets = options.services.flatMap((s) => s.instances.map((i) => `${s.name}=${i}`)).join(',');
  const owned = [...options.routes.owners].sort(([a], [b]) => a.localeCompare(b));
  const routeBlocks = owned.map(([segment, service]) => {
    const upstream = upstreamName(service);
    const uploads =
      segment === 'claims'
        ? `\n      location ~ ^/api/v1/claims/[^/]+/documents$ {\n        client_max_body_size ${options.uploadBodyLimit};\n        proxy_pass http://${upstream};\n      }`
        : '';
    return [
      `    # /api/v1/${segment}: ${service}`,
      `    location = /api/v1/${segment} {\n      include ${runDir}/api-limits.conf;\n      proxy_pass http://${upstream};\n    }`,
      `    location ^~ /api/v1/${segment}/ {\n      include ${runDir}/api-limits.conf;${uploads}\n      proxy_pass http://${upstream};\n    }`,
    ].join('\n');
  });
  const perServiceHealth = options.services.map(
    (s) =>
      `    location = /health/${s.name} {\n      proxy_pass http://${upstreamName(s.name)}/health;\n    }`,
  );
  return `# Generated by deploy/distributed/gateway/build-gateway.ts at every start: edits are overwritten.
${options.njsModule ? `load_module ${options.njsModule};\n` : ''}worker_processes 1;
pid ${runDir}/nginx.pid;
error_log ${runDir}/error.log warn;

events {
  worker_connections 1024;
}

http {
  types {
    text/html html;
    text/css css;
    application/javascript js;
    application/json json map;
    image/png png;
  }
  default_type application/octet-stream;
  server_tokens off;
  client_body_temp_path ${runDir}/temp/client-body;
  proxy_temp_path ${runDir}/temp/proxy;
  fastcgi_temp_path ${runDir}/temp/fastcgi;
  uwsgi_temp_path ${runDir}/temp/uwsgi;
  scgi_temp_path ${runDir}/temp/scgi;

  # One JSON line per request: the request id, never the Authorization header, a body or a query string.
  log_format gateway escape=json '{"time":"$time_iso8601","requestId":"$gateway_request_id","correlationId":"$gateway_correlation_id",'
    '"method":"$request_method","path":"$uri","status":$status,"bytes":$body_bytes_sent,"durationS":$request_time,'
    '"upstream":"$upstream_addr","upstreamStatus":"$upstream_status","upstreamDurationS":"$upstream_response_time"}';
  access_log ${runDir}/access.log gateway;

  js_import gateway from ${options.njsScript};
  js_fetch_timeout 5s;

  # Request ids: the caller's X-Request-Id when it is a safe id, else a new one; it is the
  # correlation id the services record unless the caller sent its own X-Correlation-Id.
  map $http_x_request_id $gateway_request_id {
    "~^[A-Za-z0-9._:-]{1,100}$" $http_x_request_id;
    default $request_id;
  }
  map $http_x_correlation_id $gateway_correlation_id {
    "~^[A-Za-z0-9._:-]{1,100}$" $http_x_correlation_id;
    default $gateway_request_id;
  }

  # Rate limits, in shared memory for every instance behind the gateway: per caller (the bearer
  # token; the address when there is none) and, so that made-up tokens do not escape it, per address.
  map $http_authorization $rate_limit_caller {
    "" $binary_remote_addr;
    default $http_authorization;
  }
  limit_req_zone $rate_limit_caller zone=per_caller:10m rate=${options.rateLimitPerMinute}r/m;
  limit_req_zone $binary_remote_addr zone=per_address:10m rate=${options.rateLimitPerMinute * 10}r/m;
  limit_req_status 429;
  limit_req_log_level warn;

${upstreams.join('\n')}
  upstream any_instance {
${allInstances.map((i) => `    server ${i} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 8;
  }

  server {
    listen ${options.listen};
    client_max_body_size 256k;

    add_header X-Request-Id $gateway_request_id always;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Request-Id $gateway_request_id;
    proxy_set_header X-Correlation-Id $gateway_correlation_id;
    # The per-caller limit is the gateway's; the services' own (a backstop) would only mislead.
    proxy_hide_header X-RateLimit-Limit;
    proxy_hide_header X-RateLimit-Remaining;
    proxy_hide_header X-RateLimit-Reset;
    proxy_connect_timeout 2s;
    proxy_read_timeout 60s;
    # Only idempotent requests go to another instance after a connection error (nginx's default).
    proxy_next_upstream error timeout;

    error_page 413 @problem_413;
    error_page 429 @problem_429;
    error_page 502 @problem_502;
    error_page 503 @problem_503;
    error_page 504 @problem_504;
    location @problem_413 { set $problem_status 413; js_content gateway.problem; }
    location @problem_429 { set $problem_status 429; js_content gateway.problem; }
    location @problem_502 { set $problem_status 502; js_content gateway.problem; }
    location @problem_503 { set $problem_status 503; js_content gateway.problem; }
    location @problem_504 { set $problem_status 504; js_content gateway.problem; }

    # Health: every service, as the embedded platform reports it (200 all up, 503 otherwise),
    # and each service's own report at /health/<service>.
    location = /health {
      set $health_targets "${healthTargets}";
      js_content gateway.health;
    }
${perServiceHealth.join('\n')}

    # The merged OpenAPI document of every service, and the docs page on it.
    location = /api/docs-json {
      default_type application/json;
      alias ${htmlDir}/openapi.json;
    }
    location = /api/docs {
      default_type text/html;
      alias ${htmlDir}/docs/index.html;
    }
    location = /api/docs/ {
      default_type text/html;
      alias ${htmlDir}/docs/index.html;
    }
    location ^~ /api/docs/ {
      alias ${options.swaggerUiDir}/;
    }

${routeBlocks.join('\n')}

    # The host's routes (${options.routes.anyInstance.map((s) => `/api/v1/${s}`).join(', ') || 'none'}) and anything
    # unknown: any instance answers, from the shared host records, exactly as the embedded platform would.
    location / {
      include ${runDir}/api-limits.conf;
      proxy_pass http://any_instance;
    }
  }
}
`;
}

/** The rate limits every API location includes. */
export function apiLimitsConfig(options: Pick<NginxOptions, 'rateLimitPerMinute'>): string {
  const burst = Math.max(1, options.rateLimitPerMinute);
  return `# Generated by build-gateway.ts: a caller may send RATE_LIMIT_PER_MINUTE requests at once, then that many a minute.
limit_req zone=per_caller burst=${burst} nodelay;
limit_req zone=per_address burst=${burst * 10} nodelay;
`;
}

function upstreamName(service: string): string {
  return `service_${service.replace(/[^a-z0-9]+/g, '_')}`;
}

/** The docs page: Swagger UI (from swagger-ui-dist) on the merged document. */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Claims and complaints platform: API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
    <script>
      window.ui = SwaggerUIBundle({
        url: '/api/docs-json',
        dom_id: '#swagger-ui',
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: 'StandaloneLayout',
        persistAuthorization: true,
      });
    </script>
  </body>
</html>
`;
}
