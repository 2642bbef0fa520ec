import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEnvelope } from '@claims/event-sourcing';
import { IntegrationEvent } from '@claims/messaging';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { REVIEW_CASE_SCHEMA_VERSIONS } from '../src/domain/review-case/review-case.events';
import { TimeLimitCheck } from '../src/application/time-limits/time-limit-check';
import {
  PUBLIC_EVENT_TYPES,
  PUBLISHED_LANGUAGE,
  claimsReviewPublicEvent,
  dataSchemaOf,
} from '../src/infrastructure/public-events';
import { cny, submittedClaim } from './fixtures';
import { ReviewHarness, handlerOf, startReviewHarness, walk } from './http-harness';

type JsonSchema = { $id: string; title?: string };

const CATALOGUE = join(__dirname, '../../../docs/event-catalogue.md');
const SCHEMA_BASE = 'https://claims-platform.example/schemas/claims-review/';

/** The JSON Schemas of claims-review's published language, as docs/event-catalogue.md lists them. */
function documentedSchemas(): JsonSchema[] {
  const blocks = [...readFileSync(CATALOGUE, 'utf8').matchAll(/```json\n([\s\S]*?)\n```/g)];
  return blocks
    .map(([, json]) => JSON.parse(json) as JsonSchema)
    .filter((schema) => typeof schema.$id === 'string' && schema.$id.startsWith(SCHEMA_BASE));
}

/**
 * claims-review's published language is deliberate: only the listed events reach its topic, each
 * as the versioned public shape its JSON Schema in the catalogue documents, and the catalogue and
 * the code list the same events.
 */
