import { RevealedEnvelope } from '@claims/event-sourcing';
import { projectionOf } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { ReviewCaseEvents } from '../domain/review-case/review-case.events';
import { PolicyPaidTotal, ReviewCaseView } from './read-models';

/** A handler that changes the case's row (then stamps it with the event's time). */
function changeView<D extends { claimId: string }>(
  change: (view: ReviewCaseView, data: D, manager: EntityManager) => unknown,
): (manager: EntityManager, event: RevealedEnvelope<D>) => Promise<void> {
  return async (manager, event) => {
    const view = await manager.findOneBy(ReviewCaseView, { claimId: event.data.claimId });
    if (!view) return;
    await change(view, event.data, manager);
    view.updatedAt = event.occurredAt;
    await manager.save(ReviewCaseView, view);
  };
}

/**
 * How each stored review-case event changes the case rows (work queues, time-limit board) and the
 * per-policy paid totals. The case view itself folds the history; these rows show the same fields.
 */
export const projectReviewCaseEvent = projectionOf<ReviewCaseEvents>({
  ReviewCaseOpened: async (manager, { data }) => {
    await manager.save(ReviewCaseView, {
      claimId: data.claimId,
      claimNumber: data.claimNumber,
      customerId: data.customerId,
      policyNumber: data.policy.policyNumber,
      productLine: data.policy.productLine,
      channel: data.channel,
      status: 'awaiting-acceptance',
      handlerId: null,
      investigatorId: null,
      proposedBy: null,
      approvalLevel: null,
      currentStep: null,
      stepDueAt: null,
      pausedSince: null,
      customerRespondBy: null,
      timeLimitAlert: null,
      currency: data.estimatedLoss.currency,
      estimatedLossMinor: data.estimatedLoss.amountMinor,
      assessedLossMinor: null,
      payoutMinor: null,
      paidMinor: 0,
      payoutWorking: null,
      decision: null,
      suspicions: {},
      supplementaryRounds: 0,
      fastTracked: false,
      expectedArrivalDate: null,
      submittedAt: data.submittedAt,
      updatedAt: data.openedAt,
      closedAt: null,
    });
  },
  StepStarted: changeView((view, data) => {
    const running = {
      currentStep: data.step,
      stepDueAt: data.dueAt,
      pausedSince: null,
      customerRespondBy: null,
    };
    Object.assign(view, { ...running, timeLimitAlert: null });
  }),
  StepClockPaused: changeView((view, data) => {
    Object.assign(view, {
      stepDueAt: null,
      pausedSince: data.pausedAt,
      customerRespondBy: data.customerRespondBy,
    });
  }),
  StepClockResumed: changeView((view, data) => {
    Object.assign(view, {
      stepDueAt: data.dueAt,
      pausedSince: null,
      customerRespondBy: null,
      timeLimitAlert: null,
    });
  }),
  TimeLimitAtRisk: changeView((view) => (view.timeLimitAlert = 'at-risk')),
  TimeLimitExceeded: changeView((view) => (view.timeLimitAlert = 'overdue')),
  FastTrackApplied: changeView((view) => (view.fastTracked = true)),
  ClaimAccepted: changeView((view) => (view.status = 'in-review')),
  HandlerAssigned: changeView((view, data) => (view.handlerId = data.handlerId)),
  HandlerReassigned: changeView((view, data) => (view.handlerId = data.toHandlerId)),
  SupplementaryDocumentsRequested: changeView((view, data) => {
    Object.assign(view, { status: 'awaiting-documents', supplementaryRounds: data.round });
  }),
  SupplementaryDocumentsReceived: changeView((view) => (view.status = 'in-review')),
  SuspicionFlagged: changeView(
    (view, data) => (view.suspicions = { ...view.suspicions, [data.suspicion]: 'raised' }),
  ),
  InvestigationOpened: changeView((view, data) => {
    Object.assign(view, { status: 'under-investigation', investigatorId: data.investigatorId });
  }),
  InvestigationCompleted: changeView((view, data) => {
    const suspicions = { ...view.suspicions };
    data.confirmedSuspicions.forEach((s) => (suspicions[s] = 'confirmed'));
    data.clearedSuspicions.forEach((s) => (suspicions[s] = 'cleared'));
    Object.assign(view, { status: 'in-review', suspicions });
  }),
  LossAssessed: changeView((view, data) => (view.assessedLossMinor = data.assessedLoss.amountMinor)),
  DecisionProposed: changeView((view, data) => {
    Object.assign(view, {
      proposedBy: data.proposedBy,
      payoutMinor: data.payout?.amountMinor ?? null,
      payoutWorking: data.calculation,
    });
  }),
  DecisionReferredForApproval: changeView((view, data) => {
    Object.assign(view, { status: 'awaiting-approval', approvalLevel: data.level });
  }),
  // the proposal sent back no longer stands: neither does its payout
  DecisionSentBack: changeView((view) => {
    Object.assign(view, {
      status: 'in-review',
      approvalLevel: null,
      proposedBy: null,
      payoutMinor: null,
      payoutWorking: null,
    });
  }),
  ClaimApproved: changeView((view, data) => {
    const { payout, explanation, policyBasis, decidedBy, decidedAs } = data;
    Object.assign(view, {
      status: 'approved',
      approvalLevel: null,
      payoutMinor: payout.amountMinor,
      payoutWorking: data.calculation,
      decision: { outcome: 'approved', payout, explanation, policyBasis, decidedBy, decidedAs },
    });
  }),
  ClaimDenied: changeView((view, data) => {
    const { reasonCodes, explanation, policyBasis, decidedBy, decidedAs } = data;
    Object.assign(view, {
      status: 'denied',
      approvalLevel: null,
      decision: { outcome: 'denied', reasonCodes, explanation, policyBasis, decidedBy, decidedAs },
    });
  }),
  PaymentInstructed: changeView((view, data) => {
    Object.assign(view, { status: 'payment-instructed', expectedArrivalDate: data.expectedArrivalDate });
  }),
  PaymentConfirmed: changeView(async (view, data, manager) => {
    Object.assign(view, { status: 'paid', paidMinor: view.paidMinor + data.amount.amountMinor });
    const total = await manager.findOneBy(PolicyPaidTotal, { policyNumber: data.policyNumber });
    await manager.save(PolicyPaidTotal, {
      policyNumber: data.policyNumber,
      currency: data.amount.currency,
      paidMinor: (total?.paidMinor ?? 0) + data.amount.amountMinor,
      paidClaims: (total?.paidClaims ?? 0) + 1,
    });
  }),
  ClaimClosed: changeView((view, data) => {
    Object.assign(view, {
      status: 'closed',
      closedAt: data.closedAt,
      currentStep: null,
      stepDueAt: null,
      timeLimitAlert: null,
    });
  }),
  ClaimReopened: changeView((view) => {
    Object.assign(view, {
      status: 'in-review',
      closedAt: null,
      decision: null,
      payoutMinor: null,
      payoutWorking: null,
    });
  }),
});
