import { SpanKind } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import {
  BusSubscription,
  MessageBus,
  MessageHandler,
  Projection,
  RetryOptions,
  idempotentBatchHandler,
  idempotentHandler,
  retryingHandler,
} from '@claims/messaging';
import { inSpan } from '../observability/tracing';

export interface IntegrationEventSubscription {
  /** Names the consumer: its Kafka group is `<service>.<name>`, its processed-message records `<name>`. */
  readonly name: string;
  readonly topics: readonly string[];
  /** Applied once per message, in one transaction with the processed-message record. */
  readonly apply: Projection;
  /**
   * Apply each fetched batch in one transaction (far faster) instead of a transaction per message.
   * Only for an `apply` that writes read models and never issues commands: a command waits for
   * its own projection, which (on PostgreSQL) cannot see the append while a transaction that
   * already wrote is still open — the batch's own.
   */
  readonly applyInBatches?: boolean;
  readonly retry?: RetryOptions;
}

/** Whether each of a service's consumers is receiving (`up`) or waiting to resubscribe or reconnect (`down`). */
export type ConsumerStates = Record<string, 'up' | 'down'>;

export interface ServiceMessagingOptions {
  /** Told when a consumer stopped on an error and will resubscribe after `retryInMs`. */
  readonly onFailure?: (consumer: string, error: unknown, retryInMs: number) => void;
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
}

/**
 * How a service follows other contexts' integration events: at least once from the bus,
 * exactly once into its own database (idempotent consumer), bounded retries and then the
 * dead-letter topic for a message that keeps failing. A consumer that stops on an error (the
 * broker or the database gone) resubscribes forever with backoff, from its committed offsets.
 */
export class ServiceMessaging {
  private readonly subscriptions = new Map<string, BusSubscription | null>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly deadLetters = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly service: string,
    private readonly bus: MessageBus,
    private readonly db: DataSource,
    private readonly options: ServiceMessagingOptions = {},
  ) {}

  /** Subscribes; a failure to subscribe at start is the caller's (the process should not start). */
  async follow(subscription: IntegrationEventSubscription): Promise<void> {
    await this.subscribe(subscription, 0);
  }

  /** `down` while a consumer waits to resubscribe, or has lost its broker and is reconnecting. */
  states(): ConsumerStates {
    return Object.fromEntries(
      [...this.subscriptions].map(([name, active]) => [
        name,
        active && (active.connected?.() ?? true) ? 'up' : 'down',
      ]),
    );
  }

  /** Dead letters each consumer has published since the process started. */
  deadLettersPublished(): Record<string, number> {
    return Object.fromEntries(this.deadLetters);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    const active = [...this.subscriptions.values()].filter((s): s is BusSubscription => s !== null);
    this.subscriptions.clear();
    await Promise.all(active.map((s) => s.stop()));
  }

  private async subscribe(subscription: IntegrationEventSubscription, failures: number): Promise<void> {
    const groupId = `${this.service}.${subscription.name}`;
    this.deadLetters.set(subscription.name, this.deadLetters.get(subscription.name) ?? 0);
    const handler = retryingHandler(
      this.bus,
      idempotentHandler(this.db, subscription.name, subscription.apply),
      {
        ...subscription.retry,
        onDeadLetter: (message, error, attempts) => {
          this.deadLetters.set(subscription.name, (this.deadLetters.get(subscription.name) ?? 0) + 1);
          subscription.retry?.onDeadLetter?.(message, error, attempts);
        },
      },
    );
    const active = await this.bus.consume(
      {
        groupId,
        topics: subscription.topics,
        ...(subscription.applyInBatches
          ? { applyBatch: idempotentBatchHandler(this.db, subscription.name, subscription.apply) }
          : {}),
      },
      traced(groupId, handler),
    );
    if (this.stopped) return void (await active.stop());
    this.subscriptions.set(subscription.name, active);
    active.done.then(
      () => undefined,
      (error: unknown) => this.resubscribeLater(subscription, failures + 1, error),
    );
  }

  private resubscribeLater(
    subscription: IntegrationEventSubscription,
    failures: number,
    error: unknown,
  ): void {
    if (this.stopped) return;
    this.subscriptions.set(subscription.name, null);
    const { initialMs = 500, maxMs = 30_000 } = this.options.backoff ?? {};
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 16));
    this.options.onFailure?.(subscription.name, error, delay);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.subscribe(subscription, failures).catch((again: unknown) =>
        this.resubscribeLater(subscription, failures + 1, again),
      );
    }, delay);
    this.timers.add(timer);
  }
}

/**
 * Each delivery in a consumer span that continues the trace its CloudEvent carries (the
 * `traceparent` extension), so logs and the commands the handler issues (systemCaller) belong to
 * the trace of the request that caused the event.
 */
function traced(groupId: string, handler: MessageHandler): MessageHandler {
  return (message) =>
    inSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        parent: { traceparent: message.event.traceparent, tracestate: message.event.tracestate },
        attributes: {
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.topic,
          'messaging.consumer.group.name': groupId,
          'messaging.message.id': message.event.id,
        },
      },
      () => handler(message),
    );
}