describe("claims-review's published language", () => {
  const schemas = documentedSchemas();
  const eventSchemas = schemas.filter((s) => !s.$id.startsWith(`${SCHEMA_BASE}common/`));
  const ajv = addFormats(new Ajv({ allErrors: true, schemas }));

  it('is documented in the catalogue for exactly the events the code publishes, in their versions', () => {
    const documented = eventSchemas.map((s) => s.$id).sort();
    const published = PUBLIC_EVENT_TYPES.map((type) =>
      dataSchemaOf(type, PUBLISHED_LANGUAGE[type]?.version ?? 0),
    ).sort();
    expect(documented).toEqual(published);
    expect(documented.length).toBe(15);
    for (const schema of eventSchemas) expect(ajv.getSchema(schema.$id)).toBeDefined();
    // the schemas are strict: an extra field, a wrong enum or a missing field does not pass
    const accepted = ajv.getSchema(dataSchemaOf('ClaimAccepted', 1));
    const data = {
      claimId: '00000000-0000-4000-8000-000000000002',
      claimNumber: 'CLM-2025-000123',
      acceptedBy: 'acceptor-1',
      route: 'manual',
      acceptedAt: '2025-06-09T01:00:00.000Z',
    };
    expect(accepted?.(data)).toBe(true);
    expect(accepted?.({ ...data, claimantName: '王小明' })).toBe(false);
    expect(accepted?.({ ...data, route: 'by-fax' })).toBe(false);
    expect(accepted?.({ ...data, acceptedAt: undefined })).toBe(false);
  });

  it('maps the stored version each type records today (a new stored version needs its mapping)', () => {
    for (const type of PUBLIC_EVENT_TYPES) {
      expect({ type, stored: PUBLISHED_LANGUAGE[type]?.stored }).toEqual({
        type,
        stored: REVIEW_CASE_SCHEMA_VERSIONS[type],
      });
    }
    const future: EventEnvelope = {
      ...envelope('ClaimAccepted', {}),
      schemaVersion: 2,
    };
    expect(() => claimsReviewPublicEvent(future)).toThrow(/ClaimAccepted v2 has no public mapping/);
    expect(claimsReviewPublicEvent(envelope('StepStarted', {}))).toBeNull();
    expect(claimsReviewPublicEvent({ ...envelope('ClaimAccepted', {}), streamId: 'other-x' })).toBeNull();
  });

  describe('on the topic', () => {
    let h: ReviewHarness;
    let published: IntegrationEvent[];
    let stored: { type: string }[];

    beforeAll(async () => {
      h = await startReviewHarness();
      const claim = (loss: number, policyNumber: string) => {
        const base = submittedClaim({ estimatedLoss: cny(loss) });
        return { ...base, policy: { ...base.policy, policyNumber } };
      };
      // waiting for the customer after a reassignment, a supplementary round and a suspicion
      const waiting = claim(6_000_000, 'POL-PL-1');
      await h.submit(waiting);
      await walk(h, waiting, 'accepted');
      const id = waiting.claimId;
      await h.post('manager', 'manager-1', `${id}/reassignment`, {
        handlerId: 'handler-motor-2',
        reason: 'Leave',
      });
      await h.post('claims-handler', 'handler-motor-2', `${id}/supplementary-document-requests`, {
        items: [{ documentKind: 'repair-estimate', reason: 'Signed, please' }],
      });
      await h.post('claims-handler', 'handler-motor-2', `${id}/suspicions`, {
        suspicion: 'fraud',
        reason: 'x',
      });
      expect((await h.get('auditor', 'auditor-1', `cases/${id}`)).body.status).toBe('awaiting-documents');
      // investigated, sent back, approved, paid, closed and reopened
      const other = claim(6_000_000, 'POL-PL-2');
      await h.submit(other);
      await walk(h, other, 'accepted');
      const otherHandler = await handlerOf(h, other.claimId);
      await h.post('claims-handler', otherHandler, `${other.claimId}/suspicions`, {
        suspicion: 'fraud',
        reason: 'x',
      });
      await h.post('claims-handler', otherHandler, `${other.claimId}/investigation`, {
        investigatorId: 'investigator-1',
        mode: 'remote',
        instructions: 'Check the photos',
      });
      await h.post('investigator', 'investigator-1', `${other.claimId}/investigation/findings`, {
        findings: 'Nothing odd',
        confirmedSuspicions: [],
        clearedSuspicions: ['fraud'],
      });
      await walk(h, other, 'proposed', 'reviewed');
      await h.post('approver', 'approver-1', `${other.claimId}/send-back`, { comment: 'Check the invoice' });
      await walk(h, other, 'closed', 'proposed');
      await h.post('manager', 'manager-1', `${other.claimId}/reopening`, { reason: 'A second invoice' });
      // denied above the handler's authority
      const denied = claim(6_000_000, 'POL-PL-3');
      await h.submit(denied);
      await walk(h, denied, 'assessed');
      await h.post(
        'claims-handler',
        await handlerOf(h, denied.claimId),
        `${denied.claimId}/decision-proposal`,
        {
          outcome: 'deny',
          reasonCodes: ['exclusion'],
          explanation: 'Racing',
          policyBasis: 'Exclusion 4.2',
        },
      );
      await h.post('approver', 'approver-1', `${denied.claimId}/approval`, {});
      // decided on the fast track; and one nobody accepts in time
      const fastTracked = claim(250_000, 'POL-PL-4');
      await h.submit(fastTracked);
      const late = claim(6_000_000, 'POL-PL-5');
      await h.submit(late);
      h.clock.advance({ hours: 20 }); // acceptance steps at risk
      await h.app.get(TimeLimitCheck).execute();
      h.clock.advance({ days: 10 }); // and overdue
      await h.app.get(TimeLimitCheck).execute();
      await new Promise((r) => setTimeout(r, 300)); // the relay publishes after the store
      published = await h.published();
      const histories = await Promise.all(
        [waiting, other, denied, fastTracked, late].map(
          async (c) =>
            (await h.get('auditor', 'auditor-1', `cases/${c.claimId}/history`)).body as { type: string }[],
        ),
      );
      stored = histories.flat();
    }, 60_000);

    afterAll(() => h.close());

    it('carries only the listed events, every one of them', () => {
      const types = new Set(published.map((e) => e.type));
      expect([...types].filter((t) => !PUBLIC_EVENT_TYPES.includes(t as never))).toEqual([]);
      expect([...types].sort()).toEqual([...PUBLIC_EVENT_TYPES].sort());
      const storedPublic = stored.filter((e) => PUBLIC_EVENT_TYPES.includes(e.type as never));
      expect(published.length).toBe(storedPublic.length);
      // internal facts were recorded, and stayed inside
      const internal = [
        'StepStarted',
        'FastTrackDeclined',
        'FastTrackApplied',
        'SuspicionFlagged',
        'LossAssessed',
      ];
      for (const type of internal) expect(stored.map((e) => e.type)).toContain(type);
    });

    it('publishes data that validates against its documented schema, naming it', () => {
      for (const event of published) {
        const version = PUBLISHED_LANGUAGE[event.type as keyof typeof PUBLISHED_LANGUAGE]?.version ?? 0;
        const $id = dataSchemaOf(event.type, version);
        expect({ type: event.type, schemaversion: event.schemaversion }).toEqual({
          type: event.type,
          schemaversion: version,
        });
        expect((event as IntegrationEvent & { dataschema?: string }).dataschema).toBe($id);
        const validate = ajv.getSchema($id);
        if (!validate) throw new Error(`no schema ${$id}`);
        const valid = validate(event.data);
        expect({ type: event.type, errors: valid ? null : validate.errors }).toEqual({
          type: event.type,
          errors: null,
        });
        expect(event.subject).toBe((event.data as { claimId: string }).claimId);
      }
    });

    it('leaves staff free text and personal data out', () => {
      const text = JSON.stringify(published);
      for (const secret of [
        '王小明',
        '13800000000',
        'Leave',
        'Check the photos',
        'Check the invoice',
        'least open cases',
      ]) {
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
      expect(text).not.toContain('personalData');
    });
  });
});

function envelope(type: string, data: object): EventEnvelope {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    type,
    schemaVersion: 1,
    streamId: 'claim-review-00000000-0000-4000-8000-000000000002',
    streamRevision: 0,
    globalPosition: 1,
    occurredAt: '2025-06-09T01:00:00.000Z',
    recordedAt: '2025-06-09T01:00:00.000Z',
    correlationId: 'c',
    causationId: null,
    actor: { id: 'x', role: 'system' },
    data,
    metadata: {},
  } as EventEnvelope;
}
