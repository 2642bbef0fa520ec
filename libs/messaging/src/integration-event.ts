import { EventEnvelope, PersonalData, PersonalDataVault, revealPersonalData } from '@claims/event-sourcing';

/**
 * An integration event as it crosses bounded contexts: a CloudEvents 1.0 event in structured
 * JSON mode. `subject` is the aggregate id and doubles as the Kafka message key, so all events
 * of one aggregate keep their order. Extension attributes carry the schema version, the
 * correlation/causation ids of the command that caused it and, when that command was traced, its
 * W3C trace context (the CloudEvents distributed-tracing extension: `traceparent`, `tracestate`).
 */
export interface IntegrationEvent<D = unknown> {
  readonly specversion: '1.0';
  /** Stable id: the id of the stored event it was published from, so redelivery can be detected. */
  readonly id: string;
  /** The publishing bounded context, e.g. `/claims-platform/intake`. */
  readonly source: string;
  readonly type: string;
  readonly time: string;
  readonly subject: string;
  readonly datacontenttype: 'application/json';
  readonly schemaversion: number;
  readonly correlationid: string;
  readonly causationid?: string;
  /** W3C trace context of the command that stored the event (distributed-tracing extension). */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly data: D;
}

/** One topic per bounded context. */
export function topicOf(boundedContext: string): string {
  return `claims-platform.${boundedContext}`;
}

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dead-letter`;
}

export function integrationEventFrom<D>(
  envelope: EventEnvelope<D>,
  boundedContext: string,
  subject: string,
): IntegrationEvent<D> {
  return {
    specversion: '1.0',
    id: envelope.eventId,
    source: `/claims-platform/${boundedContext}`,
    type: envelope.type,
    time: envelope.occurredAt,
    subject,
    datacontenttype: 'application/json',
    schemaversion: envelope.schemaVersion,
    correlationid: envelope.correlationId,
    ...(envelope.causationId ? { causationid: envelope.causationId } : {}),
    ...traceExtensionOf(envelope),
    data: envelope.data,
  };
}

/** The stored event's trace context (its metadata) as CloudEvents extension attributes. */
function traceExtensionOf(envelope: EventEnvelope): { traceparent?: string; tracestate?: string } {
  const { traceparent, tracestate } = envelope.metadata ?? {};
  if (typeof traceparent !== 'string') return {};
  return { traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) };
}

/**
 * Opens the sealed personal data an integration event carries (the relay publishes stored events
 * as they are, so personal fields stay sealed on the bus). Fields read as erased once the data
 * subject has been forgotten.
 */
export async function revealIntegrationEvent<D>(
  event: IntegrationEvent,
  vault: PersonalDataVault,
): Promise<{ data: D; personalData?: PersonalData }> {
  const revealed = await revealPersonalData<D>(
    { type: event.type, data: event.data } as EventEnvelope,
    vault,
  );
  return { data: revealed.data, ...(revealed.personalData ? { personalData: revealed.personalData } : {}) };
}
