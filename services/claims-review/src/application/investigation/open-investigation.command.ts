import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { openInvestigation } from '../../domain/review-case/investigation';
import { InvestigationMode } from '../../domain/review-case/review-case.events';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** 查勘: the handler sends the case to an investigator, remote, on site or to an expert panel. */
export class OpenInvestigation extends Command<CaseChanged> {
  constructor(
    readonly input: {
      readonly claimId: string;
      readonly investigatorId: string;
      readonly mode: InvestigationMode;
      readonly instructions: string;
    },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(OpenInvestigation)
export class OpenInvestigationHandler implements ICommandHandler<OpenInvestigation> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: OpenInvestigation) {
    const { claimId, investigatorId, mode, instructions } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, (state, now, terms) =>
      openInvestigation(state, { actor, now, investigatorId, mode, instructions }, terms.timetable),
    );
    return caseChanged(changed);
  }
}
