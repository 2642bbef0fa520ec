import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, Role } from '@claims/service-host';
import fc from 'fast-check';
import request from 'supertest';
import { SubmittedClaim } from '../src/domain/claim-facts';
import { cny, submittedClaim } from './fixtures';
import { JOURNEY, ReviewHarness, startReviewHarness, walk } from './http-harness';

type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
};
type Parameter = { name: string; in: 'path' | 'query'; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-roles'?: Role[];
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const HOSTILE: unknown[] = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  'x'.repeat(6000),
  '2026-02-30',
  '2099-01-01',
  '9999-12-31T00:00:00Z',
  'NaN',
  -1,
  0.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  null,
  true,
  [],
  {},
  { amountMinor: 1, currency: 'XXX' },
  { amountMinor: 1, currency: 'USD' },
  '__proto__',
];

/**
 * Schema-driven fuzzing of claims review's own routes, reaching deep: real cases in every status,
 * each role with the identity the case expects (its handler, the investigator, an approver), bodies
 * from the OpenAPI document's schemas and examples, broken, dropped, extra and prototype keys.
 * Never a 5xx; every refusal is a problem document; a refusal stores no event.
 */
describe('claims review API fuzzing on cases in every status', () => {
  let h: ReviewHarness;
  let doc: Document;
  const cases: SubmittedClaim[] = [];

  const storedEvents = (): number =>
    readFileSync(join(h.dataDir, 'claims-review', 'history.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .reduce((n, line) => n + (JSON.parse(line) as unknown[]).length, 0);

  beforeAll(async () => {
    h = await startReviewHarness();
    doc = (await request(h.app.getHttpServer()).get('/api/docs-json').expect(200)).body as Document;
    for (const [i, upTo] of [null, ...JOURNEY].entries()) {
      const base = submittedClaim({ estimatedLoss: cny(6_000_000), customerId: 'cust-fuzz' });
      const claim = { ...base, policy: { ...base.policy, policyNumber: `POL-FUZZ-${i}` } };
      await h.submit(claim);
      if (upTo) await walk(h, claim, upTo);
      cases.push(claim);
    }
  }, 60_000);

  afterAll(() => h.close());

  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(resolve));
    return schema;
  };

  const plausible = (raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
    const schema = resolve(raw);
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    if (schema.example !== undefined && schema.type !== 'array')
      return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.example) }, fc.constantFrom(...HOSTILE));
    switch (schema.type) {
      case 'integer':
        return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1e7, 1e7) });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(plausible(schema.items, depth + 1), { maxLength: 3 });
      case 'object':
      case undefined:
        if (!schema.properties || depth > 3) return fc.constant({});
        return fc.record(
          Object.fromEntries(Object.entries(schema.properties).map(([k, p]) => [k, plausible(p, depth + 1)])),
          { requiredKeys: schema.required ?? [] },
        );
      default:
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE));
    }
  };

  const body = (schema: Schema | undefined): fc.Arbitrary<string> =>
    fc
      .tuple(
        plausible(schema),
        fc.array(
          fc.tuple(fc.constantFrom('break', 'drop', 'extra', 'proto'), fc.nat(), fc.constantFrom(...HOSTILE)),
          {
            maxLength: 2,
          },
        ),
      )
      .map(([value, mutations]) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value);
        const copy = { ...(value as Record<string, unknown>) };
        const keys = Object.keys(copy);
        for (const [kind, index, hostile] of mutations) {
          const key = keys.length ? keys[index % keys.length] : 'x';
          if (kind === 'break') copy[key] = hostile;
          if (kind === 'drop') delete copy[key];
          if (kind === 'extra') copy[`unknown${index % 3}`] = hostile;
        }
        const text = JSON.stringify(copy);
        return mutations.some(([kind]) => kind === 'proto')
          ? text.replace(/^\{/, '{"__proto__":{"admin":true},')
          : text;
      })
      .map((text) => text.replace(',}', '}'));

  /** Who a role is: the identity the case expects, so that commands reach the domain's rules. */
  const subjectOf = async (role: Role, claimId: string): Promise<string> => {
    if (role === 'claims-handler') {
      const view = await h.get('auditor', 'auditor-1', `cases/${claimId}`);
      return view.body?.handlerId ?? 'handler-motor-1';
    }
    const subjects: Partial<Record<Role, string>> = {
      investigator: 'investigator-1',
      approver: 'approver-1',
    };
    return subjects[role] ?? `${role}-1`;
  };

  it('never answers 5xx, refuses with problems, stores nothing on a refusal', async () => {
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/claims-review/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBe(21);
    const failures: string[] = [];
    let requests = 0;
    const answers: Record<number, number> = {};
    for (const { path, method, op } of operations) {
      const permitted = op['x-roles'] ?? [];
      const refused = ROLES.filter((r) => !permitted.includes(r)).slice(0, 1);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const arbitrary = fc.record({
        role: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...permitted) },
          { weight: 1, arbitrary: fc.constantFrom(...refused) },
        ),
        claim: fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...cases.map((c) => c.claimId)) },
          fc.uuid(),
          fc.constantFrom('not-a-uuid', '%00', '..%2F..'),
        ),
        query: fc.record(
          Object.fromEntries(
            query.map((p) => [
              p.name,
              plausible(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
            ]),
          ),
          { requiredKeys: [] },
        ),
        body: body(op.requestBody?.content?.['application/json']?.schema),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ role, claim, query: q, body: sent }) => {
          requests++;
          const url = path.replace('{claimId}', claim);
          const subject = await subjectOf(role, claim);
          const before = method === 'get' ? 0 : storedEvents();
          const bearer = await h.bearer(
            role,
            subject,
            role === 'customer' ? { customerId: 'cust-fuzz' } : {},
          );
          const server = request(h.app.getHttpServer());
          const call =
            method === 'get' ? server.get(url) : server.post(url).set('content-type', 'application/json');
          const response = await (method === 'get' ? call : call.send(sent))
            .set('authorization', bearer)
            .query(q);
          answers[response.status] = (answers[response.status] ?? 0) + 1;
          const sentText = method === 'get' ? '' : sent.slice(0, 200);
          const where = `${method.toUpperCase()} ${url} as ${role} ${sentText}`;
          if (response.status >= 500)
            failures.push(`${where} -> ${response.status} ${response.text.slice(0, 300)}`);
          if (response.status >= 400) {
            if (!/application\/problem\+json/.test(response.headers['content-type'] ?? ''))
              failures.push(`${where} -> ${response.status}: not a problem document`);
            if (method !== 'get' && storedEvents() !== before)
              failures.push(`${where}: a refusal stored events`);
          }
        }),
        { numRuns: RUNS, seed: 20250609 + requests },
      );
    }
    const statuses = JSON.stringify(answers);
    process.stdout.write(
      `claims-review fuzz: ${requests} requests over ${operations.length} operations: ${statuses}\n`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
  }, 300_000);
});
