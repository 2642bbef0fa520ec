import { Inject, Injectable } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { READ_MODEL_DB } from '@claims/service-host';
import { DataSource } from 'typeorm';
import { chooseHandler } from '../../domain/handler-assignment';
import { ReviewCase } from '../../domain/review-case';
import { ClaimsReviewRules } from '../../domain/review-rules';
import { ReviewCases } from '../../infrastructure/review-cases';
import { REVIEW_RULES } from '../configuration';
import { openCasesByHandler } from '../queries/handler-workload';

/** 受理: an acceptor takes the claim into processing; the rules pick its handler. */
@Injectable()
export class Acceptance {
  constructor(
    private readonly cases: ReviewCases,
    @Inject(REVIEW_RULES) private readonly rules: ClaimsReviewRules,
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
  ) {}

  async accept(command: { claimId: string; context: CommandContext }): Promise<ReviewCase> {
    const reviewCase = await this.cases.load(command.claimId);
    const claim = reviewCase.claimFacts;
    const workload = await openCasesByHandler(this.db.manager);
    const choice = chooseHandler(this.rules.assignment, {
      productLine: claim?.policy.productLine ?? '',
      estimatedLossMinor: claim?.estimatedLoss.amountMinor ?? 0,
      workload,
    });
    reviewCase.accept(command.context.actor, choice);
    await this.cases.save(reviewCase, command.context);
    return reviewCase;
  }

  reassign(command: { claimId: string; handlerId: string; reason: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.reassign(command.handlerId, command.reason));
  }
}
