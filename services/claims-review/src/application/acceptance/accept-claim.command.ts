import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { acceptClaim } from '../../domain/review-case/acceptance';
import { ClaimsReviewRules } from '../../domain/review-rules';
import { HANDLER_WORKLOAD, HandlerWorkload, REVIEW_RULES } from '../ports';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** 受理: an acceptor takes the claim into processing; the assignment rules and workload pick its handler. */
export class AcceptClaim extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(AcceptClaim)
export class AcceptClaimHandler implements ICommandHandler<AcceptClaim> {
  constructor(
    private readonly decisions: ReviewCaseDecisions,
    @Inject(HANDLER_WORKLOAD) private readonly workload: HandlerWorkload,
    @Inject(REVIEW_RULES) private readonly rules: ClaimsReviewRules,
  ) {}

  async execute({ input, caller }: AcceptClaim) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, async (state, now, terms) => {
      const workload = await this.workload.openCasesByHandler();
      return acceptClaim(state, { actor, now, assignment: this.rules.assignment, workload }, terms.timetable);
    });
    return caseChanged(changed);
  }
}
