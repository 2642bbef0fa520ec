import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { CLOCK, Clock } from '@claims/working-calendar';
import { Channel, Recipient } from '../../domain/channels';
import { DEFAULT_LOCALE } from '../../domain/locale-format';
import { Reachability, requestMessage } from '../../domain/message/delivery';
import { messageIdFor } from '../../domain/message/message-id';
import {
  IntegrationEvent,
  NotificationRule,
  PlannedMessage,
  plannedMessages,
} from '../../domain/notification-rules';
import { DEFAULT_PREFERENCES } from '../../domain/preferences';
import { MessageDispatcher } from '../delivery/message-dispatcher';
import {
  CASES,
  CONTACTS,
  CaseDirectory,
  CaseFacts,
  ContactDetails,
  ContactDirectory,
  MESSAGES,
  MessageHistories,
  NOTIFICATION_RULES,
  PREFERENCES,
  PreferencesStore,
  STAFF_ROUTING,
  StaffRouting,
} from '../ports';

/**
 * An integration event, through the rules, becomes messages: one per (event, recipient,
 * template), requested on its own stream and then dispatched. A redelivered event finds its
 * messages requested and only moves on those still due (nothing is sent twice).
 */
@Injectable()
export class NotifyOnEvent {
  private readonly logger = new Logger('notification.rules');

  constructor(
    @Inject(NOTIFICATION_RULES) private readonly rules: readonly NotificationRule[],
    @Inject(MESSAGES) private readonly messages: MessageHistories,
    @Inject(CASES) private readonly cases: CaseDirectory,
    @Inject(CONTACTS) private readonly contacts: ContactDirectory,
    @Inject(PREFERENCES) private readonly preferences: PreferencesStore,
    @Inject(STAFF_ROUTING) private readonly routing: StaffRouting,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  /** The ids of the messages the event asks for (already requested ones included). */
  async execute(
    event: IntegrationEvent,
    context: CommandContext,
    /** A consumer's directories, reading within its transaction what the same event taught. */
    within: { cases?: CaseDirectory; contacts?: ContactDirectory } = {},
  ): Promise<string[]> {
    const cases = within.cases ?? this.cases;
    const contacts = within.contacts ?? this.contacts;
    const ids: string[] = [];
    for (const planned of plannedMessages(this.rules, event)) {
      const facts = await cases.caseOf(planned.case.kind, planned.case.id);
      if (!facts) {
        this.logger.warn(
          `${event.type} ${event.id}: ${planned.case.kind} ${planned.case.id} unknown, not told`,
        );
        continue;
      }
      const recipient = this.recipientOf(planned, facts);
      if (!recipient) continue;
      const messageId = messageIdFor(event.id, recipient, planned.template);
      await this.request(messageId, planned, facts, recipient, context, contacts);
      await this.dispatcher.deliver(messageId, context, contacts);
      ids.push(messageId);
    }
    return ids;
  }

  private async request(
    messageId: string,
    planned: PlannedMessage,
    facts: CaseFacts,
    recipient: Recipient,
    context: CommandContext,
    contacts: ContactDirectory,
  ): Promise<void> {
    const contact = await contacts.contactOf(recipient);
    const preferences =
      recipient.role === 'customer'
        ? await this.preferences.preferencesOf(recipient.id, {
            ...DEFAULT_PREFERENCES,
            preferredChannel: facts.preferredChannel ?? DEFAULT_PREFERENCES.preferredChannel,
          })
        : null;
    const firstChannel: Channel =
      planned.channel === 'preferred' ? (preferences?.preferredChannel ?? 'email') : planned.channel;
    const { state } = await this.messages.handle(messageId, { ...context, causationId: null }, (state) =>
      requestMessage(state, {
        messageId,
        sourceEventId: planned.sourceEventId,
        sourceEventType: planned.sourceEventType,
        recipient,
        templateId: planned.template,
        locale: contact && contact !== 'forgotten' ? contact.locale : DEFAULT_LOCALE,
        case: { kind: facts.kind, id: facts.id, number: facts.number },
        mandatory: planned.mandatory,
        urgent: planned.urgent,
        firstChannel,
        parameters: { ...planned.parameters, caseNumber: facts.number },
        reachability: reachabilityOf(contact),
        preferences,
        now: this.clock.now(),
      }),
    );
    await this.dispatcher.copyToInbox(state, this.clock.now());
  }

  private recipientOf(planned: PlannedMessage, facts: CaseFacts): Recipient | null {
    switch (planned.to) {
      case 'customer':
        return facts.customerId ? { role: 'customer', id: facts.customerId } : null;
      case 'handler':
        return facts.handlerId ? { role: 'handler', id: facts.handlerId } : null;
      case 'manager':
        return { role: 'manager', id: this.routing.managers[facts.kind] };
    }
  }
}

function reachabilityOf(contact: ContactDetails | 'forgotten' | null): Reachability {
  if (contact === 'forgotten') return { forgotten: true };
  const channels: Channel[] = [];
  if (contact?.phone) channels.push('sms');
  if (contact?.email) channels.push('email');
  if (contact?.phone) channels.push('call-task');
  return { forgotten: false, channels };
}
