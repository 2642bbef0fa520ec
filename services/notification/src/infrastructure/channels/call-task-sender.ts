import { CallTaskQueue, ChannelSender, Outgoing, SendResult } from '../../application/ports';

/** The last channel: a phone follow-up in the staff work queue. "Sent" is queued; staff record the outcome. */
export class CallTaskSender implements ChannelSender {
  readonly channel = 'call-task' as const;

  constructor(
    private readonly queue: CallTaskQueue,
    private readonly now: () => Date,
  ) {}

  async send(message: Outgoing): Promise<SendResult> {
    const [, , attempt] = message.idempotencyKey.split(':');
    await this.queue.add({
      taskId: message.idempotencyKey,
      messageId: message.messageId,
      customerId: message.recipient.id,
      caseKind: message.case.kind,
      caseId: message.case.id,
      caseNumber: message.case.number,
      script: message.rendered.sms,
      attempt: Number(attempt) || 1,
      createdAt: this.now().toISOString(),
      status: 'open',
      outcome: null,
    });
    return { ok: true, providerMessageId: `call-task:${message.idempotencyKey}` };
  }
}
