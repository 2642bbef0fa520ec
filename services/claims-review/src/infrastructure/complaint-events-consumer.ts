import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainRuleViolation, NotFoundRefusal } from '@claims/event-sourcing';
import { DeliveredMessage, topicOf } from '@claims/messaging';
import { ServiceMessaging, systemCaller } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { ReexamineClaim } from '../application/closure/reexamine-claim.command';
import { ClaimReexaminationRequestedV1 } from './complaint-messages';
import { readMessage } from './intake-messages';
import { ClaimReexaminationRequest, ReexaminationOutcome, ReviewCaseView } from './read-models';

/**
 * Follows the complaint service's topic for ClaimReexaminationRequested (v1): an upheld complaint
 * about a claim reopens its review case with the complaint as the reason. The message names the
 * claim by number; this service's case view finds its id. Every request is recorded with what
 * came of it (`claim_reexamination_request`): a claim unknown here, or a case that is not closed,
 * is recorded and logged, not retried (retrying would not change the answer). Another version, a
 * message not of the schema, or a failure (the store, a concurrent change) is retried and then
 * dead-lettered. The command id is the message id, and the domain records nothing for a request
 * it already followed, so a redelivery changes nothing.
 */
@Injectable()
export class ComplaintEventsConsumer {
  private readonly logger = new Logger('claims-review.complaint-consumer');

  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly commands: CommandBus,
  ) {}

  start(): Promise<void> {
    return this.messaging.follow({
      name: 'complaint-reexaminations',
      topics: [topicOf('complaint')],
      apply: (manager, message) => this.apply(manager, message),
    });
  }

  private async apply(manager: EntityManager, message: DeliveredMessage): Promise<void> {
    const { event } = message;
    if (event.type !== 'ClaimReexaminationRequested') return;
    if (event.schemaversion !== 1) {
      throw new Error(`${event.type} v${event.schemaversion} is not understood by claims review (only v1)`);
    }
    const request = readMessage(ClaimReexaminationRequestedV1, event.data);
    const found = await manager.findOneBy(ReviewCaseView, { claimNumber: request.claimNumber });
    const claimId = found?.claimId ?? null;
    const { outcome, detail } = claimId
      ? await this.reopen(claimId, request, message)
      : { outcome: 'unknown-claim' as const, detail: null };
    if (outcome === 'unknown-claim' || outcome === 'not-reopenable') {
      this.logger.warn(
        `${request.complaintNumber} asked to re-examine ${request.claimNumber}: ${outcome}${detail ? ` (${detail})` : ''}`,
      );
    }
    await manager.insert(ClaimReexaminationRequest, {
      messageId: event.id,
      claimNumber: request.claimNumber,
      claimId,
      complaintId: request.complaintId,
      complaintNumber: request.complaintNumber,
      reason: request.reason,
      requestedAt: request.requestedAt,
      outcome,
      detail,
      recordedAt: new Date().toISOString(),
    });
  }

  private async reopen(
    claimId: string,
    request: ClaimReexaminationRequestedV1,
    message: DeliveredMessage,
  ): Promise<{ outcome: ReexaminationOutcome; detail: string | null }> {
    const { event } = message;
    const caller = systemCaller('claims-review.complaint-consumer', event.correlationid, event.id);
    const { complaintId, complaintNumber, reason } = request;
    try {
      const changed = await this.commands.execute(
        new ReexamineClaim({ claimId, complaint: { complaintId, complaintNumber, reason } }, caller),
      );
      return { outcome: changed.events.length > 0 ? 'reopened' : 'already-reopened', detail: null };
    } catch (error) {
      if (error instanceof NotFoundRefusal) return { outcome: 'unknown-claim', detail: error.message };
      if (error instanceof DomainRuleViolation) {
        const status = typeof error.details.status === 'string' ? ` ${error.details.status}` : '';
        return { outcome: 'not-reopenable', detail: `${error.code}:${status} ${error.message}`.trim() };
      }
      throw error;
    }
  }
}
