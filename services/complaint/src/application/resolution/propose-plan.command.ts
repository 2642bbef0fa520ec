import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { ComplaintOutcome, Remedy } from '../../domain/complaint/complaint.events';
import { proposePlan } from '../../domain/complaint/resolution';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The handler proposes the resolution plan (adopted at once within their authority). */
export class ProposePlan extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly outcome: ComplaintOutcome;
      readonly summary: string;
      readonly nextSteps: string;
      readonly remedies: readonly Remedy[];
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(ProposePlan)
export class ProposePlanHandler implements ICommandHandler<ProposePlan> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: ProposePlan) {
    const { actor } = caller.context;
    const { complaintId: _id, ...plan } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      proposePlan(state, { ...plan, actor, now }, terms),
    );
  }
}
