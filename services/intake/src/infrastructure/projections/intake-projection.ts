import { ProjectionHandlers, projectionOf } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { ClaimApplicationEvents } from '../../domain/claim-application/claim-application.events';
import { customerStageOf } from '../../domain/claim-application/customer-stage';
import { ConsultationEvents } from '../../domain/consultation/consultation.events';
import { ClaimStatusView, WorkQueueItem } from './read-model-entities';

/**
 * The work queue and the claim status view follow every event of consultations and claim
 * applications (claims review's facts included: the customer's status follows them to closure).
 */
type ProjectedEvents = ConsultationEvents & ClaimApplicationEvents;

const handlers: ProjectionHandlers<ProjectedEvents> = {
  ConsultationRegistered: async (manager, { data }) => {
    await manager.save(WorkQueueItem, {
      caseId: data.consultationId,
      kind: 'consultation',
      // a complaint handed back as a consultation shows its complaint number
      reference: data.referredFrom?.complaintNumber ?? null,
      ownerId: null,
      team: null,
      channel: data.channel,
      customerId: data.customerId,
      status: 'open',
      openedAt: data.receivedAt,
      responseDueAt: data.responseDueAt,
    });
  },
  ConsultationTaken: async (manager, { data }) => {
    await manager.update(WorkQueueItem, { caseId: data.consultationId }, { ownerId: data.agentId });
  },
  ConsultationHandedOver: async (manager, { data }) => {
    await manager.update(
      WorkQueueItem,
      { caseId: data.consultationId },
      { ownerId: data.toAgentId, team: data.toTeam },
    );
  },
  ConsultationAnswered: (manager, { data }) => leaveQueue(manager, data.consultationId),
  ConsultationTurnedIntoClaim: (manager, { data }) => leaveQueue(manager, data.consultationId),
  ClaimReported: async (manager, { data, occurredAt }) => {
    await manager.save(ClaimStatusView, {
      claimId: data.claimId,
      claimNumber: data.claimNumber,
      customerId: data.customerId,
      policyNumber: data.policy.policyNumber,
      productLine: data.policy.productLine,
      channel: data.channel,
      agentId: data.agentId,
      status: 'collecting-documents',
      stage: customerStageOf('collecting-documents', null),
      reviewStage: null,
      documentsSupplied: 0,
      openSupplementaryRound: null,
      requestedDocuments: null,
      decision: null,
      payment: null,
      reopened: null,
      reportedAt: data.reportedAt,
      submittedAt: null,
      acceptedAt: null,
      closedAt: null,
      updatedAt: occurredAt,
    });
    await manager.save(WorkQueueItem, {
      caseId: data.claimId,
      kind: 'claim-application',
      reference: data.claimNumber,
      ownerId: data.agentId,
      team: null,
      channel: data.channel,
      customerId: data.customerId,
      status: 'collecting-documents',
      openedAt: data.reportedAt,
      responseDueAt: null,
    });
  },
  DocumentUploaded: (manager, { data, occurredAt }) =>
    changeStatus(manager, data.claimId, occurredAt, (claim) => ({
      documentsSupplied: claim.documentsSupplied + 1,
    })),
  ClaimSubmitted: async (manager, { data, occurredAt }) => {
    const { claimId, submittedAt } = data;
    await changeStatus(manager, claimId, occurredAt, () => ({
      status: 'submitted',
      reviewStage: 'awaiting-acceptance',
      submittedAt,
    }));
    await leaveQueue(manager, claimId);
  },
  SupplementaryDocumentsRequestReceived: async (manager, { data, occurredAt }) => {
    const { claimId, round, items, requestedAt, receivedAt } = data;
    const claim = await changedStatus(manager, claimId, occurredAt, () => ({
      status: 'awaiting-supplementary-documents',
      openSupplementaryRound: round,
      requestedDocuments: { round, items, requestedAt },
    }));
    await manager.save(WorkQueueItem, {
      caseId: claimId,
      kind: 'claim-application',
      reference: claim.claimNumber,
      ownerId: claim.agentId,
      team: null,
      channel: claim.channel,
      customerId: claim.customerId,
      status: 'awaiting-supplementary-documents',
      openedAt: receivedAt,
      responseDueAt: null,
    });
  },
  SupplementaryDocumentsProvided: async (manager, { data, occurredAt }) => {
    await changeStatus(manager, data.claimId, occurredAt, () => ({
      status: 'supplementary-documents-provided',
      openSupplementaryRound: null,
      requestedDocuments: null,
    }));
    await leaveQueue(manager, data.claimId);
  },
  ClaimAcceptanceReceived: (manager, { data, occurredAt }) =>
    changeStatus(manager, data.claimId, occurredAt, (claim) => ({
      reviewStage: claim.reviewStage === 'awaiting-acceptance' ? 'in-review' : claim.reviewStage,
      acceptedAt: data.acceptedAt,
    })),
  ClaimDecisionReceived: (manager, { data, occurredAt }) => {
    const { claimId: _claimId, receivedAt: _receivedAt, ...decision } = data;
    return changeStatus(manager, data.claimId, occurredAt, () => ({
      reviewStage: decision.outcome,
      decision,
    }));
  },
  PaymentInstructionReceived: (manager, { data, occurredAt }) => {
    const { amount, expectedArrivalDate, instructedAt } = data;
    return changeStatus(manager, data.claimId, occurredAt, () => ({
      reviewStage: 'payment-instructed',
      payment: { amount, expectedArrivalDate, instructedAt, paidOn: null },
    }));
  },
  PaymentConfirmationReceived: (manager, { data, occurredAt }) => {
    const { amount, paidOn, confirmedAt } = data;
    return changeStatus(manager, data.claimId, occurredAt, (claim) => ({
      reviewStage: 'paid',
      payment: claim.payment
        ? { ...claim.payment, paidOn }
        : { amount, expectedArrivalDate: paidOn, instructedAt: confirmedAt, paidOn },
    }));
  },
  ClaimClosureReceived: (manager, { data, occurredAt }) =>
    changeStatus(manager, data.claimId, occurredAt, () => ({
      reviewStage: 'closed',
      closedAt: data.closedAt,
    })),
  ClaimReopeningReceived: (manager, { data, occurredAt }) => {
    const { reason, reopenedAt } = data;
    return changeStatus(manager, data.claimId, occurredAt, () => ({
      reviewStage: 'in-review',
      decision: null,
      payment: null,
      closedAt: null,
      reopened: { reason, reopenedAt },
    }));
  },
};

type StatusChange = (claim: ClaimStatusView) => Partial<ClaimStatusView>;

async function changeStatus(
  manager: EntityManager,
  claimId: string,
  occurredAt: string,
  change: StatusChange,
): Promise<void> {
  await changedStatus(manager, claimId, occurredAt, change);
}

/** Changes a claim's status row; its customer stage follows from the application's status and claims review's. */
async function changedStatus(
  manager: EntityManager,
  claimId: string,
  occurredAt: string,
  change: StatusChange,
): Promise<ClaimStatusView> {
  const claim = await manager.findOneByOrFail(ClaimStatusView, { claimId });
  const changed = { ...claim, ...change(claim), updatedAt: occurredAt };
  return manager.save(ClaimStatusView, {
    ...changed,
    stage: customerStageOf(changed.status, changed.reviewStage),
  });
}

async function leaveQueue(manager: EntityManager, caseId: string): Promise<void> {
  await manager.delete(WorkQueueItem, { caseId });
}

export const PROJECTED_EVENT_TYPES = Object.keys(handlers);

/** Applies one of intake's stored events to the work queue and the claim status view. */
export const projectIntakeEvent = projectionOf<ProjectedEvents>(handlers);
