import { DataSource } from 'typeorm';
import {
  BusSubscription,
  MessageBus,
  Projection,
  RetryOptions,
  idempotentHandler,
  retryingHandler,
} from '@claims/messaging';

export interface IntegrationEventSubscription {
  /** Names the consumer: its Kafka group is `<service>.<name>`, its processed-message records `<name>`. */
  readonly name: string;
  readonly topics: readonly string[];
  /** Applied once per message, in one transaction with the processed-message record. */
  readonly apply: Projection;
  readonly retry?: RetryOptions;
}

/**
 * How a service follows other contexts' integration events: at least once from the bus,
 * exactly once into its own database (idempotent consumer), bounded retries and then the
 * dead-letter topic for a message that keeps failing.
 */
export class ServiceMessaging {
  private readonly subscriptions: BusSubscription[] = [];

  constructor(
    private readonly service: string,
    private readonly bus: MessageBus,
    private readonly db: DataSource,
  ) {}

  async follow(subscription: IntegrationEventSubscription): Promise<void> {
    const handler = retryingHandler(this.bus, idempotentHandler(this.db, subscription.name, subscription.apply), subscription.retry);
    this.subscriptions.push(
      await this.bus.consume({ groupId: `${this.service}.${subscription.name}`, topics: subscription.topics }, handler),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.stop()));
  }
}
