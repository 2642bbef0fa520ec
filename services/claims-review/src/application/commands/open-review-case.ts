import { Inject, Injectable } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { EntityManager } from 'typeorm';
import { ClaimantDetails, SubmittedClaim } from '../../domain/claim-facts';
import { assessFastTrack } from '../../domain/fast-track';
import { chooseHandler } from '../../domain/handler-assignment';
import { ReviewCaseDependencies } from '../../domain/review-case';
import { ClaimsReviewRules } from '../../domain/review-rules';
import { REVIEW_CASE_DEPENDENCIES, ReviewCases } from '../../infrastructure/review-cases';
import { REVIEW_RULES } from '../configuration';
import { openCasesByHandler, paidOnPolicyByOtherClaims } from '../queries/handler-workload';

export interface OpenReviewCase {
  readonly claim: SubmittedClaim;
  readonly claimant?: ClaimantDetails;
  /** The ClaimSubmitted message's id: the opening's event ids derive from it, so a redelivery writes nothing. */
  readonly messageId: string;
  readonly correlationId: string;
}

/** Turns a submitted claim into a review case, and decides it at once when it qualifies for the fast track. */
@Injectable()
export class ReviewCaseOpening {
  constructor(
    private readonly cases: ReviewCases,
    @Inject(REVIEW_RULES) private readonly rules: ClaimsReviewRules,
    @Inject(REVIEW_CASE_DEPENDENCIES) private readonly deps: ReviewCaseDependencies,
  ) {}

  /** Runs inside the consumer's read-model transaction: reads go through `manager`. */
  async execute(command: OpenReviewCase, manager: EntityManager): Promise<void> {
    const { claim } = command;
    if (await this.cases.find(claim.claimId)) return;
    const reviewCase = this.cases.create(claim.claimId);
    reviewCase.open(claim, command.claimant);
    const paidOnPolicyBefore = await paidOnPolicyByOtherClaims(manager, claim.policy.policyNumber, claim.policy.sumInsured.currency, claim.claimId);
    const accidentDate = this.deps.timetable.localDate(new Date(claim.accident.occurredAt));
    const verdict = assessFastTrack(claim, { accidentDate, paidOnPolicyBefore, suspicionFlags: 0 }, this.rules);
    if (verdict.eligible) {
      const workload = await openCasesByHandler(manager);
      const handler = chooseHandler(this.rules.assignment, { productLine: claim.policy.productLine, estimatedLossMinor: claim.estimatedLoss.amountMinor, workload });
      reviewCase.applyFastTrack(verdict, handler);
    } else {
      reviewCase.declineFastTrack(verdict);
    }
    const context: CommandContext = { actor: { id: 'claims-review.intake-consumer', role: 'system' }, correlationId: command.correlationId, causationId: command.messageId };
    await this.cases.save(reviewCase, context, { waitForReadModels: false });
  }
}
