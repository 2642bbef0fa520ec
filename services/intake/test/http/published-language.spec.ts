import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PUBLIC_EVENT_TYPES, dataSchemaOf } from '../../src/infrastructure/public-events';
import { reviewJourney } from '../support/claims-review-events';
import { IntakeTestApp, eventually, motorReport, startIntake } from '../support/intake-app';

type JsonSchema = { $id: string };

const CATALOGUE = join(__dirname, '../../../../docs/event-catalogue.md');
const SCHEMA_BASE = 'https://claims-platform.example/schemas/intake/';
const MOTOR_REQUIRED = ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'];
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

/** The JSON Schemas of intake's published language, as docs/event-catalogue.md lists them. */
function documentedSchemas(): JsonSchema[] {
  const blocks = [...readFileSync(CATALOGUE, 'utf8').matchAll(/```json\n([\s\S]*?)\n```/g)];
  return blocks
    .map(([, json]) => JSON.parse(json) as JsonSchema)
    .filter((schema) => typeof schema.$id === 'string' && schema.$id.startsWith(SCHEMA_BASE));
}

/** Intake publishes only its listed events, each valid against its schema in the catalogue. */
describe("intake's published language", () => {
  const schemas = documentedSchemas();
  const eventSchemas = schemas.filter((s) => !s.$id.startsWith(`${SCHEMA_BASE}common/`));
  const ajv = addFormats(new Ajv({ allErrors: true, schemas }));
  let t: IntakeTestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
  });
  afterAll(() => t.close());

  it('documents exactly the events the code publishes, with strict schemas', () => {
    expect(eventSchemas.map((s) => s.$id).sort()).toEqual(
      PUBLIC_EVENT_TYPES.map((type) => dataSchemaOf(type, 1)).sort(),
    );
    const provided = ajv.getSchema(dataSchemaOf('SupplementaryDocumentsProvided', 1));
    const data = {
      claimId: '00000000-0000-4000-8000-000000000002',
      claimNumber: 'CLM-2026-000123',
      round: 1,
      documents: [
        {
          documentId: '00000000-0000-4000-8000-000000000003',
          kind: 'witness-statement',
          contentHash: 'a'.repeat(64),
          mediaType: 'application/pdf',
          sizeBytes: 10,
        },
      ],
      providedAt: '2026-03-10T05:00:00.000Z',
    };
    expect(provided?.(data)).toBe(true);
    expect(provided?.({ ...data, claimantName: '王小明' })).toBe(false);
    expect(provided?.({ ...data, round: 0 })).toBe(false);
    expect(provided?.({ ...data, documents: [] })).toBe(false);
  });

  it('publishes a submitted claim and a supplementary round as their schemas say, and nothing else', async () => {
    const agent = await t.token('customer-service', { subject: 'agent-1' });
    const customer = await t.token('customer', { customerId: 'cust-1001', subject: 'li-na' });
    const reported = await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201);
    const { claimId, claimNumber } = reported.body as { claimId: string; claimNumber: string };
    const upload = (kind: string) =>
      t
        .http()
        .post(`/api/v1/claims/${claimId}/documents`)
        .set(auth(agent))
        .field('kind', kind)
        .attach('file', pdf(`${kind} ${claimId}`), {
          filename: `${kind}.pdf`,
          contentType: 'application/pdf',
        })
        .expect(201);
    for (const kind of MOTOR_REQUIRED) await upload(kind);
    await t.http().post(`/api/v1/claims/${claimId}/submission`).set(auth(agent)).expect(200);
    await t.bus.publish('claims-platform.claims-review', [
      reviewJourney(claimId, claimNumber).documentsRequested,
    ]);
    await eventually(async () => {
      const status = await t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(customer)).expect(200);
      if (status.body.progress.stage !== 'documents-requested') throw new Error('not asked yet');
    });
    await upload('witness-statement');
    await t.http().post(`/api/v1/claims/${claimId}/supplementary-documents`).set(auth(customer)).expect(200);

    const published = await eventually(async () => {
      const events = (await t.bus.readTopic('claims-platform.intake'))
        .map((m) => m.event as typeof m.event & { dataschema?: string })
        .filter((e) => e.subject === claimId);
      if (events.length < 2) throw new Error(`${events.length} published so far`);
      return events;
    });
    expect(published.map((e) => e.type)).toEqual(['ClaimSubmitted', 'SupplementaryDocumentsProvided']);
    for (const event of published) {
      expect(event.dataschema).toBe(dataSchemaOf(event.type, 1));
      const validate = ajv.getSchema(event.dataschema as string);
      expect({ type: event.type, valid: validate?.(event.data), errors: validate?.errors ?? null }).toEqual({
        type: event.type,
        valid: true,
        errors: null,
      });
    }
    // The example claimant (Li Na, +86 138 0000 1001) never appears in clear: only sealed.
    expect(JSON.stringify(published.map((e) => e.data))).not.toMatch(/Li Na|138 0000 1001|13800001001/);
  });
});
