import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, NotFoundRefusal } from '@claims/event-sourcing';
import { CLOCK, Clock } from '@claims/working-calendar';
import { CallOutcome, recordCallOutcome } from '../../domain/message/delivery';
import { Message } from '../../domain/message/message.state';
import { RetryPolicy } from '../../domain/message/retry-policy';
import { MessageDispatcher } from '../delivery/message-dispatcher';
import { CALL_TASKS, CallTaskQueue, MESSAGES, MessageHistories, RETRY_POLICY } from '../ports';

/**
 * Staff record how a call went: reached (delivered), not reached (retried with backoff, then
 * abandoned), or call back at a time the customer named. The task leaves the queue either way;
 * a retry puts a new task (the next attempt's) in it when it falls due.
 */
@Injectable()
export class RecordCallOutcome {
  constructor(
    @Inject(CALL_TASKS) private readonly tasks: CallTaskQueue,
    @Inject(MESSAGES) private readonly messages: MessageHistories,
    @Inject(RETRY_POLICY) private readonly policy: RetryPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  async execute(taskId: string, outcome: CallOutcome, context: CommandContext): Promise<Message> {
    const task = await this.tasks.get(taskId);
    if (!task) throw new NotFoundRefusal(`There is no call task ${taskId}`);
    if (task.status === 'done') return (await this.messages.read(task.messageId)).state;
    const now = this.clock.now();
    await this.messages.handle(task.messageId, context, (state) =>
      recordCallOutcome(state, outcome, this.policy, now),
    );
    await this.tasks.complete(taskId, outcome.outcome);
    return this.dispatcher.deliver(task.messageId, context);
  }
}
