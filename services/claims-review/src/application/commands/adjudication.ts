import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, DomainRuleViolation } from '@claims/event-sourcing';
import { READ_MODEL_DB } from '@claims/service-host';
import { DataSource } from 'typeorm';
import { ReviewCase } from '../../domain/review-case';
import { ReviewCases } from '../../infrastructure/review-cases';
import { paidOnPolicyByOtherClaims } from '../queries/handler-workload';

export interface ProposeDecision {
  readonly claimId: string;
  readonly outcome: 'approve' | 'deny';
  readonly reasonCodes?: string[];
  readonly exclusionsApplied?: string[];
  readonly explanation: string;
  readonly policyBasis: string;
  readonly context: CommandContext;
}

/** 核赔: the handler proposes; above their authority an approver of the right level signs or sends back. */
@Injectable()
export class Adjudication {
  constructor(
    private readonly cases: ReviewCases,
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
  ) {}

  async propose(command: ProposeDecision): Promise<ReviewCase> {
    const reviewCase = await this.cases.load(command.claimId);
    const claim = reviewCase.claimFacts;
    if (!claim) throw new DomainRuleViolation('no-case', 'No review case was opened for this claim');
    const actor = command.context.actor;
    if (command.outcome === 'approve') {
      const paidOnPolicyBefore = await paidOnPolicyByOtherClaims(this.db.manager, claim.policy.policyNumber, claim.policy.sumInsured.currency, claim.claimId);
      reviewCase.proposeApproval(actor, { paidOnPolicyBefore, exclusionsApplied: command.exclusionsApplied, explanation: command.explanation, policyBasis: command.policyBasis });
    } else {
      reviewCase.proposeDenial(actor, { reasonCodes: command.reasonCodes ?? [], explanation: command.explanation, policyBasis: command.policyBasis });
    }
    await this.cases.save(reviewCase, command.context);
    return reviewCase;
  }

  approve(command: { claimId: string; comment?: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.approve(command.context.actor, command.comment));
  }

  sendBack(command: { claimId: string; comment: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.sendBack(command.context.actor, command.comment));
  }
}
