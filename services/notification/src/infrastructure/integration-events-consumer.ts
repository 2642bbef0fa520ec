import { Inject, Injectable } from '@nestjs/common';
import { PersonalDataVault } from '@claims/event-sourcing';
import { DeliveredMessage, revealIntegrationEvent, topicOf } from '@claims/messaging';
import { PERSONAL_DATA_VAULT, ServiceMessaging, systemCaller } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { NotifyOnEvent } from '../application/notify/notify-on-event';
import { STAFF_MAIL_DOMAIN } from '../application/ports';
import { SourceContext, channelForFeedback } from '../domain/notification-rules';
import { DatabaseCaseDirectory, SealedContactDirectory } from './database-stores';

const SOURCES: readonly SourceContext[] = ['intake', 'claims-review', 'complaint'];

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;

interface PublishedV1 {
  readonly claimId?: unknown;
  readonly claimNumber?: unknown;
  readonly complaintId?: unknown;
  readonly complaintNumber?: unknown;
  readonly customerId?: unknown;
  readonly feedbackChannel?: unknown;
  readonly handlerId?: unknown;
  readonly toHandlerId?: unknown;
}

/**
 * Follows intake's, claims review's and complaint's topics (their published language, v1, in
 * docs/event-catalogue.md): first what the event tells of its case (number, customer, handler,
 * the channel asked for; the claimant's phone sealed for the customer), then the messages the
 * rules ask for. At least once: the message streams make a redelivery send nothing twice.
 */
@Injectable()
export class IntegrationEventsConsumer {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly notify: NotifyOnEvent,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(STAFF_MAIL_DOMAIN) private readonly staffMailDomain: string,
  ) {}

  start(): Promise<void> {
    return this.messaging.follow({
      name: 'notification-events',
      topics: SOURCES.map(topicOf),
      apply: (manager, message) => this.apply(manager, message),
    });
  }

  private async apply(manager: EntityManager, message: DeliveredMessage): Promise<void> {
    const { event } = message;
    const source = SOURCES.find((s) => topicOf(s) === message.topic);
    if (!source || event.schemaversion !== 1) return; // a later version: its catalogue entry says what changed
    const data = (event.data ?? {}) as PublishedV1;
    await this.learn(manager, message, data);
    const caller = systemCaller('notification.events-consumer', event.correlationid, event.id);
    await this.notify.execute(
      { id: event.id, source, type: event.type, data: data as Record<string, unknown> },
      caller.context,
      {
        cases: new DatabaseCaseDirectory({ manager }),
        contacts: new SealedContactDirectory({ manager }, this.vault, this.staffMailDomain),
      },
    );
  }

  private async learn(manager: EntityManager, message: DeliveredMessage, data: PublishedV1): Promise<void> {
    const { event } = message;
    const claimId = text(data.claimId);
    const complaintId = text(data.complaintId);
    const handlerId = text(data.toHandlerId) ?? text(data.handlerId);
    if (claimId) {
      await DatabaseCaseDirectory.record(manager, 'claim', claimId, {
        number: text(data.claimNumber) ?? undefined,
        customerId: text(data.customerId),
        handlerId: event.type === 'HandlerAssigned' || event.type === 'HandlerReassigned' ? handlerId : null,
        preferredChannel: data.feedbackChannel ? channelForFeedback(text(data.feedbackChannel)) : null,
      });
    } else if (complaintId) {
      await DatabaseCaseDirectory.record(manager, 'complaint', complaintId, {
        number: text(data.complaintNumber) ?? undefined,
        customerId: text(data.customerId),
        handlerId: event.type === 'HandlerAssigned' ? handlerId : null,
      });
    }
    const customerId = text(data.customerId);
    if (event.type === 'ClaimSubmitted' && customerId) {
      const revealed = await revealIntegrationEvent(event, this.vault);
      const fields = revealed.personalData?.fields as
        { claimantName?: unknown; claimantPhone?: unknown } | undefined;
      if (fields && !revealed.personalData?.erased) {
        await SealedContactDirectory.record(manager, this.vault, customerId, {
          name: typeof fields.claimantName === 'string' ? fields.claimantName : null,
          phone: typeof fields.claimantPhone === 'string' ? fields.claimantPhone : null,
        });
      }
    }
  }
}
