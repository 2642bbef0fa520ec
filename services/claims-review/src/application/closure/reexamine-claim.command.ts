import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { ComplaintReexamination, reopenCaseForComplaint } from '../../domain/review-case/closure';
import { ReviewCaseChanged, ReviewCaseDecisions } from '../review-case-decisions';

/**
 * The complaint service's ClaimReexaminationRequested: an upheld complaint reopens the closed
 * claim with the complaint as its reason. Given inside the complaint consumer's read-model
 * transaction: it does not wait for the read models. Answers the events it recorded (none for
 * a request told again).
 */
export class ReexamineClaim extends Command<ReviewCaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly complaint: ComplaintReexamination },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(ReexamineClaim)
export class ReexamineClaimHandler implements ICommandHandler<ReexamineClaim> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  execute({ input, caller }: ReexamineClaim): Promise<ReviewCaseChanged> {
    const { actor } = caller.context;
    return this.decisions.take(
      input.claimId,
      caller.context,
      (state, now, terms) =>
        reopenCaseForComplaint(state, { actor, now, complaint: input.complaint }, terms.timetable),
      { readYourWrites: false },
    );
  }
}
