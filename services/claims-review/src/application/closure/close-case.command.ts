import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { closeCase } from '../../domain/review-case/closure';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** 结案: the handler closes a paid or denied case with a summary. */
export class CloseCase extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly summary: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(CloseCase)
export class CloseCaseHandler implements ICommandHandler<CloseCase> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: CloseCase) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now) =>
      closeCase(state, { actor, now, summary: input.summary }),
    );
    return caseChanged(changed);
  }
}
