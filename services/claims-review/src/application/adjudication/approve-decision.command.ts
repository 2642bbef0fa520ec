import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { approveDecision } from '../../domain/review-case/adjudication';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** An approver of the required level signs the proposed decision (never its handler: four eyes). */
export class ApproveDecision extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly comment?: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ApproveDecision)
export class ApproveDecisionHandler implements ICommandHandler<ApproveDecision> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: ApproveDecision) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now, terms) =>
      approveDecision(state, { actor, now, comment: input.comment }, terms),
    );
    return caseChanged(changed);
  }
}
