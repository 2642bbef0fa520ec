import { deadLetterTopicOf } from './integration-event';
import { DeliveredMessage, MessageBus, MessageHandler } from './message-bus';

export interface RetryOptions {
  /** Calls of the handler before the message is dead-lettered; default 5. */
  readonly attempts?: number;
  /** Wait before the second call; it doubles before each further call. Default 200 ms. */
  readonly baseDelayMs?: number;
  /** Cap on a single wait; default 10 s. */
  readonly maxDelayMs?: number;
  /** Told once a message's dead letter is published (metrics, logs). */
  readonly onDeadLetter?: (message: DeliveredMessage, error: unknown, attempts: number) => void;
}

/** Headers a dead letter carries besides the original message's own. */
export const DEAD_LETTER_HEADERS = {
  error: 'dead-letter-error',
  originalTopic: 'dead-letter-original-topic',
  originalPartition: 'dead-letter-original-partition',
  originalOffset: 'dead-letter-original-offset',
  attempts: 'dead-letter-attempts',
  failedAt: 'dead-letter-failed-at',
} as const;

const MAX_ERROR_LENGTH = 1000;

/**
 * Calls the handler until it succeeds, waiting longer after each failure; after the last attempt
 * the message goes to the topic's dead-letter topic with the failure described in headers, and
 * the call resolves, so the consumer commits the offset and moves on without losing the message.
 * Only a failure to publish the dead letter propagates (and stops the subscription).
 */
export function retryingHandler(
  bus: MessageBus,
  handler: MessageHandler,
  options: RetryOptions = {},
): MessageHandler {
  const attempts = Math.max(1, options.attempts ?? 5);
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  return async (message) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(message);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          await deadLetter(bus, message, error, attempt);
          return options.onDeadLetter?.(message, error, attempt);
        }
        await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  };
}

async function deadLetter(
  bus: MessageBus,
  message: DeliveredMessage,
  error: unknown,
  attempts: number,
): Promise<void> {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await bus.publish(deadLetterTopicOf(message.topic), [message.event], {
    ...message.headers,
    [DEAD_LETTER_HEADERS.error]: reason.slice(0, MAX_ERROR_LENGTH),
    [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    [DEAD_LETTER_HEADERS.attempts]: String(attempts),
    [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
