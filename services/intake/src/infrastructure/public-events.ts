import { EventEnvelope } from '@claims/event-sourcing';
import { IntegrationEvent, PublicEvent, integrationEventFrom, topicOf } from '@claims/messaging';
import { ClaimApplicationEvents } from '../domain/claim-application/claim-application.events';

/** Intake's integration contract (docs/event-catalogue.md): only these facts leave the context. */
export const PUBLIC_EVENT_TYPES: ReadonlyArray<keyof ClaimApplicationEvents & string> = [
  'ClaimSubmitted',
  'SupplementaryDocumentsProvided',
];

/**
 * Publishes the contract's events on `claims-platform.intake` with subject = claim id; everything
 * else stays private.
 */
export function intakePublicEvent(envelope: EventEnvelope): PublicEvent | null {
  if (!PUBLIC_EVENT_TYPES.some((type) => type === envelope.type)) return null;
  const { claimId } = envelope.data as { claimId: string };
  const event: IntegrationEvent & { readonly dataschema: string } = {
    ...integrationEventFrom(envelope, 'intake', claimId),
    dataschema: dataSchemaOf(envelope.type, envelope.schemaVersion),
  };
  return { topic: topicOf('intake'), event };
}

/** Where the JSON Schema of a public event's data is named (its `$id` in docs/event-catalogue.md). */
export function dataSchemaOf(type: string, version: number): string {
  return `https://claims-platform.example/schemas/intake/${type}/v${version}`;
}
