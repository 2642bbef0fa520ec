import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { Caller } from '@claims/service-host';
import { ReviewFact, recordReviewProgress } from '../../domain/claim-application/review-progress';
import { CLAIM_APPLICATIONS, CLOCK, ClaimApplications, Clock } from '../ports';

/**
 * Claims review told a fact of a submitted claim (accepted, decided, payment instructed or
 * confirmed, closed, reopened): recorded on the application for the customer's status. Run by
 * the consumer inside its read-model transaction, so it does not wait for the read models.
 */
export class RecordReviewProgress extends Command<void> {
  constructor(
    readonly input: { readonly claimId: string; readonly fact: ReviewFact },
    readonly caller: Pick<Caller, 'context'>,
  ) {
    super();
  }
}

@CommandHandler(RecordReviewProgress)
export class RecordReviewProgressHandler implements ICommandHandler<RecordReviewProgress> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller }: RecordReviewProgress): Promise<void> {
    const { state, revision } = await this.claims.read(input.claimId);
    if (state.status === 'none') throw new NotFoundRefusal(`There is no claim ${input.claimId}`);
    const events = recordReviewProgress(state, { fact: input.fact, now: this.clock.now() });
    await this.claims.append(input.claimId, events, revision, caller.context);
  }
}
