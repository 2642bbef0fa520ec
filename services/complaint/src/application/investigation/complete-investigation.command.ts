import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { ResponsibleParty } from '../../domain/complaint/complaint.events';
import { completeInvestigation } from '../../domain/complaint/investigation';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The handler concludes the investigation: cause, responsible party, applicable policy clause. */
export class CompleteInvestigation extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly causeAnalysis: string;
      readonly responsibleParty: ResponsibleParty;
      readonly policyClause?: string | null;
      readonly findings: string;
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(CompleteInvestigation)
export class CompleteInvestigationHandler implements ICommandHandler<CompleteInvestigation> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: CompleteInvestigation) {
    const { actor } = caller.context;
    const { complaintId: _id, ...result } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      completeInvestigation(state, { ...result, actor, now }),
    );
  }
}
