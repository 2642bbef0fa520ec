import request from 'supertest';
import { SubmittedClaim } from '../src/domain/claim-facts';
import { cny, submittedClaim } from './fixtures';
import { ReviewHarness, handlerOf, startReviewHarness, walk } from './http-harness';

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};
type Operation = {
  'x-roles'?: string[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/**
 * A customer reading claims review gets their customer view and nothing else: on every route the
 * OpenAPI document lets a customer call, each answer holds only the fields the documented
 * customer schema lists, and none of the internal work behind the case.
 */
describe('customer views', () => {
  let h: ReviewHarness;
  let doc: OpenApi;
  const customer = { customerId: 'cust-views' };
  const claims: Record<string, SubmittedClaim> = {};
  /** Text that is internal work: it must never reach a customer. */
  const INTERNAL = [
    'INTERNAL-APPROVER-COMMENT',
    'SUSPICION-REASON',
    'INVESTIGATION-INSTRUCTIONS',
    'investigator-1',
    'handler-motor',
    'acceptor-1',
    'approver-1',
    'fraud',
    'misrepresentation',
    'SEND-BACK-COMMENT',
    'DOCUMENT-NOTE',
    '王小明',
  ];

  beforeAll(async () => {
    h = await startReviewHarness();
    doc = (await request(h.app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenApi;
    const claim = (name: string) => {
      claims[name] = submittedClaim({ customerId: customer.customerId, estimatedLoss: cny(6_000_000) });
      return claims[name];
    };
    for (const name of [
      'received',
      'investigated',
      'asked',
      'sentBack',
      'approved',
      'instructed',
      'closed',
    ]) {
      await h.submit(claim(name));
    }
    const handler = (c: SubmittedClaim) => handlerOf(h, c.claimId);

    await walk(h, claims.investigated, 'accepted');
    const investigated = claims.investigated.claimId;
    await h.post('claims-handler', await handler(claims.investigated), `${investigated}/suspicions`, {
      suspicion: 'fraud',
      reason: 'SUSPICION-REASON',
    });
    await h.post('claims-handler', await handler(claims.investigated), `${investigated}/investigation`, {
      investigatorId: 'investigator-1',
      mode: 'on-site',
      instructions: 'INVESTIGATION-INSTRUCTIONS',
    });

    await walk(h, claims.asked, 'accepted');
    await h.post('claims-handler', await handler(claims.asked), `${claims.asked.claimId}/document-review`, {
      findings: [
        { documentId: 'doc-3', authentic: true, complete: false, compliant: true, note: 'DOCUMENT-NOTE' },
      ],
    });
    await h.post(
      'claims-handler',
      await handler(claims.asked),
      `${claims.asked.claimId}/supplementary-document-requests`,
      {
        items: [{ documentKind: 'repair-estimate', reason: 'The estimate must be signed by the garage' }],
      },
    );

    await walk(h, claims.sentBack, 'proposed');
    await h.post('approver', 'approver-1', `${claims.sentBack.claimId}/send-back`, {
      comment: 'SEND-BACK-COMMENT',
    });
    await walk(h, claims.approved, 'approved');
    await walk(h, claims.instructed, 'instructed');
    await walk(h, claims.closed, 'closed');
  }, 60_000);

  afterAll(() => h.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      const properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
      return { type: 'object', nullable: schema.nullable, properties };
    }
    return schema;
  };

  /** Paths of every value in `value` that the schema does not document. */
  const undocumented = (value: unknown, raw: Schema, path = '$'): string[] => {
    const schema = resolve(raw);
    if (value === null) return schema.nullable ? [] : [`${path} (null)`];
    if (Array.isArray(value)) {
      if (schema.type !== 'array' || !schema.items) return [`${path} (array)`];
      return value.flatMap((item, i) => undocumented(item, schema.items as Schema, `${path}[${i}]`));
    }
    if (typeof value === 'object') {
      if (schema.type !== 'object' && !schema.properties) return [`${path} (object)`];
      return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
        const property = schema.properties?.[key];
        if (property) return undocumented(v, property, `${path}.${key}`);
        if (typeof schema.additionalProperties === 'object')
          return undocumented(v, schema.additionalProperties, `${path}.${key}`);
        return [`${path}.${key}`];
      });
    }
    return [];
  };

  /** The customer's documented answer of an operation: the customer schema where staff get another. */
  const customerSchemaOf = (operation: Operation): Schema => {
    const schema = operation.responses['200'].content?.['application/json'].schema as Schema;
    const choices = schema.anyOf ?? schema.oneOf;
    if (!choices) return schema;
    const mine = choices.find((c) => /Customer/.test(c.$ref ?? ''));
    if (!mine) throw new Error('a route a customer reads documents no customer view');
    return mine;
  };

  it('answers every customer-readable route with only the documented customer view', async () => {
    const readable = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/claims-review/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
      )
      .filter(({ operation }) => operation['x-roles']?.includes('customer'));
    expect(readable.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([
      'get /api/v1/claims-review/cases',
      'get /api/v1/claims-review/cases/{claimId}',
      'get /api/v1/claims-review/time-limits',
      'get /api/v1/claims-review/work-queue',
    ]);
    let answers = 0;
    for (const { path, method, operation } of readable) {
      expect(method).toBe('get');
      const urls = path.includes('{claimId}')
        ? Object.values(claims).map((c) => path.replace('{claimId}', c.claimId))
        : [path, `${path}?limit=2`];
      for (const url of urls) {
        const response = await h.get(
          'customer',
          'cust-views-login',
          url.replace('/api/v1/claims-review/', ''),
          customer,
        );
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
        expect({ url, undocumented: undocumented(response.body, customerSchemaOf(operation)) }).toEqual({
          url,
          undocumented: [],
        });
        const text = JSON.stringify(response.body);
        expect({ url, internal: INTERNAL.filter((t) => text.includes(t)) }).toEqual({ url, internal: [] });
        answers++;
      }
    }
    expect(answers).toBe(Object.keys(claims).length + 6);
  });

  it('tells the customer where the claim stands, what is asked, the decision and the payment', async () => {
    const view = async (name: string) =>
      (await h.get('customer', 'c', `cases/${claims[name].claimId}`, customer)).body;
    expect((await view('received')).progress.stage).toBe('received');
    // an investigation and a send-back are internal: the customer's claim is simply in review
    expect((await view('investigated')).progress).toEqual({
      stage: 'in-review',
      description: 'Your claim is being reviewed.',
    });
    expect((await view('sentBack')).progress.stage).toBe('in-review');
    expect(await view('asked')).toMatchObject({
      progress: { stage: 'documents-requested' },
      requestedDocuments: {
        round: 1,
        items: [{ documentKind: 'repair-estimate', reason: 'The estimate must be signed by the garage' }],
        respondBy: expect.any(String),
      },
    });
    expect((await view('approved')).decision).toEqual({
      outcome: 'approved',
      payout: cny(4_720_000),
      reasons: [],
      explanation: 'Collision damage confirmed',
      policyBasis: 'Motor own-damage, clause 3',
    });
    expect((await view('instructed')).payment).toEqual({
      amount: cny(4_720_000),
      expectedArrivalDate: '2025-06-11',
      paid: false,
      paidOn: null,
    });
    expect(await view('closed')).toMatchObject({
      progress: { stage: 'closed' },
      payment: { paid: true, paidOn: '2025-06-09' },
      closedAt: expect.any(String),
    });
    const queue = (await h.get('customer', 'c', 'work-queue', customer)).body;
    expect(queue.items.map((c: { claimId: string }) => c.claimId)).toEqual([claims.asked.claimId]);
  });

  it('refuses staff filters from a customer, and shows another customer nothing', async () => {
    const filtered = await h.get('customer', 'c', 'cases?status=under-investigation', customer);
    expect(filtered.status).toBe(400);
    expect(filtered.body.errors).toEqual([{ path: 'status', message: 'status is a staff filter' }]);
    const other = { customerId: 'cust-someone-else' };
    expect((await h.get('customer', 'o', 'cases', other)).body).toEqual({ items: [], nextCursor: null });
    expect((await h.get('customer', 'o', `cases/${claims.closed.claimId}`, other)).status).toBe(404);
    expect((await h.get('customer', 'o', 'time-limits', other)).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('keeps the staff view as it was', async () => {
    const staff = (await h.get('claims-handler', 'x', `cases/${claims.investigated.claimId}`)).body;
    expect(staff).toMatchObject({
      status: 'under-investigation',
      suspicions: { fraud: 'raised' },
      investigation: { investigatorId: 'investigator-1', mode: 'on-site', completed: false },
      claimant: { claimantName: '王小明' },
    });
  });
});
