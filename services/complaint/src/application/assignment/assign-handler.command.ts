import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor } from '@claims/event-sourcing';
import { CommandCaller } from '@claims/service-host';
import { assignHandler } from '../../domain/complaint/assignment';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';
import { RELATED_CLAIMS, RelatedClaims } from '../ports';

/**
 * Assigns (or, within a round, reassigns) the complaint's handler. The recusal facts — who had a
 * hand in the related claims — come from this service's read model of claims review's events.
 */
export class AssignComplaintHandler extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly handler: Actor },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(AssignComplaintHandler)
export class AssignComplaintHandlerHandler implements ICommandHandler<AssignComplaintHandler> {
  constructor(
    private readonly decisions: ComplaintDecisions,
    @Inject(RELATED_CLAIMS) private readonly claims: RelatedClaims,
  ) {}

  execute({ input, caller }: AssignComplaintHandler) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, async (state, now) => {
      const related = await this.claims.ofClaimNumbers(state.relatedClaimNumbers);
      const involvements = related.flatMap((claim) => claim.involvements);
      const knownClaimNumbers = related.filter((claim) => claim.claimId !== null).map((c) => c.claimNumber);
      return assignHandler(state, { actor, now, handler: input.handler, involvements, knownClaimNumbers });
    });
  }
}
