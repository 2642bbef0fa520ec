import { RevealedEnvelope } from '@claims/event-sourcing';
import { EntityManager } from 'typeorm';
import { ClaimReportedData } from '../../domain/claim/claim-application';
import { ConsultationRegisteredData, Handover } from '../../domain/consultation/consultation';
import { ClaimStatusView, WorkQueueItem } from './read-model-entities';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each applier names the data shape of its own event type
type Apply = (manager: EntityManager, event: RevealedEnvelope<any>) => Promise<void>;
type Data<T> = { data: T };

const appliers: Record<string, Apply> = {
  ConsultationRegistered: async (manager, { data }: Data<ConsultationRegisteredData>) => {
    await manager.save(WorkQueueItem, {
      caseId: data.consultationId,
      kind: 'consultation',
      reference: null,
      ownerId: null,
      team: null,
      channel: data.channel,
      customerId: data.customerId,
      status: 'open',
      openedAt: data.receivedAt,
      responseDueAt: data.responseDueAt,
    });
  },
  ConsultationTaken: async (manager, { data }: Data<{ consultationId: string; agentId: string }>) => {
    await manager.update(WorkQueueItem, { caseId: data.consultationId }, { ownerId: data.agentId });
  },
  ConsultationHandedOver: async (manager, { data }: Data<Handover & { consultationId: string }>) => {
    await manager.update(WorkQueueItem, { caseId: data.consultationId }, { ownerId: data.toAgentId, team: data.toTeam });
  },
  ConsultationAnswered: (manager, { data }: Data<{ consultationId: string }>) => leaveQueue(manager, data.consultationId),
  ConsultationTurnedIntoClaim: (manager, { data }: Data<{ consultationId: string }>) => leaveQueue(manager, data.consultationId),
  ClaimReported: async (manager, event) => {
    const data = event.data as ClaimReportedData;
    await manager.save(ClaimStatusView, {
      claimId: data.claimId,
      claimNumber: data.claimNumber,
      customerId: data.customerId,
      policyNumber: data.policy.policyNumber,
      productLine: data.policy.productLine,
      channel: data.channel,
      agentId: data.agentId,
      status: 'collecting-documents',
      documentsSupplied: 0,
      openSupplementaryRound: null,
      reportedAt: data.reportedAt,
      submittedAt: null,
      updatedAt: event.occurredAt,
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
  DocumentUploaded: async (manager, event) => {
    const { claimId } = event.data as { claimId: string };
    await manager.increment(ClaimStatusView, { claimId }, 'documentsSupplied', 1);
    await manager.update(ClaimStatusView, { claimId }, { updatedAt: event.occurredAt });
  },
  ClaimSubmitted: async (manager, event) => {
    const { claimId, submittedAt } = event.data as { claimId: string; submittedAt: string };
    await manager.update(ClaimStatusView, { claimId }, { status: 'submitted', submittedAt, updatedAt: event.occurredAt });
    await leaveQueue(manager, claimId);
  },
  SupplementaryDocumentsRequestReceived: async (manager, event) => {
    const { claimId, round, receivedAt } = event.data as { claimId: string; round: number; receivedAt: string };
    await manager.update(ClaimStatusView, { claimId }, { status: 'awaiting-supplementary-documents', openSupplementaryRound: round, updatedAt: event.occurredAt });
    const claim = await manager.findOneByOrFail(ClaimStatusView, { claimId });
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
  SupplementaryDocumentsProvided: async (manager, event) => {
    const { claimId } = event.data as { claimId: string };
    await manager.update(ClaimStatusView, { claimId }, { status: 'supplementary-documents-provided', openSupplementaryRound: null, updatedAt: event.occurredAt });
    await leaveQueue(manager, claimId);
  },
};

async function leaveQueue(manager: EntityManager, caseId: string): Promise<void> {
  await manager.delete(WorkQueueItem, { caseId });
}

export const PROJECTED_EVENT_TYPES = Object.keys(appliers);

/** Applies one of intake's stored events to the work queue and the claim status view. */
export async function projectIntakeEvent(manager: EntityManager, event: RevealedEnvelope): Promise<void> {
  await appliers[event.type]?.(manager, event);
}
