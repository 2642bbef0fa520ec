import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { Money } from '../../domain/money';
import { confirmPayment } from '../../domain/review-case/payment';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** The bank confirmed the instructed payment. */
export class ConfirmPayment extends Command<CaseChanged> {
  constructor(
    readonly input: {
      readonly claimId: string;
      readonly reference: string;
      readonly paidOn: string;
      readonly amount: Money;
    },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ConfirmPayment)
export class ConfirmPaymentHandler implements ICommandHandler<ConfirmPayment> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: ConfirmPayment) {
    const { claimId, reference, paidOn, amount } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, (state, now, terms) =>
      confirmPayment(state, { actor, now, reference, paidOn, amount }, terms.timetable),
    );
    return caseChanged(changed);
  }
}
