import { EventUnion, eventRecorder } from '@claims/event-sourcing';
import { Channel } from '../vocabulary';

export interface ConsultationRegisteredData {
  readonly consultationId: string;
  readonly channel: Channel;
  readonly topic: string;
  readonly customerId: string | null;
  readonly receivedAt: string;
  readonly responseDueAt: string;
  /** The complaint it came from, when the complaint service declined it as not a complaint. */
  readonly referredFrom?: ComplaintReferral;
}

/** A complaint the complaint service handed back to intake (its ComplaintReferredAsConsultation). */
export interface ComplaintReferral {
  readonly complaintId: string;
  readonly complaintNumber: string;
  /** The channel it came in on, as the complaint service names it (letter, regulator-transfer…). */
  readonly complaintChannel: string;
  readonly category: string;
  readonly referredAt: string;
}

export interface ConsultationHandedOverData {
  readonly consultationId: string;
  readonly fromAgentId: string;
  readonly toAgentId: string | null;
  readonly toTeam: string | null;
  readonly reason: string;
  readonly handedOverAt: string;
}

/**
 * Stream `consultation-<id>`. Sealed for the customer (or `consultation-<id>` without one):
 * `question` and `contact` on ConsultationRegistered, `answer` on ConsultationAnswered.
 */
export interface ConsultationEvents {
  ConsultationRegistered: ConsultationRegisteredData;
  ConsultationTaken: {
    readonly consultationId: string;
    readonly agentId: string;
    readonly team: string | null;
    readonly takenAt: string;
  };
  ConsultationHandedOver: ConsultationHandedOverData;
  ConsultationAnswered: {
    readonly consultationId: string;
    readonly answeredBy: string;
    readonly answeredAt: string;
    readonly withinPromise: boolean;
  };
  ConsultationTurnedIntoClaim: {
    readonly consultationId: string;
    readonly claimId: string;
    readonly turnedAt: string;
  };
}

export type ConsultationEvent = EventUnion<ConsultationEvents>;

export const recordConsultation = eventRecorder<ConsultationEvents>({
  ConsultationRegistered: 1,
  ConsultationTaken: 1,
  ConsultationHandedOver: 1,
  ConsultationAnswered: 1,
  ConsultationTurnedIntoClaim: 1,
});
