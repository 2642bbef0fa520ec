import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { reopenCase } from '../../domain/review-case/closure';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** A manager reopens a closed claim, saying why. */
export class ReopenCase extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly reason: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ReopenCase)
export class ReopenCaseHandler implements ICommandHandler<ReopenCase> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: ReopenCase) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now, terms) =>
      reopenCase(state, { actor, now, reason: input.reason }, terms.timetable),
    );
    return caseChanged(changed);
  }
}
