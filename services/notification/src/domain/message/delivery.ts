import { DomainRuleViolation } from '@claims/event-sourcing';
import { Channel, Recipient, channelPlan } from '../channels';
import { ContactPreferences, optedOut, quietHoursEnd } from '../preferences';
import { CaseRef, MessageEvent, SuppressionReason, recordMessage } from './message.events';
import { Message, MessageStatus } from './message.state';
import { RetryPolicy, backoffMs } from './retry-policy';

/** What is known of how the recipient can be reached, never the details themselves. */
export type Reachability =
  { readonly forgotten: true } | { readonly forgotten: false; readonly channels: readonly Channel[] };

export interface RequestMessage {
  readonly messageId: string;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly recipient: Recipient;
  readonly templateId: string;
  readonly locale: string;
  readonly case: CaseRef;
  readonly mandatory: boolean;
  readonly urgent: boolean;
  /** The rule's channel, or the customer's preferred one. */
  readonly firstChannel: Channel;
  readonly parameters: Record<string, unknown>;
  readonly reachability: Reachability;
  /** The customer's consent and quiet hours; null for staff. */
  readonly preferences: ContactPreferences | null;
  readonly now: Date;
}

/**
 * One message per (source event, recipient, template): a second request for the same message
 * (a redelivered event) records nothing. A forgotten recipient, an opt-out of an optional message
 * or no reachable channel is recorded as suppressed, final, never an error to retry.
 */
