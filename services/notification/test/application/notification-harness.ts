import {
  DeciderRepository,
  EmbeddedEventStore,
  InMemorySubjectKeyStore,
  PersonalDataVault,
} from '@claims/event-sourcing';
import { FixedClock } from '@claims/working-calendar';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordCallOutcome } from '../../src/application/call-tasks/record-call-outcome';
import { MessageDispatcher } from '../../src/application/delivery/message-dispatcher';
import { NotifyOnEvent } from '../../src/application/notify/notify-on-event';
import {
  CaseDirectory,
  CaseFacts,
  ChannelSender,
  ContactDetails,
  ContactDirectory,
  MessageHistories,
} from '../../src/application/ports';
import { Recipient } from '../../src/domain/channels';
import { messageDecider } from '../../src/domain/message/message.decider';
import { MESSAGE_STREAM_PREFIX } from '../../src/domain/message/message-id';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/message/retry-policy';
import { CallTaskSender } from '../../src/infrastructure/channels/call-task-sender';
import { OutboxEmailSender, OutboxSmsSender } from '../../src/infrastructure/channels/outbox-senders';
import { DEFAULT_NOTIFICATION_RULES } from '../../src/infrastructure/default-notification-rules';
import { EjsTemplateRenderer } from '../../src/infrastructure/ejs-template-renderer';
import {
  InMemoryCallTaskQueue,
  InMemoryInbox,
  InMemoryMessageIndex,
  InMemoryPendingMessages,
  InMemoryPreferencesStore,
} from '../../src/infrastructure/in-memory-stores';
import { InMemoryTemplateCatalogue } from '../../src/infrastructure/templates/template-catalogue';

/** Monday 2026-11-23, 10:00 Beijing time. */
export const MORNING = '2026-11-23T02:00:00Z';
export const context = {
  actor: { id: 'notification.test', role: 'system' },
  correlationId: 'corr-1',
  causationId: null,
};

export const claimFacts: CaseFacts = {
  kind: 'claim',
  id: '11111111-2222-4333-8444-555555555555',
  number: 'CLM-2026-000123',
  customerId: 'cust-42',
  handlerId: 'handler-motor-1',
  preferredChannel: 'sms',
};

export const approved = (id = 'evt-approved-1') => ({
  id,
  source: 'claims-review' as const,
  type: 'ClaimApproved',
  data: {
    claimId: claimFacts.id,
    claimNumber: claimFacts.number,
    payout: { amountMinor: 123456, currency: 'CNY' },
    explanation: '事故属于保险责任',
    policyBasis: '机动车损失保险条款第六条',
    decidedAt: MORNING,
  },
});

/** The application wired by hand on an in-memory store, with the outbox channels in a temp dir. */
export function notificationHarness(options: { sms?: (outbox: string) => ChannelSender; now?: string } = {}) {
  const store = new EmbeddedEventStore(null);
  const vault = new PersonalDataVault(new InMemorySubjectKeyStore());
  const messages: MessageHistories = new DeciderRepository({
    store,
    streamPrefix: MESSAGE_STREAM_PREFIX,
    decider: messageDecider,
    vault,
  });
  const clock = new FixedClock(options.now ?? MORNING);
  const outbox = mkdtempSync(join(tmpdir(), 'notification-outbox-'));
  const cases = new Map<string, CaseFacts>([[claimFacts.id, claimFacts]]);
  const contacts = new Map<string, ContactDetails | 'forgotten'>([
    ['cust-42', { name: '王小明', phone: '13800000000', email: 'wang@example.com', locale: 'zh-CN' }],
    ['handler-motor-1', { name: null, phone: null, email: 'handler@insurer.example', locale: 'zh-CN' }],
    ['manager-1', { name: null, phone: null, email: 'manager@insurer.example', locale: 'zh-CN' }],
  ]);
  const caseDirectory: CaseDirectory = { caseOf: async (_kind, id) => cases.get(id) ?? null };
  const contactDirectory: ContactDirectory = {
    contactOf: async (r: Recipient) => contacts.get(r.id) ?? null,
  };
  const inbox = new InMemoryInbox();
  const pending = new InMemoryPendingMessages();
  const index = new InMemoryMessageIndex();
  const callTasks = new InMemoryCallTaskQueue();
  const preferences = new InMemoryPreferencesStore();
  const senders: ChannelSender[] = [
    options.sms?.(outbox) ?? new OutboxSmsSender(outbox),
    new OutboxEmailSender(outbox),
    new CallTaskSender(callTasks, () => clock.now()),
  ];
  const dispatcher = new MessageDispatcher(
    messages,
    new InMemoryTemplateCatalogue(),
    new EjsTemplateRenderer(),
    contactDirectory,
    senders,
    inbox,
    DEFAULT_RETRY_POLICY,
    clock,
    pending,
    index,
  );
  const notify = new NotifyOnEvent(
    DEFAULT_NOTIFICATION_RULES,
    messages,
    caseDirectory,
    contactDirectory,
    preferences,
    { managers: { claim: 'manager-1', complaint: 'manager-1' } },
    clock,
    dispatcher,
  );
  const callOutcome = new RecordCallOutcome(callTasks, messages, DEFAULT_RETRY_POLICY, clock, dispatcher);
  const filesIn = (channel: string) =>
    existsSync(join(outbox, channel)) ? readdirSync(join(outbox, channel)).sort() : [];
  const fileText = (channel: string, name: string) => readFileSync(join(outbox, channel, name), 'utf8');
  const typesOf = async (messageId: string) => (await messages.history(messageId)).map((e) => e.type);
  return {
    store,
    vault,
    messages,
    clock,
    outbox,
    cases,
    contacts,
    inbox,
    pending,
    index,
    callTasks,
    preferences,
    dispatcher,
    notify,
    callOutcome,
    filesIn,
    fileText,
    typesOf,
  };
}
