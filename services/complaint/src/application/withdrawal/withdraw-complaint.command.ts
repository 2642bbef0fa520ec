import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { withdrawComplaint } from '../../domain/complaint/withdrawal';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The complainant withdraws (themselves, or through staff): handling ends. */
export class WithdrawComplaint extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly reason: string },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(WithdrawComplaint)
export class WithdrawComplaintHandler implements ICommandHandler<WithdrawComplaint> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: WithdrawComplaint) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      withdrawComplaint(state, { actor, now, reason: input.reason }),
    );
  }
}
