import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeliveredMessage, topicOf } from '@claims/messaging';
import { ServiceMessaging } from '@claims/service-host';
import { RecordSupplementaryRequest } from '../../application/commands/record-supplementary-request';

/** SupplementaryDocumentsRequested v1, as claims review publishes it (docs/event-catalogue.md). */
interface SupplementaryDocumentsRequestedV1 {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly round: number;
  readonly items: ReadonlyArray<{ documentKind: string; reason: string }>;
  readonly requestedAt: string;
}

/**
 * Follows claims review's topic: a request for supplementary documents is recorded on the
 * application (idempotent: the message id becomes the command id, and a round is recorded once).
 */
@Injectable()
export class SupplementaryDocumentsRequestedConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.follow({
      name: 'supplementary-documents-requests',
      topics: [topicOf('claims-review')],
      apply: (_manager, message) => this.apply(message),
    });
  }

  private async apply({ event }: DeliveredMessage): Promise<void> {
    if (event.type !== 'SupplementaryDocumentsRequested') return;
    if (event.schemaversion !== 1) throw new Error(`SupplementaryDocumentsRequested v${event.schemaversion} is not understood`);
    const data = event.data as SupplementaryDocumentsRequestedV1;
    const context = { actor: { id: 'claims-review', role: 'system' }, correlationId: event.correlationid, causationId: event.id };
    const request = { round: data.round, items: data.items.map(({ documentKind, reason }) => ({ documentKind, reason })), requestedAt: data.requestedAt };
    await this.commands.execute(new RecordSupplementaryRequest(data.claimId, request, context));
  }
}
