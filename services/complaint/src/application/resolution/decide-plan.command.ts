import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { approvePlan, sendBackPlan } from '../../domain/complaint/resolution';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';
import { RELATED_CLAIMS, RelatedClaims } from '../ports';

/** An approver of the required level (four eyes) approves a referred plan, or sends it back with a comment. */
export class DecidePlan extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly approve: boolean; readonly comment: string },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(DecidePlan)
export class DecidePlanHandler implements ICommandHandler<DecidePlan> {
  constructor(
    private readonly decisions: ComplaintDecisions,
    @Inject(RELATED_CLAIMS) private readonly claims: RelatedClaims,
  ) {}

  execute({ input, caller }: DecidePlan) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, async (state, now, terms) => {
      if (!input.approve) return sendBackPlan(state, { actor, now, comment: input.comment }, terms);
      const related = await this.claims.ofClaimNumbers(state.relatedClaimNumbers);
      const conflictedStaffIds = related.flatMap((c) => c.involvements.map((i) => i.staffId));
      return approvePlan(state, { actor, now, conflictedStaffIds }, terms);
    });
  }
}
