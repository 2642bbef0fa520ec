import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { acceptComplaint } from '../../domain/complaint/initial-review';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The 24-hour initial review accepts the complaint with a risk assessment. */
export class AcceptComplaint extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly riskFactors: readonly string[];
      readonly riskNote: string;
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(AcceptComplaint)
export class AcceptComplaintHandler implements ICommandHandler<AcceptComplaint> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: AcceptComplaint) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      acceptComplaint(state, { actor, now, riskFactors: input.riskFactors, riskNote: input.riskNote }, terms),
    );
  }
}
