import { RevealedEnvelope } from '@claims/event-sourcing';
import { EntityManager } from 'typeorm';
import { ReviewCaseEventType, ReviewCaseEvents } from '../domain/claim-review-events';
import { PolicyPaidTotal, ReviewCaseView } from './read-models';

type Change<T extends ReviewCaseEventType> = (view: ReviewCaseView, data: ReviewCaseEvents[T], manager: EntityManager) => unknown;

/** How each stored event changes the case view (and the per-policy paid total). */
const changes: { [T in ReviewCaseEventType]?: Change<T> } = {
  StepStarted: (view, data) => {
    Object.assign(view, { currentStep: data.step, stepDueAt: data.dueAt, pausedSince: null, customerRespondBy: null, timeLimitAlert: null });
  },
  StepClockPaused: (view, data) => {
    Object.assign(view, { stepDueAt: null, pausedSince: data.pausedAt, customerRespondBy: data.customerRespondBy });
  },
  StepClockResumed: (view, data) => {
    Object.assign(view, { stepDueAt: data.dueAt, pausedSince: null, customerRespondBy: null, timeLimitAlert: null });
  },
  TimeLimitAtRisk: (view) => void (view.timeLimitAlert = 'at-risk'),
  TimeLimitExceeded: (view) => void (view.timeLimitAlert = 'overdue'),
  FastTrackApplied: (view) => void (view.fastTracked = true),
  ClaimAccepted: (view) => void (view.status = 'in-review'),
  HandlerAssigned: (view, data) => void (view.handlerId = data.handlerId),
  HandlerReassigned: (view, data) => void (view.handlerId = data.toHandlerId),
  SupplementaryDocumentsRequested: (view, data) => Object.assign(view, { status: 'awaiting-documents', supplementaryRounds: data.round }),
  SupplementaryDocumentsReceived: (view) => void (view.status = 'in-review'),
  SuspicionFlagged: (view, data) => void (view.suspicions = { ...view.suspicions, [data.suspicion]: 'raised' }),
  InvestigationOpened: (view, data) => Object.assign(view, { status: 'under-investigation', investigatorId: data.investigatorId }),
  InvestigationCompleted: (view, data) => {
    const suspicions = { ...view.suspicions };
    data.confirmedSuspicions.forEach((s) => (suspicions[s] = 'confirmed'));
    data.clearedSuspicions.forEach((s) => (suspicions[s] = 'cleared'));
    Object.assign(view, { status: 'in-review', suspicions });
  },
  LossAssessed: (view, data) => void (view.assessedLossMinor = data.assessedLoss.amountMinor),
  DecisionProposed: (view, data) => Object.assign(view, { proposedBy: data.proposedBy, payoutMinor: data.payout?.amountMinor ?? null, payoutWorking: data.calculation }),
  DecisionReferredForApproval: (view, data) => Object.assign(view, { status: 'awaiting-approval', approvalLevel: data.level }),
  DecisionSentBack: (view) => Object.assign(view, { status: 'in-review', approvalLevel: null, proposedBy: null }),
  ClaimApproved: (view, data) =>
    Object.assign(view, {
      status: 'approved', approvalLevel: null, payoutMinor: data.payout.amountMinor, payoutWorking: data.calculation,
      decision: { outcome: 'approved', payout: data.payout, explanation: data.explanation, policyBasis: data.policyBasis, decidedBy: data.decidedBy, decidedAs: data.decidedAs },
    }),
  ClaimDenied: (view, data) =>
    Object.assign(view, {
      status: 'denied', approvalLevel: null,
      decision: { outcome: 'denied', reasonCodes: data.reasonCodes, explanation: data.explanation, policyBasis: data.policyBasis, decidedBy: data.decidedBy, decidedAs: data.decidedAs },
    }),
  PaymentInstructed: (view, data) => Object.assign(view, { status: 'payment-instructed', expectedArrivalDate: data.expectedArrivalDate }),
  PaymentConfirmed: async (view, data, manager) => {
    Object.assign(view, { status: 'paid', paidMinor: view.paidMinor + data.amount.amountMinor });
    const total = await manager.findOneBy(PolicyPaidTotal, { policyNumber: data.policyNumber });
    await manager.save(PolicyPaidTotal, {
      policyNumber: data.policyNumber,
      currency: data.amount.currency,
      paidMinor: (total?.paidMinor ?? 0) + data.amount.amountMinor,
      paidClaims: (total?.paidClaims ?? 0) + 1,
    });
  },
  ClaimClosed: (view, data) => Object.assign(view, { status: 'closed', closedAt: data.closedAt, currentStep: null, stepDueAt: null, timeLimitAlert: null }),
  ClaimReopened: (view) => Object.assign(view, { status: 'in-review', closedAt: null, decision: null, payoutMinor: null, payoutWorking: null }),
};

/** Applies one stored review-case event to the read models (called by the ReadModelProjection). */
export async function projectReviewCaseEvent(manager: EntityManager, event: RevealedEnvelope): Promise<void> {
  if (event.type === 'ReviewCaseOpened') return openView(manager, event.data as ReviewCaseEvents['ReviewCaseOpened']);
  const change = changes[event.type as ReviewCaseEventType] as Change<ReviewCaseEventType> | undefined;
  if (!change) return;
  const data = event.data as ReviewCaseEvents[ReviewCaseEventType] & { claimId: string };
  const view = await manager.findOneBy(ReviewCaseView, { claimId: data.claimId });
  if (!view) return;
  await change(view, data as never, manager);
  view.updatedAt = event.occurredAt;
  await manager.save(ReviewCaseView, view);
}

async function openView(manager: EntityManager, data: ReviewCaseEvents['ReviewCaseOpened']): Promise<void> {
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
}
