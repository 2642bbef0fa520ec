import { EventEnvelope } from '@claims/event-sourcing';
import { IntegrationEvent, PublicEvent, integrationEventFrom, topicOf } from '@claims/messaging';
import { MESSAGE_STREAM_PREFIX } from '../domain/message/message-id';

/**
 * notification's published language (docs/event-catalogue.md): the delivery outcomes, as stored
 * (v1), on `claims-platform.notification` with subject = message id. Never published: the request
 * (its parameters), the rendering, the attempts and retries: they serve this service's own work.
 */
export const PUBLIC_EVENT_TYPES = [
  'MessageSent',
  'MessageDelivered',
  'DeliveryFailed',
  'MessageAbandoned',
  'MessageSuppressed',
] as const;

export function dataSchemaOf(type: string, version: number): string {
  return `https://claims-platform.example/schemas/notification/${type}/v${version}`;
}

export function notificationPublicEvent(envelope: EventEnvelope): PublicEvent | null {
  if (!envelope.streamId.startsWith(`${MESSAGE_STREAM_PREFIX}-`)) return null;
  if (!(PUBLIC_EVENT_TYPES as readonly string[]).includes(envelope.type)) return null;
  if (envelope.schemaVersion !== 1)
    throw new Error(`${envelope.type} v${envelope.schemaVersion} has no public mapping (it reads v1)`);
  const messageId = envelope.streamId.slice(MESSAGE_STREAM_PREFIX.length + 1);
  const event: IntegrationEvent & { readonly dataschema: string } = {
    ...integrationEventFrom(envelope, 'notification', messageId),
    dataschema: dataSchemaOf(envelope.type, 1),
  };
  return { topic: topicOf('notification'), event };
}
