import { Injectable } from '@nestjs/common';
import { DeliveredMessage, IntegrationEvent, topicOf } from '@claims/messaging';
import { ServiceMessaging } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { ClaimInvolvementRow, ClaimRef, ClaimTimelineRow } from './read-models';

/** The parts of claims review's public events (v1, docs/event-catalogue.md) this service reads. */
interface ClaimsReviewV1 {
  readonly claimId?: unknown;
  readonly claimNumber?: unknown;
  readonly handlerId?: unknown;
  readonly toHandlerId?: unknown;
  readonly investigatorId?: unknown;
  readonly decidedBy?: unknown;
  readonly decidedAs?: unknown;
  readonly proposedBy?: unknown;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;

/**
 * Follows claims review's topic into this service's own read model of claims: each claim's
 * number, who handled, investigated or approved it (the recusal facts), and its timeline (what
 * the insurer already holds: staff do not ask the customer for it). Nothing is imported from
 * claims review: only its published language is read. Idempotent: rows are keyed, and the host
 * records each message id with the change.
 */
@Injectable()
export class ClaimsReviewEventsConsumer {
  constructor(private readonly messaging: ServiceMessaging) {}

  start(): Promise<void> {
    return this.messaging.follow({
      name: 'claims-review-claims',
      topics: [topicOf('claims-review')],
      apply: (manager, message) => this.apply(manager, message),
    });
  }

  private async apply(manager: EntityManager, { event }: DeliveredMessage): Promise<void> {
    if (event.schemaversion !== 1) return; // a later version: its catalogue entry says what changed
    const data = (event.data ?? {}) as ClaimsReviewV1;
    const claimId = text(data.claimId) ?? text(event.subject);
    if (!claimId) return;
    await manager.save(ClaimTimelineRow, {
      eventId: event.id,
      claimId,
      type: event.type,
      occurredAt: event.time,
    });
    const claimNumber = text(data.claimNumber);
    if (claimNumber) await manager.save(ClaimRef, { claimId, claimNumber });
    for (const [staffId, involvedAs] of involvementsOf(event, data)) {
      await manager.save(ClaimInvolvementRow, { claimId, staffId, involvedAs, since: event.time });
    }
  }
}

function involvementsOf(
  event: IntegrationEvent,
  data: ClaimsReviewV1,
): [string, ClaimInvolvementRow['involvedAs']][] {
  const found: [string | null, ClaimInvolvementRow['involvedAs']][] = [];
  switch (event.type) {
    case 'HandlerAssigned':
      found.push([text(data.handlerId), 'handler']);
      break;
    case 'HandlerReassigned':
      found.push([text(data.toHandlerId), 'handler']);
      break;
    case 'InvestigationOpened':
      found.push([text(data.investigatorId), 'investigator']);
      break;
    case 'ClaimApproved':
    case 'ClaimDenied':
      found.push([text(data.proposedBy), 'handler']);
      found.push([text(data.decidedBy), data.decidedAs === 'approver' ? 'approver' : 'handler']);
      break;
  }
  return found.filter(
    (f): f is [string, ClaimInvolvementRow['involvedAs']] => f[0] !== null && f[0] !== 'fast-track',
  );
}
