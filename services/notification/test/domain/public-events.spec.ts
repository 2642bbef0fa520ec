import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEnvelope } from '@claims/event-sourcing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { MessageEvent } from '../../src/domain/message/message.events';
import {
  attemptSend,
  recordDelivered,
  recordFailure,
  recordRendered,
  recordSent,
} from '../../src/domain/message/delivery';
import { PUBLIC_EVENT_TYPES, notificationPublicEvent } from '../../src/infrastructure/public-events';
import { PUBLIC_SCHEMAS } from '../../src/infrastructure/public-schemas';
import { messageId, morning, policy, requested, then } from './message-histories';

function stored(event: MessageEvent, revision: number): EventEnvelope {
  return {
    eventId: `e-${revision}`,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt ?? morning.toISOString(),
    correlationId: 'c',
    causationId: null,
    actor: { id: 'notification', role: 'system' },
    data: event.data,
    metadata: {},
    streamId: `notification-message-${messageId}`,
    streamRevision: revision,
    globalPosition: revision,
    recordedAt: morning.toISOString(),
  };
}

describe("notification's published language", () => {
  let history = requested();
  history = then(history, (s) => recordRendered(s, { templateVersion: 1, contentHash: 'h', now: morning }));
  history = then(history, (s) => attemptSend(s, morning));
  history = then(history, (s) =>
    recordFailure(s, { reason: 'bad number', permanent: true, now: morning }, policy),
  );
  history = then(history, (s) => recordRendered(s, { templateVersion: 1, contentHash: 'h', now: morning }));
  history = then(history, (s) => attemptSend(s, morning));
  history = then(history, (s) => recordSent(s, 'prov-1', morning));
  history = then(history, (s) => recordDelivered(s, 'prov-1', morning));
  const forgotten = requested({ reachability: { forgotten: true } });
  const all = [...history, ...forgotten];
  const published = all.map((e, i) => notificationPublicEvent(stored(e, i)));

  it('publishes only the delivery outcomes, subject = message id, with their dataschema', () => {
    all.forEach((event, i) => {
      const out = published[i];
      if (!(PUBLIC_EVENT_TYPES as readonly string[]).includes(event.type)) return expect(out).toBeNull();
      expect(out?.topic).toBe('claims-platform.notification');
      expect(out?.event).toMatchObject({
        type: event.type,
        subject: messageId,
        schemaversion: 1,
        dataschema: `https://claims-platform.example/schemas/notification/${event.type}/v1`,
      });
    });
    expect(published.filter((p) => p !== null).map((p) => p?.event.type)).toEqual([
      'DeliveryFailed',
      'MessageSent',
      'MessageDelivered',
      'MessageSuppressed',
    ]);
  });

  it('publishes data valid against its schema', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    for (const out of published) {
      if (!out) continue;
      const validate = ajv.compile(PUBLIC_SCHEMAS[out.event.type as keyof typeof PUBLIC_SCHEMAS]);
      expect({
        type: out.event.type,
        valid: validate(out.event.data),
        errors: validate.errors,
      }).toMatchObject({
        valid: true,
      });
    }
  });

  it('is documented in docs/event-catalogue.md as the code has it', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/event-catalogue.md'), 'utf8');
    const section = doc.slice(doc.indexOf("#### notification's published language"));
    const documented = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]));
    expect(documented).toEqual(PUBLIC_EVENT_TYPES.map((t) => PUBLIC_SCHEMAS[t]));
  });
});
