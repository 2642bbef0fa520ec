import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { READ_MODEL_DB, Principal, mayAccessCaseOf } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { DataSource, FindOptionsWhere, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { ApprovalAuthority } from '../../domain/approval-authority';
import { ReviewCaseDependencies } from '../../domain/review-case';
import { ReviewCaseView } from '../../infrastructure/read-models';
import { REVIEW_CASE_DEPENDENCIES, ReviewCases } from '../../infrastructure/review-cases';

export interface CaseFilter {
  readonly status?: string;
  readonly assignee?: string;
  readonly dueBefore?: string;
}

/** Work queues, the case view and the time-limit board, from the read models (and the history for personal data). */
@Injectable()
export class WorkQueues {
  private readonly authority: ApprovalAuthority;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REVIEW_CASE_DEPENDENCIES) private readonly deps: ReviewCaseDependencies,
    private readonly cases: ReviewCases,
  ) {
    this.authority = deps.authority;
  }

  /** Cases matching the filter, soonest due first; a customer sees only their own. */
  async list(principal: Principal, filter: CaseFilter): Promise<ReturnType<WorkQueues['summary']>[]> {
    const where: FindOptionsWhere<ReviewCaseView> = {};
    if (filter.status) where.status = filter.status;
    if (filter.assignee) where.handlerId = filter.assignee;
    if (filter.dueBefore) where.stepDueAt = LessThanOrEqual(filter.dueBefore);
    if (principal.role === 'customer') where.customerId = principal.customerId;
    return this.sorted(await this.db.getRepository(ReviewCaseView).findBy(where));
  }

  /** The caller's own queue: by role, what waits for them. */
  async mine(principal: Principal): Promise<ReturnType<WorkQueues['summary']>[]> {
    const repository = this.db.getRepository(ReviewCaseView);
    switch (principal.role) {
      case 'claims-acceptor':
        return this.sorted(await repository.findBy({ status: 'awaiting-acceptance' }));
      case 'claims-handler':
        return this.sorted(await repository.findBy({ handlerId: principal.userId, status: Not(In(['closed', 'awaiting-approval', 'under-investigation'])) }));
      case 'investigator':
        return this.sorted(await repository.findBy({ investigatorId: principal.userId, status: 'under-investigation' }));
      case 'approver':
      case 'manager': {
        const level = this.authority.levelOf(principal.userId, principal.role);
        const waiting = await repository.findBy({ status: 'awaiting-approval', approvalLevel: LessThanOrEqual(level) });
        return this.sorted(waiting.filter((v) => v.proposedBy !== principal.userId && v.handlerId !== principal.userId));
      }
      default:
        return [];
    }
  }

  /** Open cases whose current step is at risk or overdue now, by the Clock. */
  async timeLimits(standing?: 'at-risk' | 'overdue'): Promise<(ReturnType<WorkQueues['summary']> & { standing: string })[]> {
    const now = this.clock.now();
    const running = await this.db.getRepository(ReviewCaseView).findBy({ stepDueAt: Not(IsNull()) });
    return this.sorted(running)
      .map((v) => ({ ...v, standing: this.deps.timetable.standing(new Date(v.stepDueAt as string), now) }))
      .filter((v) => (standing ? v.standing === standing : v.standing !== 'on-time'));
  }

  /** The case view: read model, payout working, documents and claimant details (404 for another customer's case). */
  async caseView(principal: Principal, claimId: string) {
    const view = await this.db.getRepository(ReviewCaseView).findOneBy({ claimId });
    if (!view || !mayAccessCaseOf(principal, view.customerId)) throw new NotFoundException(`No review case for claim ${claimId}`);
    const reviewCase = await this.cases.load(claimId);
    const state = reviewCase.snapshot();
    const standing = view.stepDueAt ? this.deps.timetable.standing(new Date(view.stepDueAt), this.clock.now()) : null;
    return {
      ...this.summary(view),
      standing,
      payoutWorking: view.payoutWorking,
      decision: view.decision,
      documents: state.documents,
      assessment: state.assessment,
      investigation: state.investigation,
      proposal: state.proposal,
      payment: state.payment,
      policy: state.claim?.policy,
      accident: state.claim?.accident,
      claimant: principal.role === 'customer' ? undefined : reviewCase.claimant,
    };
  }

  private sorted(views: ReviewCaseView[]) {
    return views
      .sort((a, b) => (a.stepDueAt ?? '9999').localeCompare(b.stepDueAt ?? '9999') || a.submittedAt.localeCompare(b.submittedAt))
      .map((v) => this.summary(v));
  }

  private summary(v: ReviewCaseView) {
    const money = (amountMinor: number | null) => (amountMinor === null ? null : { amountMinor, currency: v.currency });
    return {
      claimId: v.claimId,
      claimNumber: v.claimNumber,
      customerId: v.customerId,
      policyNumber: v.policyNumber,
      productLine: v.productLine,
      status: v.status,
      handlerId: v.handlerId,
      investigatorId: v.investigatorId,
      approvalLevel: v.approvalLevel,
      currentStep: v.currentStep,
      stepDueAt: v.stepDueAt,
      pausedSince: v.pausedSince,
      customerRespondBy: v.customerRespondBy,
      timeLimitAlert: v.timeLimitAlert,
      estimatedLoss: money(v.estimatedLossMinor),
      assessedLoss: money(v.assessedLossMinor),
      payout: money(v.payoutMinor),
      paid: money(v.paidMinor),
      supplementaryRounds: v.supplementaryRounds,
      suspicions: v.suspicions,
      fastTracked: v.fastTracked,
      expectedArrivalDate: v.expectedArrivalDate,
      submittedAt: v.submittedAt,
      closedAt: v.closedAt,
    };
  }
}
