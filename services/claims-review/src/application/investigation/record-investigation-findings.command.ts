import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { completeInvestigation } from '../../domain/review-case/investigation';
import { Suspicion } from '../../domain/review-case/review-case.events';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** The assigned investigator's findings, confirming or clearing each suspicion. */
export class RecordInvestigationFindings extends Command<CaseChanged> {
  constructor(
    readonly input: {
      readonly claimId: string;
      readonly findings: string;
      readonly confirmedSuspicions: readonly Suspicion[];
      readonly clearedSuspicions: readonly Suspicion[];
    },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(RecordInvestigationFindings)
export class RecordInvestigationFindingsHandler implements ICommandHandler<RecordInvestigationFindings> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: RecordInvestigationFindings) {
    const { claimId, findings, confirmedSuspicions: confirmed, clearedSuspicions: cleared } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, (state, now, terms) =>
      completeInvestigation(state, { actor, now, findings, confirmed, cleared }, terms.timetable),
    );
    return caseChanged(changed);
  }
}
