import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEnvelope } from '@claims/event-sourcing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { COMPLAINT_SCHEMA_VERSIONS, ComplaintEvent } from '../../src/domain/complaint/complaint.events';
import { proposeMaliciousFlag } from '../../src/domain/complaint/malicious-flag';
import { PUBLIC_EVENT_TYPES, complaintPublicEvent } from '../../src/infrastructure/public-events';
import { PUBLIC_SCHEMAS } from '../../src/infrastructure/public-schemas';
import {
  answeredComplaint,
  complaintId,
  dissatisfied,
  handler,
  historyOf,
  thursday,
} from './complaint-histories';

/** A stored envelope as the relay reads it (personal data sealed under data.personalData). */
function stored(event: ComplaintEvent, revision: number): EventEnvelope {
  const sealed = event.personalData ? { personalData: { ciphertext: 'sealed', fieldNames: ['name'] } } : {};
  return {
    eventId: `e-${revision}`,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt ?? thursday.toISOString(),
    correlationId: 'c',
    causationId: null,
    actor: { id: 'someone', role: 'claims-handler' },
    data: { ...(event.data as object), ...sealed },
    metadata: {},
    streamId: `complaint-${complaintId}`,
    streamRevision: revision,
    globalPosition: revision,
    recordedAt: thursday.toISOString(),
  };
}

describe("complaint's published language", () => {
  const history = historyOf(
    () => answeredComplaint(),
    dissatisfied(),
    (s) => proposeMaliciousFlag(s, { actor: handler, now: thursday, reason: 'Vexatious', evidence: ['x'] }),
  );
  const published = history.map((e, i) => complaintPublicEvent(stored(e, i)));

  it('publishes only the listed types, each with its schema version and dataschema, subject = complaint id', () => {
    history.forEach((event, i) => {
      const out = published[i];
      if (!PUBLIC_EVENT_TYPES.includes(event.type)) return expect(out).toBeNull();
      expect(out?.topic).toBe('claims-platform.complaint');
      expect(out?.event).toMatchObject({
        type: event.type,
        subject: complaintId,
        schemaversion: 1,
        dataschema: `https://claims-platform.example/schemas/complaint/${event.type}/v1`,
      });
    });
    const types = published.filter((p) => p !== null).map((p) => p?.event.type);
    expect(types).toEqual(
      expect.arrayContaining(['ComplaintReceived', 'ResolutionCommunicated', 'ClockFulfilled']),
    );
    for (const kept of [
      'ContactRecorded',
      'InvestigationCompleted',
      'ResolutionPlanProposed',
      'MaliciousFlagProposed',
    ]) {
      expect(types).not.toContain(kept);
    }
  });

  it('never lets the complainant’s identity and words, internal notes or risk notes out', () => {
    const text = JSON.stringify(published);
    for (const secret of [
      '王小明',
      '13800000000',
      'cut by half',
      'personalData',
      'Customer upset',
      'riskNote',
      'The amount is still too low',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('maps every type it lists from the stored version', () => {
    for (const type of PUBLIC_EVENT_TYPES) expect(COMPLAINT_SCHEMA_VERSIONS[type]).toBe(1);
    const future = { ...stored(history[0], 0), schemaVersion: 2 };
    expect(() => complaintPublicEvent(future)).toThrow(/no public mapping/);
    expect(complaintPublicEvent({ ...stored(history[0], 0), streamId: 'claim-review-x' })).toBeNull();
  });
});

describe("complaint's published language in docs/event-catalogue.md", () => {
  const base = 'https://claims-platform.example/schemas/complaint/';
  const documented = [
    ...readFileSync(join(__dirname, '../../../../docs/event-catalogue.md'), 'utf8').matchAll(
      /```json\n([\s\S]*?)\n```/g,
    ),
  ]
    .map(([, json]) => JSON.parse(json) as { $id?: string })
    .filter((schema) => typeof schema.$id === 'string' && schema.$id.startsWith(base));

  it('documents exactly the schemas of the code, for exactly the events published', () => {
    expect(documented).toEqual(PUBLIC_SCHEMAS);
    expect(PUBLIC_SCHEMAS.map((s) => s['$id']).sort()).toEqual(
      PUBLIC_EVENT_TYPES.map((t) => `${base}${t}/v1`).sort(),
    );
  });

  it('validates what the mapping publishes from a whole journey, and refuses personal fields', () => {
    const ajv = addFormats(new Ajv({ allErrors: true, schemas: [...PUBLIC_SCHEMAS] }));
    const history = historyOf(() => answeredComplaint(), dissatisfied());
    for (const [i, event] of history.entries()) {
      const out = complaintPublicEvent(stored(event, i));
      if (!out) continue;
      const validate = ajv.getSchema((out.event as unknown as { dataschema: string }).dataschema);
      expect({
        type: event.type,
        valid: validate?.(out.event.data),
        errors: validate?.errors ?? null,
      }).toEqual({
        type: event.type,
        valid: true,
        errors: null,
      });
    }
    const received = ajv.getSchema(`${base}ComplaintReceived/v1`);
    const data = complaintPublicEvent(stored(history[0], 0))?.event.data as object;
    expect(received?.({ ...data, name: '王小明' })).toBe(false);
  });
});
