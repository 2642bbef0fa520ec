import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { recordDissatisfied, recordSatisfied } from '../../domain/complaint/confirmation';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The customer's answer to the plan: satisfied, or not (with the reason). */
export class RecordCustomerAnswer extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly satisfied: boolean; readonly feedback: string },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(RecordCustomerAnswer)
export class RecordCustomerAnswerHandler implements ICommandHandler<RecordCustomerAnswer> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: RecordCustomerAnswer) {
    const { satisfied, feedback } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      satisfied
        ? recordSatisfied(state, { now, feedback })
        : recordDissatisfied(state, { now, feedback }, terms),
    );
  }
}
