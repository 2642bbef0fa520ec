import { IntegrationEvent } from './integration-event';

/** Header of every message: the value is a whole CloudEvent in structured JSON mode. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

export interface DeliveredMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly event: IntegrationEvent;
  readonly headers: Readonly<Record<string, string>>;
}

export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

/**
 * Applies several messages of one partition at once, all or none. When it throws, the bus
 * gives the same messages to the MessageHandler one by one (which retries and dead-letters).
 */
export type BatchHandler = (messages: readonly DeliveredMessage[]) => Promise<void>;

export interface ConsumeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed offset starts; default true (read the whole topic). */
  readonly fromBeginning?: boolean;
  /**
   * Lets an adapter that fetches in batches (Kafka) apply a fetched batch in one go and commit
   * its offsets once; adapters that deliver one at a time ignore it.
   */
  readonly applyBatch?: BatchHandler;
}

export interface BusSubscription {
  /** Resolves once stopped; rejects with the error that stopped delivery (a handler's throw). */
  readonly done: Promise<void>;
  /** Stops delivery; waits for the handler call in flight, whose message is committed if it resolved. */
  stop(): Promise<void>;
  /**
   * False while the subscription has lost the broker and is reconnecting by itself (it has not
   * stopped); adapters that cannot lose their broker leave it out.
   */
  connected?(): boolean;
}

/**
 * The port between bounded contexts. Adapters: Kafka (kafkajs) and in-process (embedded mode).
 * Delivery is at least once: a message's offset is committed only after its handler resolved;
 * messages with the same key are delivered in publish order.
 */
export interface MessageBus {
  /** Publishes durably (acknowledged by the broker) with key = event.subject. */
  publish(
    topic: string,
    events: readonly IntegrationEvent[],
    headers?: Record<string, string>,
  ): Promise<void>;
  /** The handler must not throw for a bad message (see retryingHandler); a throw stops the subscription. */
  consume(options: ConsumeOptions, handler: MessageHandler): Promise<BusSubscription>;
  /** Everything currently in a topic, from its beginning (for dead-letter listing and audits). */
  readTopic(topic: string): Promise<DeliveredMessage[]>;
  /** Resolves while the bus can be reached (readiness probes); rejects with why not. */
  checkConnection?(): Promise<void>;
  close(): Promise<void>;
}
