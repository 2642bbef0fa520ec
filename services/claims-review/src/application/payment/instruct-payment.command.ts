import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { instructPayment } from '../../domain/review-case/payment';
import { PaymentMethod } from '../../domain/review-case/review-case.events';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** 赔付: the handler instructs the payment of what is approved and not yet paid. */
export class InstructPayment extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly method: PaymentMethod },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(InstructPayment)
export class InstructPaymentHandler implements ICommandHandler<InstructPayment> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: InstructPayment) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now, terms) =>
      instructPayment(state, { actor, now, method: input.method }, terms.timetable),
    );
    return caseChanged(changed);
  }
}
