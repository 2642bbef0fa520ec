import { deciderSpec } from '@claims/event-sourcing/testing';
import { Channel, Recipient } from '../../src/domain/channels';
import { DEFAULT_PREFERENCES } from '../../src/domain/preferences';
import { Reachability, RequestMessage, requestMessage } from '../../src/domain/message/delivery';
import { messageDecider } from '../../src/domain/message/message.decider';
import { MessageEvent } from '../../src/domain/message/message.events';
import { Message } from '../../src/domain/message/message.state';
import { messageIdFor } from '../../src/domain/message/message-id';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/message/retry-policy';

/** Given/when/then for messages; every instant is given (the domain has no clock of its own). */
export const spec = deciderSpec(messageDecider);
export const policy = DEFAULT_RETRY_POLICY;

export const at = (iso: string) => new Date(iso);
/** Monday 2026-11-23, 10:00 Beijing time. */
export const morning = at('2026-11-23T02:00:00Z');
/** The same day, 23:30 Beijing time: inside the default quiet hours (21:00–08:00). */
export const night = at('2026-11-23T15:30:00Z');
export const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

export const customer: Recipient = { role: 'customer', id: 'cust-42' };
export const sourceEventId = '7b0e4c1a-3f8d-4d0e-9a51-2c6b8e1f0a11';
export const messageId = messageIdFor(sourceEventId, customer, 'claim-approved');
export const reachableBy = (...channels: Channel[]): Reachability => ({ forgotten: false, channels });

export const request = (overrides: Partial<RequestMessage> = {}): RequestMessage => ({
  messageId,
  sourceEventId,
  sourceEventType: 'ClaimApproved',
  recipient: customer,
  templateId: 'claim-approved',
  locale: 'zh-CN',
  case: { kind: 'claim', id: 'c1a1m-0001', number: 'CLM-2026-000123' },
  mandatory: true,
  urgent: false,
  firstChannel: 'sms',
  parameters: { claimNumber: 'CLM-2026-000123', payout: { amountMinor: 123456, currency: 'CNY' } },
  reachability: reachableBy('sms', 'email', 'call-task'),
  preferences: DEFAULT_PREFERENCES,
  now: morning,
  ...overrides,
});

export const requested = (overrides: Partial<RequestMessage> = {}) =>
  requestMessage(spec.given([]).state, request(overrides));

/** The events a decision takes on the state a history folds to, appended to that history. */
export function then(history: MessageEvent[], decide: (state: Message) => MessageEvent[]): MessageEvent[] {
  return [...history, ...decide(spec.given(history).state)];
}
