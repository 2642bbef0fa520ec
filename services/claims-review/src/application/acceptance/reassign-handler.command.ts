import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { reassignHandler } from '../../domain/review-case/acceptance';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** An acceptor or a manager hands an accepted case to another handler, saying why. */
export class ReassignHandler extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly handlerId: string; readonly reason: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ReassignHandler)
export class ReassignHandlerHandler implements ICommandHandler<ReassignHandler> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: ReassignHandler) {
    const { claimId, handlerId, reason } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, (state, now) =>
      reassignHandler(state, { actor, now, handlerId, reason }),
    );
    return caseChanged(changed);
  }
}
