import { EventEnvelope } from '@claims/event-sourcing';
import { PublicEvent, integrationEventFrom, topicOf } from '@claims/messaging';
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
  return { topic: topicOf('intake'), event: integrationEventFrom(envelope, 'intake', claimId) };
}
