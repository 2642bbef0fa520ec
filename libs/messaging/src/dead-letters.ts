import { IntegrationEvent, deadLetterTopicOf } from './integration-event';
import { DeliveredMessage, MessageBus } from './message-bus';
import { DEAD_LETTER_HEADERS } from './retrying-handler';

export interface DeadLetter {
  /** Where it sits in the dead-letter topic, `<partition>:<offset>`: unique, unlike the event id. */
  readonly id: string;
  readonly event: IntegrationEvent;
  readonly error: string;
  readonly originalTopic: string;
  readonly originalPartition: number;
  readonly originalOffset: string;
  readonly attempts: number;
  readonly failedAt: string;
  /** The original message's own headers. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Header on a republished message naming the dead letter it came from. */
export const REPLAYED_FROM_HEADER = 'replayed-dead-letter';
const REPLAY_GROUP_HEADER = 'replay-group';

/** The audit trail of replays: one record per dead letter republished, per replay group. */
export function replaysTopicOf(topic: string): string {
  return `${deadLetterTopicOf(topic)}.replays`;
}

export async function listDeadLetters(bus: MessageBus, topic: string): Promise<DeadLetter[]> {
  return (await bus.readTopic(deadLetterTopicOf(topic))).map(deadLetterFrom);
}

/**
 * Republishes to its original topic every dead letter of `topic` that this replay group has not
 * replayed yet, and returns them. Each replay is recorded in the replays topic after the
 * republish, so a crash in between replays that letter again (consumers are idempotent);
 * a message that fails again becomes a new dead letter.
 */
export async function replayDeadLetters(
  bus: MessageBus,
  topic: string,
  replayGroupId: string,
): Promise<DeadLetter[]> {
  const [letters, replays] = await Promise.all([
    listDeadLetters(bus, topic),
    bus.readTopic(replaysTopicOf(topic)),
  ]);
  const replayed = new Set(
    replays.filter((r) => r.headers[REPLAY_GROUP_HEADER] === replayGroupId).map((r) => r.event.subject),
  );
  const pending = letters.filter((letter) => !replayed.has(letter.id));
  for (const letter of pending) {
    await bus.publish(letter.originalTopic, [letter.event], {
      ...letter.headers,
      [REPLAYED_FROM_HEADER]: letter.id,
    });
    await bus.publish(replaysTopicOf(topic), [replayRecord(letter, replayGroupId)], {
      [REPLAY_GROUP_HEADER]: replayGroupId,
    });
  }
  return pending;
}

function deadLetterFrom(message: DeliveredMessage): DeadLetter {
  const own = Object.entries(message.headers).filter(
    ([name]) => name !== 'content-type' && name !== REPLAYED_FROM_HEADER && !name.startsWith('dead-letter-'),
  );
  return {
    id: `${message.partition}:${message.offset}`,
    event: message.event,
    error: header(message, DEAD_LETTER_HEADERS.error),
    originalTopic: header(message, DEAD_LETTER_HEADERS.originalTopic),
    originalPartition: Number(header(message, DEAD_LETTER_HEADERS.originalPartition)),
    originalOffset: header(message, DEAD_LETTER_HEADERS.originalOffset),
    attempts: Number(header(message, DEAD_LETTER_HEADERS.attempts)),
    failedAt: header(message, DEAD_LETTER_HEADERS.failedAt),
    headers: Object.fromEntries(own),
  };
}

function header(message: DeliveredMessage, name: string): string {
  const value = message.headers[name];
  if (value === undefined)
    throw new Error(`${message.topic} ${message.partition}:${message.offset} lacks header ${name}`);
  return value;
}

function replayRecord(letter: DeadLetter, replayGroupId: string): IntegrationEvent {
  return {
    specversion: '1.0',
    id: `${replayGroupId}/${letter.id}`,
    source: '/claims-platform/messaging',
    type: 'DeadLetterReplayed',
    time: new Date().toISOString(),
    subject: letter.id,
    datacontenttype: 'application/json',
    schemaversion: 1,
    correlationid: letter.event.correlationid,
    causationid: letter.event.id,
    data: { replayGroupId, eventId: letter.event.id, originalTopic: letter.originalTopic },
  };
}
