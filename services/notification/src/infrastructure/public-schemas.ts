import { dataSchemaOf } from './public-events';

const channel = { type: 'string', enum: ['sms', 'email', 'call-task'] };
const instant = { type: 'string', format: 'date-time' };
const id = { type: 'string', minLength: 1, maxLength: 64 };

const schema = (type: string, properties: Record<string, object>) => ({
  $id: dataSchemaOf(type, 1),
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: `${type} v1`,
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

/** The JSON Schemas of notification's published events, as docs/event-catalogue.md lists them. */
export const PUBLIC_SCHEMAS = {
  MessageSent: schema('MessageSent', {
    messageId: id,
    channel,
    attempt: { type: 'integer', minimum: 1 },
    providerMessageId: { type: 'string', minLength: 1, maxLength: 200 },
    sentAt: instant,
  }),
  MessageDelivered: schema('MessageDelivered', {
    messageId: id,
    channel,
    providerMessageId: { type: ['string', 'null'], maxLength: 200 },
    deliveredAt: instant,
  }),
  DeliveryFailed: schema('DeliveryFailed', {
    messageId: id,
    channel,
    attempt: { type: 'integer', minimum: 1 },
    reason: { type: 'string', maxLength: 1000 },
    permanent: { type: 'boolean' },
    failedAt: instant,
  }),
  MessageAbandoned: schema('MessageAbandoned', {
    messageId: id,
    reason: { type: 'string', maxLength: 1000 },
    abandonedAt: instant,
  }),
  MessageSuppressed: schema('MessageSuppressed', {
    messageId: id,
    reason: { type: 'string', enum: ['recipient-forgotten', 'opted-out', 'no-reachable-channel'] },
    suppressedAt: instant,
  }),
} as const;
