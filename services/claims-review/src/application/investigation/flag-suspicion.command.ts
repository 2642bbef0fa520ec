import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { flagSuspicion } from '../../domain/review-case/investigation';
import { Suspicion } from '../../domain/review-case/review-case.events';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** Suspected misrepresentation or fraud: to be investigated before any approval. */
export class FlagSuspicion extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly suspicion: Suspicion; readonly reason: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(FlagSuspicion)
export class FlagSuspicionHandler implements ICommandHandler<FlagSuspicion> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: FlagSuspicion) {
    const { claimId, suspicion, reason } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, (state, now) =>
      flagSuspicion(state, { actor, now, suspicion, reason }),
    );
    return caseChanged(changed);
  }
}
