import { Inject, Injectable } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { CLOCK, Clock } from '@claims/working-calendar';
import { recordDelivered, recordFailure } from '../../domain/message/delivery';
import { Message } from '../../domain/message/message.state';
import { RetryPolicy } from '../../domain/message/retry-policy';
import { MessageDispatcher } from '../delivery/message-dispatcher';
import { MESSAGES, MessageHistories, RETRY_POLICY } from '../ports';

/** A provider's delivery report for one attempt (named by the idempotency key we sent it). */
export interface DeliveryReceipt {
  readonly idempotencyKey: string;
  readonly providerMessageId: string | null;
  readonly delivered: boolean;
  readonly reason?: string;
}

/**
 * A provider's delivery receipt: delivered, or failed (then retried, fallen back or abandoned like
 * any failure). A receipt for an earlier attempt than the current one, or a repeated one, changes
 * nothing.
 */
@Injectable()
export class RecordDeliveryReceipt {
  constructor(
    @Inject(MESSAGES) private readonly messages: MessageHistories,
    @Inject(RETRY_POLICY) private readonly policy: RetryPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  async execute(receipt: DeliveryReceipt, context: CommandContext): Promise<Message | null> {
    const messageId = receipt.idempotencyKey.split(':')[0];
    const { state, revision } = await this.messages.read(messageId);
    if (revision === null || state.idempotencyKey !== receipt.idempotencyKey) return null;
    if (state.status !== 'sending' && state.status !== 'sent') return state;
    const now = this.clock.now();
    await this.messages.handle(messageId, context, (s) =>
      receipt.delivered
        ? recordDelivered(s, receipt.providerMessageId, now)
        : recordFailure(s, { reason: receipt.reason ?? 'not delivered', permanent: false, now }, this.policy),
    );
    return this.dispatcher.deliver(messageId, context);
  }
}
