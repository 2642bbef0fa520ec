import { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  operationId?: string;
  parameters?: object[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details: the body of every error response',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      example: 'https://claims-platform.example/problems/business-rule-violated',
    },
    title: { type: 'string', example: 'Business rule violated' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string' },
    instance: { type: 'string', example: '/api/v1/claims/6f1c…/submission' },
    code: {
      type: 'string',
      description: 'Stable code of the business rule (422)',
      example: 'documents-missing',
    },
    errors: {
      type: 'array',
      description: 'Invalid fields by path (400)',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    retryAfterSeconds: { type: 'integer', description: 'With 409 for a request still in progress' },
  },
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key with the same request answers the first response again ' +
    '(Idempotent-Replayed: true) and changes nothing; with another request 422; while the first still runs 409.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,100}$' },
};

const PROBLEMS: Record<string, string> = {
  '400': 'Invalid request: the `errors` list names each invalid field by its path',
  '401': 'No bearer token, or an invalid or expired one',
  '403': 'The caller’s role may not do this',
  '404': 'No such resource (or it belongs to another customer)',
  '409':
    'Changed by someone else meanwhile (reload and retry), or the same Idempotency-Key still in progress',
  '413': 'Request body too large',
  '415': 'Body neither JSON nor, for uploads, multipart',
  '422': 'A business rule refused the command: `code` says which',
  '429': 'Too many requests from this caller',
};

/**
 * Every operation of the public API lists the problems it can answer, as RFC 9457 documents, so a
 * client written from the document alone handles them; operation ids are unique across services.
 */
export function describeProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  uniqueOperationIds(document);
  for (const { path, method, operation } of operationsOf(document)) {
    if (!path.startsWith('/api/')) {
      operation.security = [];
      continue;
    }
    if (method === 'post') {
      operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
    }
    for (const status of problemsOf(path, method, operation)) {
      operation.responses[status] ??= {
        description: PROBLEMS[status],
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return document;
}

function operationsOf(document: Pick<OpenAPIObject, 'paths'>) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
      path,
      method,
      operation,
    })),
  );
}

/**
 * An operation id used more than once (e.g. `WorkQueueController_list` of two services) gets its
 * path's area as a prefix (`claimsReview_WorkQueueController_list`). The gateway applies it
 * again to the services' merged documents, so they carry the embedded platform's ids.
 */
export function uniqueOperationIds(document: Pick<OpenAPIObject, 'paths'>): void {
  const ids = new Map<string, number>();
  const operations = operationsOf(document);
  for (const { operation } of operations)
    ids.set(operation.operationId ?? '', (ids.get(operation.operationId ?? '') ?? 0) + 1);
  for (const { path, operation } of operations) {
    if ((ids.get(operation.operationId ?? '') ?? 0) > 1)
      operation.operationId = `${areaOf(path)}_${operation.operationId}`;
  }
}

function problemsOf(path: string, method: string, operation: Operation): string[] {
  const statuses = ['400', '401', '403', '429'];
  if (path.includes('{')) statuses.push('404');
  if (method !== 'get') statuses.push('409', '422');
  if (operation.requestBody) statuses.push('413', '415');
  return statuses;
}

/** `/api/v1/claims-review/cases` -> `claimsReview`. */
function areaOf(path: string): string {
  const segment = path.replace(/^\/api\/v\d+\//, '').split('/')[0];
  return segment.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}
