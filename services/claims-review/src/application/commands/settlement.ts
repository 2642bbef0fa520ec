import { Injectable } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { PaymentMethod } from '../../domain/claim-review-events';
import { Money } from '../../domain/money';
import { ReviewCase } from '../../domain/review-case';
import { ReviewCases } from '../../infrastructure/review-cases';

/** 赔付 and 结案: payment instruction and confirmation, closure, and a manager's reopening. */
@Injectable()
export class Settlement {
  constructor(private readonly cases: ReviewCases) {}

  instructPayment(command: { claimId: string; method: PaymentMethod; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.instructPayment(command.context.actor, command.method));
  }

  confirmPayment(command: { claimId: string; reference: string; paidOn: string; amount: Money; context: CommandContext }): Promise<ReviewCase> {
    const { reference, paidOn, amount } = command;
    return this.cases.change(command.claimId, command.context, (c) => c.confirmPayment(command.context.actor, { reference, paidOn, amount }));
  }

  close(command: { claimId: string; summary: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.close(command.context.actor, command.summary));
  }

  reopen(command: { claimId: string; reason: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.reopen(command.context.actor, command.reason));
  }
}
