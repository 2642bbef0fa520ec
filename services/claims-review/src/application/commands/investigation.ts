import { Injectable } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { AssessmentMethod, InvestigationMode, LossItem, Suspicion } from '../../domain/claim-review-events';
import { Money } from '../../domain/money';
import { ReviewCase } from '../../domain/review-case';
import { ReviewCases } from '../../infrastructure/review-cases';

/** 查勘定损: suspicion flags, remote or on-site investigation, and the assessed loss. */
@Injectable()
export class InvestigationAndAssessment {
  constructor(private readonly cases: ReviewCases) {}

  flagSuspicion(command: { claimId: string; suspicion: Suspicion; reason: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.flagSuspicion(command.context.actor, command.suspicion, command.reason));
  }

  openInvestigation(command: { claimId: string; investigatorId: string; mode: InvestigationMode; instructions: string; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) =>
      c.openInvestigation(command.context.actor, command.investigatorId, command.mode, command.instructions),
    );
  }

  recordFindings(command: { claimId: string; findings: string; confirmed: Suspicion[]; cleared: Suspicion[]; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) =>
      c.completeInvestigation(command.context.actor, command.findings, command.confirmed, command.cleared),
    );
  }

  assessLoss(command: { claimId: string; assessedLoss: Money; breakdown: LossItem[]; method: AssessmentMethod; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) =>
      c.assessLoss(command.context.actor, command.assessedLoss, command.breakdown, command.method),
    );
  }
}
