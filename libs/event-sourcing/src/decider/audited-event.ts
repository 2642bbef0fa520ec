import { Actor } from '../envelope';
import { PERSONAL_DATA_KEY, RevealedEnvelope } from '../personal-data/personal-data';

/**
 * One fact of a history as every service shows it to auditors: who caused it, when it happened
 * (domain clock) and was stored, its data, and the names (never the values) of its personal fields.
 */
export interface AuditedEvent {
  readonly revision: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: unknown;
  readonly personalFields: readonly string[];
}

export function auditedEvent(event: RevealedEnvelope): AuditedEvent {
  const { [PERSONAL_DATA_KEY]: _sealed, ...data } = (event.data ?? {}) as Record<string, unknown>;
  return {
    revision: event.streamRevision,
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    data,
    personalFields: event.personalData ? Object.keys(event.personalData.fields) : [],
  };
}
