import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { CLOCK, Clock } from '@claims/working-calendar';
import { Locale } from '../../domain/locale-format';
import {
  attemptSend,
  dueNow,
  recordFailure,
  recordRendered,
  recordSent,
} from '../../domain/message/delivery';
import { Message } from '../../domain/message/message.state';
import { RetryPolicy } from '../../domain/message/retry-policy';
import {
  CHANNEL_SENDERS,
  CONTACTS,
  ChannelSender,
  ContactDirectory,
  INBOX,
  Inbox,
  MESSAGE_INDEX,
  MessageIndex,
  PENDING_MESSAGES,
  PendingMessages,
  MESSAGES,
  MessageHistories,
  RETRY_POLICY,
  RenderedMessage,
  TEMPLATES,
  TEMPLATE_RENDERER,
  TemplateCatalogue,
  TemplateRenderer,
} from '../ports';
import { createHash } from 'node:crypto';

/** What MessageRendered records of a text (the text itself is never stored in the history). */
export function contentHash(rendered: RenderedMessage): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(rendered)).digest('hex')}`;
}

/**
 * Moves one message along while it is due: renders it (and puts a customer's copy in the inbox),
 * records the attempt, calls the channel with the attempt's idempotency key, records the outcome.
 * After a crash between the call and its record the message is still `sending`: the next run
 * calls the channel again with the same key, and the channel keeps the first.
 */
@Injectable()
export class MessageDispatcher {
  private readonly logger = new Logger('notification.dispatcher');

  constructor(
    @Inject(MESSAGES) private readonly messages: MessageHistories,
    @Inject(TEMPLATES) private readonly templates: TemplateCatalogue,
    @Inject(TEMPLATE_RENDERER) private readonly renderer: TemplateRenderer,
    @Inject(CONTACTS) private readonly contacts: ContactDirectory,
    @Inject(CHANNEL_SENDERS) private readonly senders: readonly ChannelSender[],
    @Inject(INBOX) private readonly inbox: Inbox,
    @Inject(RETRY_POLICY) private readonly policy: RetryPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PENDING_MESSAGES) private readonly pending: PendingMessages,
    @Inject(MESSAGE_INDEX) private readonly index: MessageIndex,
  ) {}

  async deliver(
    messageId: string,
    context: CommandContext,
    contacts: ContactDirectory = this.contacts,
  ): Promise<Message> {
    // Each step records an event; a fallback goes round again on the next channel (a bounded walk).
    for (let step = 0; step < 32; step++) {
      const { state } = await this.messages.read(messageId);
      const now = this.clock.now();
      if (!dueNow(state, now) || !state.request || !state.channel) {
        await this.track(messageId, state);
        return state;
      }
      // Tracked before each step: a crash mid-step leaves the message due for the sweep.
      await this.pending.track(messageId, now.toISOString());
      const ctx = { ...context, causationId: null };
      if (state.status === 'pending' || state.status === 'deferred') {
        const rendered = this.render(state, state.request.locale as Locale);
        if (!rendered) return this.fail(messageId, ctx, `no template ${state.request.templateId}`, true);
        await this.messages.handle(messageId, ctx, (s) =>
          recordRendered(s, {
            templateVersion: rendered.version,
            contentHash: contentHash(rendered.text),
            now,
          }),
        );
      } else if (state.status === 'rendered' || state.status === 'retry-scheduled') {
        await this.messages.handle(messageId, ctx, (s) => attemptSend(s, now));
      } else {
        await this.send(messageId, state, ctx, contacts);
      }
    }
    const { state } = await this.messages.read(messageId);
    await this.track(messageId, state);
    return state;
  }

  /** Moves on every message due now (retries, quiet hours over, a send cut short by a crash). */
  async deliverDue(context: CommandContext, limit = 100): Promise<number> {
    const due = await this.pending.due(this.clock.now(), limit);
    for (const messageId of due) await this.deliver(messageId, context);
    return due.length;
  }

  private async track(messageId: string, state: Message): Promise<void> {
    const final = ['delivered', 'suppressed', 'abandoned', 'sent'].includes(state.status);
    await this.pending.track(messageId, final ? null : (state.notBefore ?? this.clock.now().toISOString()));
    const request = state.request;
    if (!request) return;
    await this.index.record({
      messageId,
      caseKind: request.case.kind,
      caseId: request.case.id,
      templateId: request.templateId,
      recipientRole: request.recipient.role,
      recipientId: request.recipient.id,
      sourceEventType: request.sourceEventType,
      status: state.status,
      channel: state.channel,
      attempt: state.attempt,
      requestedAt: request.requestedAt,
      updatedAt: this.clock.now().toISOString(),
    });
  }

  private async send(
    messageId: string,
    state: Message,
    ctx: CommandContext,
    contacts: ContactDirectory,
  ): Promise<Message> {
    const request = state.request!;
    const channel = state.channel!;
    const sender = this.senders.find((s) => s.channel === channel);
    const contact = await contacts.contactOf(request.recipient);
    const version = state.rendered?.templateVersion;
    const template = version
      ? this.templates.version(request.templateId, request.locale as Locale, version)
      : null;
    if (!sender || !template || contact === null || contact === 'forgotten') {
      const reason = !sender
        ? `no ${channel} channel`
        : !template
          ? 'template version gone'
          : contact === 'forgotten'
            ? 'recipient forgotten'
            : 'no contact details';
      return this.fail(messageId, ctx, reason, true);
    }
    const rendered = this.renderer.render(template, request.parameters);
    let result;
    try {
      result = await sender.send({
        messageId,
        idempotencyKey: state.idempotencyKey!,
        recipient: request.recipient,
        case: request.case,
        contact,
        templateId: request.templateId,
        parameters: request.parameters,
        rendered,
      });
    } catch (error) {
      result = { ok: false as const, reason: (error as Error).message, permanent: false };
    }
    const now = this.clock.now();
    if (result.ok) {
      const outcome = await this.messages.handle(messageId, ctx, (s) =>
        recordSent(s, result.providerMessageId, now),
      );
      return outcome.state;
    }
    this.logger.warn(`message ${messageId} on ${channel} failed: ${result.reason}`);
    return this.fail(messageId, ctx, result.reason, result.permanent);
  }

  private async fail(
    messageId: string,
    ctx: CommandContext,
    reason: string,
    permanent: boolean,
  ): Promise<Message> {
    const now = this.clock.now();
    const { state } = await this.messages.read(messageId);
    if (state.status !== 'sending' && state.status !== 'sent') {
      // Not attempted yet (no template): attempt first so the failure has an attempt to belong to.
      await this.messages.handle(messageId, ctx, (s) =>
        s.status === 'pending' || s.status === 'deferred'
          ? recordRendered(s, { templateVersion: 0, contentHash: 'none', now })
          : [],
      );
      await this.messages.handle(messageId, ctx, (s) => attemptSend(s, now));
    }
    const outcome = await this.messages.handle(messageId, ctx, (s) =>
      recordFailure(s, { reason, permanent, now }, this.policy),
    );
    return outcome.state;
  }

  private render(state: Message, locale: Locale): { version: number; text: RenderedMessage } | null {
    const request = state.request!;
    const template = this.templates.latest(request.templateId, locale);
    if (!template) return null;
    return { version: template.version, text: this.renderer.render(template, request.parameters) };
  }

  /**
   * Every customer message also lands in the in-app inbox (once per message), whatever the
   * channel: unless the customer is forgotten or opted out of it.
   */
  async copyToInbox(state: Message, now: Date): Promise<void> {
    const request = state.request;
    if (!request || request.recipient.role !== 'customer') return;
    if (state.suppressedFor === 'recipient-forgotten' || state.suppressedFor === 'opted-out') return;
    const rendered = this.render(state, request.locale as Locale);
    if (!rendered) return;
    await this.inbox.put({
      messageId: request.messageId,
      customerId: request.recipient.id,
      caseKind: request.case.kind,
      caseId: request.case.id,
      subject: rendered.text.subject,
      text: rendered.text.text,
      receivedAt: now.toISOString(),
      readAt: null,
    });
  }
}
