import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { proposeApproval, proposeDenial } from '../../domain/review-case/adjudication';
import { PAID_ON_POLICY, PaidOnPolicy } from '../ports';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

export interface DecisionProposalInput {
  readonly claimId: string;
  readonly outcome: 'approve' | 'deny';
  readonly reasonCodes?: readonly string[];
  readonly exclusionsApplied?: readonly string[];
  readonly explanation: string;
  readonly policyBasis: string;
}

/**
 * 核赔: the handler proposes to approve (the payout computed from the policy, capped by what the
 * policy's other claims were paid) or to deny; within their authority it is decided at once.
 */
export class ProposeDecision extends Command<CaseChanged> {
  constructor(
    readonly input: DecisionProposalInput,
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ProposeDecision)
export class ProposeDecisionHandler implements ICommandHandler<ProposeDecision> {
  constructor(
    private readonly decisions: ReviewCaseDecisions,
    @Inject(PAID_ON_POLICY) private readonly paidOnPolicy: PaidOnPolicy,
  ) {}

  async execute({ input, caller }: ProposeDecision) {
    const { claimId, explanation, policyBasis } = input;
    const { actor } = caller.context;
    const changed = await this.decisions.take(claimId, caller.context, async (state, now, terms) => {
      if (input.outcome === 'deny') {
        const reasonCodes = input.reasonCodes ?? [];
        return proposeDenial(state, { actor, now, reasonCodes, explanation, policyBasis }, terms);
      }
      const { policyNumber, sumInsured } = state.claim.policy;
      const paidOnPolicyBefore = await this.paidOnPolicy.paidByOtherClaims(
        policyNumber,
        sumInsured.currency,
        claimId,
      );
      const { exclusionsApplied } = input;
      return proposeApproval(
        state,
        { actor, now, paidOnPolicyBefore, exclusionsApplied, explanation, policyBasis },
        terms,
      );
    });
    return caseChanged(changed);
  }
}
