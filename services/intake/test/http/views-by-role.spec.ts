import { IntakeTestApp, eventually, motorReport, startIntake } from '../support/intake-app';
import { INTERNAL_MARKERS, reviewJourney } from '../support/claims-review-events';
import { OpenApiDocument, Schema, schemaNamed, shapeProblems } from '../support/openapi-shapes';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);
const MOTOR_REQUIRED = ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'];

type Call = { operation: string; role: 'customer' | 'staff'; status: number; body: unknown };

/**
 * Every answer of intake, to a customer and to staff, against the schema the OpenAPI document
 * gives it: a customer token never receives a field its customer view does not list, and every
 * documented field is there. The routes a customer may call are read from the document itself.
 */
describe('intake views by role, against the OpenAPI document', () => {
  let t: IntakeTestApp;
  let doc: OpenApiDocument;
  const calls: Call[] = [];
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const customer = await t.token('customer', { customerId: 'cust-1001', subject: 'li-na' });
    const agent = await t.token('customer-service', { subject: 'agent-1' });
    const as = { customer, staff: agent } as const;
    const record = (operation: string, role: Call['role'], response: { status: number; body: unknown }) => {
      calls.push({ operation, role, status: response.status, body: response.body });
      return response.body as Record<string, string>;
    };
    const both = async (
      operation: string,
      send: (token: string) => Promise<{ status: number; body: unknown }>,
    ) => {
      for (const role of ['customer', 'staff'] as const) record(operation, role, await send(as[role]));
    };

    // a consultation each way, a claim reported by the customer and one by the agent
    const byCustomer = record(
      'post /api/v1/consultations',
      'customer',
      await t
        .http()
        .post('/api/v1/consultations')
        .set(auth(customer))
        .send({
          channel: 'mobile-app',
          topic: 'claim-procedure',
          question: 'How do I claim?',
          contact: { name: 'Li Na' },
        }),
    );
    record(
      'post /api/v1/consultations',
      'staff',
      await t
        .http()
        .post('/api/v1/consultations')
        .set(auth(agent))
        .send({
          channel: 'hotline',
          topic: 'claim-procedure',
          question: 'How?',
          contact: { name: 'Li Na' },
          customerId: 'cust-1001',
        }),
    );
    await t
      .http()
      .post(`/api/v1/consultations/${byCustomer.consultationId}/take`)
      .set(auth(agent))
      .expect(200);
    await t
      .http()
      .post(`/api/v1/consultations/${byCustomer.consultationId}/handovers`)
      .set(auth(agent))
      .send({ toTeam: 'motor-desk', reason: 'Motor' })
      .expect(200);
    await both('get /api/v1/consultations/{consultationId}', (token) =>
      t.http().get(`/api/v1/consultations/${byCustomer.consultationId}`).set(auth(token)),
    );

    const claim = record(
      'post /api/v1/claims',
      'customer',
      await t
        .http()
        .post('/api/v1/claims')
        .set(auth(customer))
        .send(motorReport({ channel: 'mobile-app' })),
    );
    record(
      'post /api/v1/claims',
      'staff',
      await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()),
    );
    const claimId = claim.claimId;
    let documentId = '';
    for (const [i, kind] of MOTOR_REQUIRED.entries()) {
      const token = i % 2 ? agent : customer;
      const uploaded = record(
        'post /api/v1/claims/{claimId}/documents',
        i % 2 ? 'staff' : 'customer',
        await t
          .http()
          .post(`/api/v1/claims/${claimId}/documents`)
          .set(auth(token))
          .field('kind', kind)
          .attach('file', pdf(`${kind} ${claimId}`), { filename: 'f.pdf', contentType: 'application/pdf' }),
      );
      documentId = uploaded.documentId;
    }
    await both('get /api/v1/claims/{claimId}/documents/{documentId}', (token) =>
      t.http().get(`/api/v1/claims/${claimId}/documents/${documentId}`).set(auth(token)),
    );
    record(
      'post /api/v1/claims/{claimId}/submission',
      'customer',
      await t.http().post(`/api/v1/claims/${claimId}/submission`).set(auth(customer)),
    );

    // claims review: accepted, documents asked and handed back, approved, payment on its way
    const journey = reviewJourney(claimId, claim.claimNumber);
    await t.bus.publish('claims-platform.claims-review', [
      journey.accepted,
      journey.investigation,
      journey.documentsRequested,
    ]);
    await eventually(async () => {
      const status = await t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(customer)).expect(200);
      if (status.body.progress.stage !== 'documents-requested') throw new Error('not yet');
    });
    await both('get /api/v1/claims/{claimId}/status', (token) =>
      t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(token)),
    );
    await t
      .http()
      .post(`/api/v1/claims/${claimId}/documents`)
      .set(auth(customer))
      .field('kind', 'witness-statement')
      .attach('file', pdf(`witness ${claimId}`), { filename: 'w.pdf', contentType: 'application/pdf' })
      .expect(201);
    record(
      'post /api/v1/claims/{claimId}/supplementary-documents',
      'customer',
      await t.http().post(`/api/v1/claims/${claimId}/supplementary-documents`).set(auth(customer)),
    );
    await t.bus.publish('claims-platform.claims-review', [journey.approved, journey.paymentInstructed]);
    await eventually(async () => {
      const status = await t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(customer)).expect(200);
      if (status.body.progress.stage !== 'payment-on-its-way') throw new Error('not yet');
    });
    await both('get /api/v1/claims/{claimId}/status', (token) =>
      t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(token)),
    );
    await both('get /api/v1/claims/{claimId}', (token) =>
      t.http().get(`/api/v1/claims/${claimId}`).set(auth(token)),
    );
    await both('get /api/v1/claims', (token) => t.http().get('/api/v1/claims').set(auth(token)));
    await both('get /api/v1/policies/{policyNumber}', (token) =>
      t.http().get('/api/v1/policies/MOT-2026-000001').set(auth(token)),
    );
    record('get /api/v1/work-queue', 'staff', await t.http().get('/api/v1/work-queue').set(auth(agent)));
    const staffClaim = (
      calls.find((c) => c.operation === 'post /api/v1/claims' && c.role === 'staff')?.body as {
        claimId: string;
      }
    ).claimId;
    for (const kind of MOTOR_REQUIRED) {
      await t
        .http()
        .post(`/api/v1/claims/${staffClaim}/documents`)
        .set(auth(agent))
        .field('kind', kind)
        .attach('file', pdf(`${kind} ${staffClaim}`), { filename: 'f.pdf', contentType: 'application/pdf' })
        .expect(201);
    }
    record(
      'post /api/v1/claims/{claimId}/submission',
      'staff',
      await t.http().post(`/api/v1/claims/${staffClaim}/submission`).set(auth(agent)),
    );
  }, 60_000);
  afterAll(() => t.close());

  /** The schema an operation documents for its success status, for this role (anyOf: Customer… for a customer). */
  const schemaFor = (call: Call): Schema => {
    const [method, path] = call.operation.split(' ');
    const response = doc.paths[path][method].responses[String(call.status)];
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${call.operation} documents no JSON answer for ${call.status}`);
    if (!schema.anyOf) return schema;
    const names = schema.anyOf.map((option) => option.$ref?.split('/').pop() as string);
    const name = names.find((n) => n.startsWith('Customer') === (call.role === 'customer'));
    return schemaNamed(doc, name as string);
  };

  it('answers every call with a success status', () => {
    expect(
      calls
        .filter((c) => c.status >= 300)
        .map((c) => `${c.operation} as ${c.role}: ${c.status} ${JSON.stringify(c.body)}`),
    ).toEqual([]);
  });

  it('calls every JSON operation a customer may call', () => {
    const forCustomers = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation['x-roles']?.includes('customer'))
        .map(([method]) => `${method} ${path}`),
    );
    const binary = ['get /api/v1/claims/{claimId}/documents/{documentId}/content'];
    expect(forCustomers.filter((op) => !binary.includes(op)).sort()).toEqual(
      [...new Set(calls.filter((c) => c.role === 'customer').map((c) => c.operation))].sort(),
    );
  });

  it('gives a customer exactly the fields of the customer view, and no staff id or internal working', () => {
    for (const call of calls.filter((c) => c.role === 'customer')) {
      expect({ call: call.operation, problems: shapeProblems(doc, schemaFor(call), call.body) }).toEqual({
        call: call.operation,
        problems: [],
      });
      const text = JSON.stringify(call.body);
      for (const marker of [...INTERNAL_MARKERS, 'motor-desk', 'customer-service-1']) {
        expect({ call: call.operation, marker, leaked: text.includes(marker) }).toEqual({
          call: call.operation,
          marker,
          leaked: false,
        });
      }
    }
  });

  it('gives staff exactly the fields of the staff view', () => {
    for (const call of calls.filter((c) => c.role === 'staff')) {
      expect({ call: call.operation, problems: shapeProblems(doc, schemaFor(call), call.body) }).toEqual({
        call: call.operation,
        problems: [],
      });
    }
  });
});
