import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeliveredMessage, topicOf } from '@claims/messaging';
import { ServiceMessaging } from '@claims/service-host';
import { RecordReviewProgress } from '../../application/review-progress/record-review-progress.command';
import { RecordSupplementaryRequest } from '../../application/supplementary-documents/record-supplementary-request.command';
import { isFollowed, readClaimsReviewEvent } from './claims-review-events';

/**
 * Follows claims review's topic, in order per claim: a request for supplementary documents is
 * recorded on the application, every other fact of the customer's journey (acceptance, decision,
 * payment, closure, reopening) on its review progress. Idempotent twice over: each message is
 * applied once (its id is recorded with the change, and is the command's causation id), and a
 * fact told again (a round, or a fact with the same instant) records nothing.
 */
@Injectable()
export class ClaimsReviewConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.follow({
      name: 'claims-review-progress',
      topics: [topicOf('claims-review')],
      apply: (_manager, message) => this.apply(message),
    });
  }

  private async apply({ event }: DeliveredMessage): Promise<void> {
    if (!isFollowed(event.type)) return;
    const message = readClaimsReviewEvent({ ...event, type: event.type });
    const context = {
      actor: { id: 'claims-review', role: 'system' },
      correlationId: event.correlationid,
      causationId: event.id,
    };
    const { claimId } = message;
    if (message.kind === 'supplementary-request') {
      await this.commands.execute(
        new RecordSupplementaryRequest({ claimId, request: message.request }, { context }),
      );
    } else {
      await this.commands.execute(new RecordReviewProgress({ claimId, fact: message.fact }, { context }));
    }
  }
}
