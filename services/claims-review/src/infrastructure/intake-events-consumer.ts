import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PersonalDataVault } from '@claims/event-sourcing';
import { DeliveredMessage, revealIntegrationEvent, topicOf } from '@claims/messaging';
import { PERSONAL_DATA_VAULT, ServiceMessaging, systemCaller } from '@claims/service-host';
import { OpenReviewCase } from '../application/acceptance/open-review-case.command';
import { ReceiveSupplementaryDocuments } from '../application/material-review/receive-supplementary-documents.command';
import { ClaimantDetails } from '../domain/claim-facts';
import { ClaimSubmittedV1, SupplementaryDocumentsProvidedV1, readMessage } from './intake-messages';

/**
 * Follows intake's topic: ClaimSubmitted opens a review case, SupplementaryDocumentsProvided
 * resumes one. Each message becomes a command whose command id is the message id, so a
 * redelivered message records nothing new.
 */
@Injectable()
export class IntakeEventsConsumer {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly commands: CommandBus,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  start(): Promise<void> {
    return this.messaging.follow({
      name: 'intake-claims',
      topics: [topicOf('intake')],
      apply: (_manager, message) => this.apply(message),
    });
  }

  private async apply(message: DeliveredMessage): Promise<void> {
    const { event } = message;
    const understood = event.type === 'ClaimSubmitted' || event.type === 'SupplementaryDocumentsProvided';
    if (understood && event.schemaversion !== 1) return this.refuseVersion(event.type, event.schemaversion);
    const caller = systemCaller('claims-review.intake-consumer', event.correlationid, event.id);
    if (event.type === 'ClaimSubmitted') {
      const claim = readMessage(ClaimSubmittedV1, event.data);
      const claimant = await this.claimantOf(message);
      await this.commands.execute(new OpenReviewCase({ claim, claimant }, caller));
    } else if (event.type === 'SupplementaryDocumentsProvided') {
      const { claimId, round, documents } = readMessage(SupplementaryDocumentsProvidedV1, event.data);
      await this.commands.execute(new ReceiveSupplementaryDocuments({ claimId, round, documents }, caller));
    }
  }

  private refuseVersion(type: string, version: number): never {
    throw new Error(`${type} v${version} is not understood by claims review (only v1)`);
  }

  /** The sealed claimant details, revealed with the platform's vault (erased once forgotten). */
  private async claimantOf(message: DeliveredMessage): Promise<ClaimantDetails | undefined> {
    const revealed = await revealIntegrationEvent(message.event, this.vault);
    return revealed.personalData?.fields;
  }
}
