import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { sendBackDecision } from '../../domain/review-case/adjudication';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** An approver sends the proposal back to the handler with a comment. */
export class SendBackDecision extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly comment: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(SendBackDecision)
export class SendBackDecisionHandler implements ICommandHandler<SendBackDecision> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: SendBackDecision) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now, terms) =>
      sendBackDecision(state, { actor, now, comment: input.comment }, terms),
    );
    return caseChanged(changed);
  }
}
