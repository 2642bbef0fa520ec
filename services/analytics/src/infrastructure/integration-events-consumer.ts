import { Injectable } from '@nestjs/common';
import { DeliveredMessage, topicOf } from '@claims/messaging';
import { ServiceMessaging } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { caseIdOf } from '../domain/received-event';
import { AnalyticsStore } from './analytics-store';

/** The topics analytics follows: every context that publishes facts about claims and complaints. */
export const FOLLOWED_TOPICS = [topicOf('intake'), topicOf('claims-review'), topicOf('complaint')];

/**
 * Follows intake's, claims review's and complaint's topics: each message is kept as received
 * (its data as published, personal fields still sealed) with its topic, partition and offset,
 * and its case's archive row is refolded, in one transaction with the processed-message record.
 */
@Injectable()
export class IntegrationEventsConsumer {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly store: AnalyticsStore,
  ) {}

  start(): Promise<void> {
    return this.messaging.follow({
      name: 'analytics-archive',
      topics: FOLLOWED_TOPICS,
      apply: (manager, message) => this.apply(manager, message),
    });
  }

  private async apply(manager: EntityManager, message: DeliveredMessage): Promise<void> {
    const { event } = message;
    const data = (event.data ?? {}) as Record<string, unknown>;
    if (typeof data !== 'object' || Array.isArray(data)) return;
    await this.store.record(manager, {
      eventId: event.id,
      topic: message.topic,
      partition: message.partition,
      busOffset: String(message.offset),
      source: event.source,
      type: event.type,
      schemaVersion: event.schemaversion,
      subject: event.subject,
      caseId: caseIdOf(data, event.subject),
      time: event.time,
      correlationId: event.correlationid,
      causationId: event.causationid ?? null,
      data,
    });
  }
}
