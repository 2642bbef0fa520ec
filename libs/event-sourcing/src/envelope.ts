import { createHash, randomUUID } from 'node:crypto';

/** Who caused a change: a person or a system component, with the role it acted in. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** Correlation data passed down from a command to every event it causes. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** Id of the command or event that caused this change. */
  readonly causationId: string | null;
  /**
   * W3C trace context of the request or message that issued the command (`traceparent`, and
   * `tracestate` when the caller sent one); stored in each event's metadata so the relay can put
   * it on the published CloudEvent and the consumer's commands continue the same trace.
   */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** An event as the caller hands it to the store (position fields are assigned by the store). */
export interface NewEvent<D = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: Actor;
  readonly data: D;
  readonly metadata: Record<string, unknown>;
}

/** An event as it is stored and carried everywhere. */
export interface EventEnvelope<D = unknown> extends NewEvent<D> {
  readonly streamId: string;
  /** 0-based position of the event inside its stream. */
  readonly streamRevision: number;
  /** Position in the whole store: strictly increasing in commit order, not necessarily contiguous. */
  readonly globalPosition: number;
  readonly recordedAt: string;
  /**
   * sha256 chaining this event to its predecessor in the stream (see integrity.ts); absent only
   * on events stored before the store wrote hashes.
   */
  readonly integrityHash?: string;
}

export interface NewEventInput<D> {
  type: string;
  schemaVersion: number;
  data: D;
  eventId?: string;
  occurredAt?: string;
  metadata?: Record<string, unknown>;
}

export function newEvent<D>(input: NewEventInput<D>, context: CommandContext): NewEvent<D> {
  return {
    eventId: input.eventId ?? randomUUID(),
    type: input.type,
    schemaVersion: input.schemaVersion,
    occurredAt: input.occurredAt ?? new Date().toISOString(),
    correlationId: context.correlationId,
    causationId: context.causationId,
    actor: context.actor,
    data: input.data,
    metadata: { ...input.metadata, ...traceMetadataOf(context) },
  };
}

/** The trace context a command stamps on its events' metadata (nothing when it has none). */
export function traceMetadataOf(
  context: Pick<CommandContext, 'traceparent' | 'tracestate'>,
): Record<string, string> {
  return {
    ...(context.traceparent ? { traceparent: context.traceparent } : {}),
    ...(context.traceparent && context.tracestate ? { tracestate: context.tracestate } : {}),
  };
}

/**
 * A stable event id derived from the command that caused the event, so a retried command
 * produces the same ids and the store's idempotent re-append drops the duplicate.
 */
export function eventIdFor(commandId: string, streamId: string, index: number): string {
  const hex = createHash('sha256').update(`${commandId}|${streamId}|${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
