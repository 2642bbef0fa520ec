import { EventUnion, eventRecorder } from '@claims/event-sourcing';
import { Channel, Recipient } from '../channels';

/** The case a message is about: what the customer or staff member will recognise. */
export interface CaseRef {
  readonly kind: 'claim' | 'complaint';
  readonly id: string;
  readonly number: string;
}

export type SuppressionReason = 'recipient-forgotten' | 'opted-out' | 'no-reachable-channel';

/**
 * The delivery lifecycle of one message, in stream `notification-message-<messageId>`, where the
 * message id is derived from (source event id, recipient, template): a redelivered source event
 * lands on the same stream and finds the message already requested. Contact details and rendered
 * text never appear in `data`: the rendered text travels sealed for the recipient. Stored
 * history: never rename a type or a field; bump the version and add an upcaster.
 */
export interface MessageEvents {
  MessageRequested: {
    messageId: string;
    sourceEventId: string;
    sourceEventType: string;
    recipient: Recipient;
    templateId: string;
    locale: string;
    case: CaseRef;
    mandatory: boolean;
    urgent: boolean;
    /** The channels to try, in order; the first is current. Empty when suppressed. */
    channels: Channel[];
    /** The values the template is filled with (no personal data: ids, numbers, money, dates). */
    parameters: Record<string, unknown>;
    requestedAt: string;
  };
  /** Nothing will be sent, and that is final: recorded once, never retried. */
  MessageSuppressed: { messageId: string; reason: SuppressionReason; suppressedAt: string };
  /** Held for the recipient's quiet hours (no SMS at night unless urgent). */
  MessageDeferred: { messageId: string; channel: Channel; until: string; deferredAt: string };
  MessageRendered: {
    messageId: string;
    channel: Channel;
    templateId: string;
    templateVersion: number;
    locale: string;
    /** SHA-256 of the rendered text (the text itself is sealed personal data). */
    contentHash: string;
    renderedAt: string;
  };
  /**
   * Recorded before the provider is called. The idempotency key goes with the request, so a
   * crash between the call and `MessageSent` resends with the same key and the provider (or the
   * outbox) keeps the first.
   */
  SendAttempted: {
    messageId: string;
    channel: Channel;
    attempt: number;
    idempotencyKey: string;
    attemptedAt: string;
  };
  MessageSent: {
    messageId: string;
    channel: Channel;
    attempt: number;
    providerMessageId: string;
    sentAt: string;
  };
  /** The provider's delivery receipt, or the call task's outcome `reached`. */
  MessageDelivered: {
    messageId: string;
    channel: Channel;
    providerMessageId: string | null;
    deliveredAt: string;
  };
  DeliveryFailed: {
    messageId: string;
    channel: Channel;
    attempt: number;
    reason: string;
    /** A failure no retry can cure (unknown number, rejected address). */
    permanent: boolean;
    failedAt: string;
  };
  RetryScheduled: {
    messageId: string;
    channel: Channel;
    nextAttempt: number;
    retryAt: string;
    scheduledAt: string;
  };
  FellBackToChannel: { messageId: string; from: Channel; to: Channel; fellBackAt: string };
  MessageAbandoned: { messageId: string; reason: string; abandonedAt: string };
}

export type MessageEvent = EventUnion<MessageEvents>;

export const recordMessage = eventRecorder<MessageEvents>({
  MessageRequested: 1,
  MessageSuppressed: 1,
  MessageDeferred: 1,
  MessageRendered: 1,
  SendAttempted: 1,
  MessageSent: 1,
  MessageDelivered: 1,
  DeliveryFailed: 1,
  RetryScheduled: 1,
  FellBackToChannel: 1,
  MessageAbandoned: 1,
});