export function requestMessage(state: Message, command: RequestMessage): MessageEvent[] {
  if (state.status !== 'none') return [];
  const { now, preferences, reachability, reachability: r } = command;
  const suppression: SuppressionReason | null = r.forgotten
    ? 'recipient-forgotten'
    : !command.mandatory && preferences && optedOut(preferences, command.templateId)
      ? 'opted-out'
      : null;
  const channels =
    suppression || reachability.forgotten ? [] : channelPlan(command.firstChannel, reachability.channels);
  const requested = recordMessage(
    'MessageRequested',
    {
      messageId: command.messageId,
      sourceEventId: command.sourceEventId,
      sourceEventType: command.sourceEventType,
      recipient: command.recipient,
      templateId: command.templateId,
      locale: command.locale,
      case: command.case,
      mandatory: command.mandatory,
      urgent: command.urgent,
      channels,
      parameters: command.parameters,
      requestedAt: now.toISOString(),
    },
    { occurredAt: now },
  );
  const reason = suppression ?? (channels.length === 0 ? 'no-reachable-channel' : null);
  if (reason) return [requested, suppressed(command.messageId, reason, now)];
  const quietUntil =
    channels[0] === 'sms' && !command.urgent && preferences ? quietHoursEnd(preferences, now) : null;
  if (!quietUntil) return [requested];
  return [
    requested,
    recordMessage(
      'MessageDeferred',
      {
        messageId: command.messageId,
        channel: 'sms',
        until: quietUntil.toISOString(),
        deferredAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

/** Whether the message waits for the sender now: to be rendered, (re)sent, or resumed after a crash. */
export function dueNow(state: Message, now: Date): boolean {
  if (!['pending', 'deferred', 'rendered', 'retry-scheduled', 'sending'].includes(state.status)) return false;
  return state.notBefore === null || Date.parse(state.notBefore) <= now.getTime();
}

export interface RenderMessage {
  readonly templateVersion: number;
  readonly contentHash: string;
  readonly now: Date;
}

/** The text for the current channel is ready (after quiet hours, when the message was deferred). */
export function recordRendered(state: Message, command: RenderMessage): MessageEvent[] {
  const message = messageIn(state, 'render', 'pending', 'deferred');
  notBeforeReached(message, command.now);
  return [
    recordMessage(
      'MessageRendered',
      {
        messageId: message.request.messageId,
        channel: message.channel,
        templateId: message.request.templateId,
        templateVersion: command.templateVersion,
        locale: message.request.locale,
        contentHash: command.contentHash,
        renderedAt: command.now.toISOString(),
      },
      { occurredAt: command.now },
    ),
  ];
}

/**
 * Recorded before the channel is called. In `sending` (a crash after the call) it records
 * nothing: the sender resends with the stored idempotency key, and the channel keeps the first.
 */
export function attemptSend(state: Message, now: Date): MessageEvent[] {
  if (state.status === 'sending') return [];
  const message = messageIn(state, 'send', 'rendered', 'retry-scheduled');
  notBeforeReached(message, now);
  const attempt = message.attempt + 1;
  return [
    recordMessage(
      'SendAttempted',
      {
        messageId: message.request.messageId,
        channel: message.channel,
        attempt,
        idempotencyKey: `${message.request.messageId}:${message.channel}:${attempt}`,
        attemptedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

/** The channel accepted the message. Repeated (a retried record after a crash): nothing. */
export function recordSent(state: Message, providerMessageId: string, now: Date): MessageEvent[] {
  if (state.status === 'sent' || state.status === 'delivered') return [];
  const message = messageIn(state, 'record a send of', 'sending');
  return [
    recordMessage(
      'MessageSent',
      {
        messageId: message.request.messageId,
        channel: message.channel,
        attempt: message.attempt,
        providerMessageId,
        sentAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

/** The provider's delivery receipt (or a call that reached the customer). Repeated: nothing. */
export function recordDelivered(state: Message, providerMessageId: string | null, now: Date): MessageEvent[] {
  if (state.status === 'delivered') return [];
  const message = messageIn(state, 'record a delivery of', 'sending', 'sent');
  return [
    recordMessage(
      'MessageDelivered',
      {
        messageId: message.request.messageId,
        channel: message.channel,
        providerMessageId,
        deliveredAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

export interface RecordFailure {
  readonly reason: string;
  readonly permanent: boolean;
  /** Retry at this instant rather than after the backoff (a customer's "call back at"). */
  readonly retryAt?: Date;
  readonly now: Date;
}

/**
 * A failed attempt: retried with backoff while the channel has attempts left and the failure is
 * not permanent, else the next channel (SMS → email → call task), else abandoned.
 */
export function recordFailure(state: Message, command: RecordFailure, policy: RetryPolicy): MessageEvent[] {
  const message = messageIn(state, 'record a failure of', 'sending', 'sent');
  const { now } = command;
  const messageId = message.request.messageId;
  const channel = message.channel;
  const failed = recordMessage(
    'DeliveryFailed',
    {
      messageId,
      channel,
      attempt: message.attempt,
      reason: command.reason,
      permanent: command.permanent,
      failedAt: now.toISOString(),
    },
    { occurredAt: now },
  );
  if (!command.permanent && message.attempt < policy.maxAttempts[channel]) {
    const retryAt = command.retryAt ?? new Date(now.getTime() + backoffMs(policy, message.attempt));
    return [
      failed,
      recordMessage(
        'RetryScheduled',
        {
          messageId,
          channel,
          nextAttempt: message.attempt + 1,
          retryAt: retryAt.toISOString(),
          scheduledAt: now.toISOString(),
        },
        { occurredAt: now },
      ),
    ];
  }
  const [next] = message.nextChannels;
  if (next) {
    return [
      failed,
      recordMessage(
        'FellBackToChannel',
        { messageId, from: channel, to: next, fellBackAt: now.toISOString() },
        { occurredAt: now },
      ),
    ];
  }
  return [
    failed,
    recordMessage(
      'MessageAbandoned',
      {
        messageId,
        reason: `every channel failed; last: ${channel}: ${command.reason}`,
        abandonedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

export type CallOutcome =
  | { readonly outcome: 'reached' }
  | { readonly outcome: 'not-reached'; readonly note?: string }
  | { readonly outcome: 'call-back-at'; readonly at: Date };

/** A call task's outcome, as staff record it: reached delivers, the others retry or give up. */
export function recordCallOutcome(
  state: Message,
  call: CallOutcome,
  policy: RetryPolicy,
  now: Date,
): MessageEvent[] {
  if (state.channel !== null && state.channel !== 'call-task')
    throw new DomainRuleViolation('not-a-call-task', 'This message is not a call task', {
      channel: state.channel,
    });
  switch (call.outcome) {
    case 'reached':
      return recordDelivered(state, null, now);
    case 'not-reached':
      return recordFailure(state, { reason: call.note ?? 'not reached', permanent: false, now }, policy);
    case 'call-back-at':
      if (call.at.getTime() <= now.getTime())
        throw new DomainRuleViolation('call-back-in-the-past', 'A call back must be in the future');
      return recordFailure(
        state,
        { reason: 'customer asked to be called back', permanent: false, retryAt: call.at, now },
        { ...policy, maxAttempts: { ...policy.maxAttempts, 'call-task': Number.MAX_SAFE_INTEGER } },
      );
  }
}

type Requested = Message & { request: NonNullable<Message['request']>; channel: Channel };

function messageIn(state: Message, action: string, ...statuses: MessageStatus[]): Requested {
  if (state.status === 'none' || !state.request || !state.channel)
    throw new DomainRuleViolation('message-not-found', `There is no message to ${action}`);
  if (!statuses.includes(state.status))
    throw new DomainRuleViolation(
      'message-in-wrong-status',
      `Cannot ${action} a message that is ${state.status}`,
      {
        status: state.status,
        allowed: statuses,
      },
    );
  return state as Requested;
}

function notBeforeReached(message: Message, now: Date): void {
  if (message.notBefore && Date.parse(message.notBefore) > now.getTime())
    throw new DomainRuleViolation('message-not-due', `The message is held until ${message.notBefore}`, {
      notBefore: message.notBefore,
    });
}

function suppressed(messageId: string, reason: SuppressionReason, now: Date): MessageEvent {
  return recordMessage(
    'MessageSuppressed',
    { messageId, reason, suppressedAt: now.toISOString() },
    { occurredAt: now },
  );
}
