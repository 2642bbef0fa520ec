import { Inject, Injectable } from '@nestjs/common';
import { PersonalDataVault } from '@claims/event-sourcing';
import { DeliveredMessage, revealIntegrationEvent, topicOf } from '@claims/messaging';
import { PERSONAL_DATA_VAULT, ServiceMessaging } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { ReviewCaseOpening } from '../application/commands/open-review-case';
import { MaterialReview } from '../application/commands/material-review';
import { ClaimantDetails } from '../domain/claim-facts';
import { ClaimSubmittedV1, SupplementaryDocumentsProvidedV1, readMessage } from './intake-messages';

/** Follows intake's topic: ClaimSubmitted opens a review case, SupplementaryDocumentsProvided resumes one. */
@Injectable()
export class IntakeEventsConsumer {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly opening: ReviewCaseOpening,
    private readonly materialReview: MaterialReview,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  start(): Promise<void> {
    return this.messaging.follow({ name: 'intake-claims', topics: [topicOf('intake')], apply: (manager, message) => this.apply(manager, message) });
  }

  private async apply(manager: EntityManager, message: DeliveredMessage): Promise<void> {
    const { event } = message;
    const understood = event.type === 'ClaimSubmitted' || event.type === 'SupplementaryDocumentsProvided';
    if (understood && event.schemaversion !== 1) return this.refuseVersion(event.type, event.schemaversion);
    const context = { actor: { id: 'claims-review.intake-consumer', role: 'system' }, correlationId: event.correlationid, causationId: event.id };
    if (event.type === 'ClaimSubmitted') {
      const claim = readMessage(ClaimSubmittedV1, event.data);
      const claimant = await this.claimantOf(message);
      await this.opening.execute({ claim, claimant, messageId: event.id, correlationId: event.correlationid }, manager);
    } else if (event.type === 'SupplementaryDocumentsProvided') {
      const provided = readMessage(SupplementaryDocumentsProvidedV1, event.data);
      await this.materialReview.receiveDocuments({ claimId: provided.claimId, round: provided.round, documents: provided.documents, context });
    }
  }

  private refuseVersion(type: string, version: number): never {
    throw new Error(`${type} v${version} is not understood by claims review (only v1)`);
  }

  /** The sealed claimant details, revealed with the platform's vault (erased once forgotten). */
  private async claimantOf(message: DeliveredMessage): Promise<ClaimantDetails | undefined> {
    const revealed = await revealIntegrationEvent(message.event, this.vault);
    return revealed.personalData?.fields as ClaimantDetails | undefined;
  }
}
