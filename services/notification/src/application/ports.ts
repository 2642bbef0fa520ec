import { DeciderRepository } from '@claims/event-sourcing';
import { Channel, Recipient } from '../domain/channels';
import { Locale } from '../domain/locale-format';
import { CaseRef, MessageEvent } from '../domain/message/message.events';
import { Message } from '../domain/message/message.state';
import { ContactPreferences } from '../domain/preferences';

/**
 * What the application needs from the outside, by DI token. The clock is CLOCK of
 * @claims/working-calendar.
 */

/** The messages' histories (streams `notification-message-<messageId>`). */
export const MESSAGES = Symbol('MESSAGES');
export type MessageHistories = DeciderRepository<Message, MessageEvent>;

/** The `NotificationRule`s in force (configuration data). */
export const NOTIFICATION_RULES = Symbol('NOTIFICATION_RULES');

/** The `RetryPolicy` in force. */
export const RETRY_POLICY = Symbol('RETRY_POLICY');

/** A versioned message template; `subject`, `text` (email, inbox, letter) and `sms` (SMS, call script). */
export interface MessageTemplate {
  readonly id: string;
  readonly version: number;
  readonly locale: Locale;
  readonly subject: string;
  readonly text: string;
  readonly sms: string;
}

export const TEMPLATES = Symbol('TEMPLATES');
export interface TemplateCatalogue {
  /** The newest version in this locale (falling back to the default locale); null when unknown. */
  latest(id: string, locale: Locale): MessageTemplate | null;
  /** A given version, to show a past message as it was sent. */
  version(id: string, locale: Locale, version: number): MessageTemplate | null;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly sms: string;
}

export const TEMPLATE_RENDERER = Symbol('TEMPLATE_RENDERER');
export interface TemplateRenderer {
  render(template: MessageTemplate, parameters: Record<string, unknown>): RenderedMessage;
}

/** Where the platform can reach a person. Sealed personal data: read only at the moment of sending. */
export interface ContactDetails {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly locale: Locale;
}

export const CONTACTS = Symbol('CONTACTS');
export interface ContactDirectory {
  /** `forgotten` once the person asked to be forgotten (their sealed details read as erased). */
  contactOf(recipient: Recipient): Promise<ContactDetails | 'forgotten' | null>;
}

export const PREFERENCES = Symbol('PREFERENCES');
export interface PreferencesStore {
  /** The customer's saved preferences, else `defaults` (from the case: the channel asked for at intake). */
  preferencesOf(customerId: string, defaults: ContactPreferences): Promise<ContactPreferences>;
  save(customerId: string, preferences: ContactPreferences): Promise<void>;
}

/** One outgoing message as a channel sees it. The idempotency key makes a resend a no-op. */
export interface Outgoing {
  readonly messageId: string;
  readonly idempotencyKey: string;
  readonly recipient: Recipient;
  readonly case: CaseRef;
  readonly contact: ContactDetails;
  readonly templateId: string;
  readonly parameters: Record<string, unknown>;
  readonly rendered: RenderedMessage;
}

export type SendResult =
  | { readonly ok: true; readonly providerMessageId: string }
  | { readonly ok: false; readonly reason: string; readonly permanent: boolean };

/** A channel's adapter: email (SMTP or outbox), SMS (HTTP gateway or outbox), call tasks (work queue). */
export interface ChannelSender {
  readonly channel: Channel;
  send(message: Outgoing): Promise<SendResult>;
}

export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');

/** The in-app inbox the customer reads through the API. */
export interface InboxEntry {
  readonly messageId: string;
  readonly customerId: string;
  readonly caseKind: 'claim' | 'complaint';
  readonly caseId: string;
  readonly subject: string;
  readonly text: string;
  readonly receivedAt: string;
  readonly readAt: string | null;
}

export const INBOX = Symbol('INBOX');
export interface Inbox {
  /** Keeps the first entry of a message id: a resend adds nothing. */
  put(entry: InboxEntry): Promise<void>;
  list(customerId: string): Promise<InboxEntry[]>;
  markRead(customerId: string, messageId: string, at: Date): Promise<boolean>;
}

/** What the service knows of a case from the events it followed (ids and numbers, nothing personal). */
export interface CaseFacts {
  readonly kind: 'claim' | 'complaint';
  readonly id: string;
  readonly number: string;
  readonly customerId: string | null;
  readonly handlerId: string | null;
  /** How the customer asked to hear back at intake (already one of our channels). */
  readonly preferredChannel: Channel | null;
}

export const CASES = Symbol('CASES');
export interface CaseDirectory {
  caseOf(kind: 'claim' | 'complaint', id: string): Promise<CaseFacts | null>;
}

/** Who is told as the `manager` of a kind of case (configuration data). */
export interface StaffRouting {
  readonly managers: Readonly<Record<'claim' | 'complaint', string>>;
}
export const STAFF_ROUTING = Symbol('STAFF_ROUTING');

/** A phone follow-up waiting for staff: the script to read, nothing personal (staff look the number up). */
export interface CallTask {
  readonly taskId: string;
  readonly messageId: string;
  readonly customerId: string;
  readonly caseKind: 'claim' | 'complaint';
  readonly caseId: string;
  readonly caseNumber: string;
  readonly script: string;
  readonly attempt: number;
  readonly createdAt: string;
  readonly status: 'open' | 'done';
  readonly outcome: string | null;
}

export const CALL_TASKS = Symbol('CALL_TASKS');
export interface CallTaskQueue {
  /** Keeps the first task of a task id (the attempt's idempotency key): a resend adds nothing. */
  add(task: CallTask): Promise<void>;
  open(): Promise<CallTask[]>;
  get(taskId: string): Promise<CallTask | null>;
  complete(taskId: string, outcome: string): Promise<void>;
}

/** The mail domain staff are reached at: `<employee id>@<domain>`. */
export const STAFF_MAIL_DOMAIN = Symbol('STAFF_MAIL_DOMAIN');

/** Messages not final yet and when each falls due: the sweep's work list (and the crash recovery's). */
export const PENDING_MESSAGES = Symbol('PENDING_MESSAGES');
export interface PendingMessages {
  /** Keeps the row of a message still moving (due at `dueAt`), drops it once final. */
  track(messageId: string, dueAt: string | null): Promise<void>;
  due(now: Date, limit: number): Promise<string[]>;
}

/** The SMS gateway's secret that signs its delivery receipts; null when no gateway is configured. */
export const SMS_RECEIPT_SECRET = Symbol('SMS_RECEIPT_SECRET');

/** One message as staff list a case's messages. */
export interface MessageSummary {
  readonly messageId: string;
  readonly caseKind: 'claim' | 'complaint';
  readonly caseId: string;
  readonly templateId: string;
  readonly recipientRole: string;
  readonly recipientId: string;
  readonly sourceEventType: string;
  readonly status: string;
  readonly channel: string | null;
  readonly attempt: number;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

/** The messages of each case, kept current as they move (staff: history per case, delivery status). */
export const MESSAGE_INDEX = Symbol('MESSAGE_INDEX');
export interface MessageIndex {
  record(summary: MessageSummary): Promise<void>;
  forCase(kind: 'claim' | 'complaint', caseId: string): Promise<MessageSummary[]>;
}
