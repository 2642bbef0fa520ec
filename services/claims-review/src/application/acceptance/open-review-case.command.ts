import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ClaimantDetails, SubmittedClaim } from '../../domain/claim-facts';
import { openReviewCase } from '../../domain/review-case/acceptance';
import { ReviewTerms } from '../../domain/review-case/review-case.guards';
import { ClaimsReviewRules } from '../../domain/review-rules';
import {
  HANDLER_WORKLOAD,
  HandlerWorkload,
  PAID_ON_POLICY,
  PaidOnPolicy,
  REVIEW_CASES,
  REVIEW_RULES,
  REVIEW_TERMS,
  ReviewCaseHistories,
} from '../ports';

/**
 * Intake's ClaimSubmitted: open the review case (decided at once when it qualifies for the fast
 * track). Given by the intake consumer inside its read-model transaction, so it does not wait for
 * the read models; the caller's command id is the message id, so a redelivery writes nothing.
 */
export class OpenReviewCase extends Command<{ readonly opened: boolean }> {
  constructor(
    readonly input: { readonly claim: SubmittedClaim; readonly claimant?: ClaimantDetails },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(OpenReviewCase)
export class OpenReviewCaseHandler implements ICommandHandler<OpenReviewCase> {
  constructor(
    @Inject(REVIEW_CASES) private readonly cases: ReviewCaseHistories,
    @Inject(HANDLER_WORKLOAD) private readonly workload: HandlerWorkload,
    @Inject(PAID_ON_POLICY) private readonly paidOnPolicy: PaidOnPolicy,
    @Inject(REVIEW_RULES) private readonly rules: ClaimsReviewRules,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller }: OpenReviewCase) {
    const { claim, claimant } = input;
    const { state, revision } = await this.cases.read(claim.claimId);
    if (state.status !== 'none') return { opened: false };
    const { policyNumber, sumInsured } = claim.policy;
    const paidOnPolicyBefore = await this.paidOnPolicy.paidByOtherClaims(
      policyNumber,
      sumInsured.currency,
      claim.claimId,
    );
    const workload = await this.workload.openCasesByHandler();
    const command = { claim, claimant, paidOnPolicyBefore, workload, now: this.clock.now() };
    const events = openReviewCase(state, command, this.rules, this.terms.timetable);
    await this.cases.append(claim.claimId, events, revision, caller.context);
    return { opened: true };
  }
}
