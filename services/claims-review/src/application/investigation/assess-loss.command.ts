import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { Money } from '../../domain/money';
import { assessLoss } from '../../domain/review-case/investigation';
import { AssessmentMethod, LossItem } from '../../domain/review-case/review-case.events';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** 定损: the handler records the assessed loss and its breakdown. */
export class AssessLoss extends Command<CaseChanged> {
  constructor(
    readonly input: {
      readonly claimId: string;
      readonly assessedLoss: Money;
      readonly breakdown: readonly LossItem[];
      readonly method: AssessmentMethod;
    },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(AssessLoss)
export class AssessLossHandler implements ICommandHandler<AssessLoss> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: AssessLoss) {
    const { claimId, assessedLoss, breakdown, method } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, (state, now) =>
      assessLoss(state, { actor, now, assessedLoss, breakdown, method }),
    );
    return caseChanged(changed);
  }
}
