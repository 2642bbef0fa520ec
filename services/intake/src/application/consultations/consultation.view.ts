import {
  ComplaintReferral,
  ConsultationHandedOverData,
  ConsultationRegisteredData,
} from '../../domain/consultation/consultation.events';
import { ConsultationAnswer, ConsultationContact } from '../../domain/consultation/consultation.state';
import { Principal } from '@claims/service-host';
import { RegisteredConsultationState } from '../case-access';

/** A consultation as every answer shows it: the commands' answers and GET /consultations/:id. */
export interface ConsultationView extends Omit<ConsultationRegisteredData, 'referredFrom'> {
  readonly status: RegisteredConsultationState['status'];
  readonly ownerId: string | null;
  readonly team: string | null;
  readonly question: string;
  readonly contact: ConsultationContact;
  readonly answer: ConsultationAnswer | null;
  readonly handovers: readonly ConsultationHandedOverData[];
  readonly claimId: string | null;
  /** The complaint it came from (declined as not a complaint), or null. */
  readonly referredFrom: ComplaintReferral | null;
}

export function consultationView(state: RegisteredConsultationState): ConsultationView {
  const { consultationId, channel, topic, customerId, receivedAt, responseDueAt } = state;
  return {
    consultationId,
    channel,
    topic,
    customerId,
    receivedAt,
    responseDueAt,
    status: state.status,
    ownerId: state.ownerId,
    team: state.team,
    question: state.question,
    contact: state.contact,
    answer: state.status === 'open' ? null : state.answer,
    handovers: state.handovers,
    claimId: state.status === 'turned-into-claim' ? state.claimId : null,
    referredFrom: state.referredFrom ?? null,
  };
}

/**
 * A consultation as its customer sees it: their question, when they were promised an answer and
 * the answer given, and the claim it became. Never who owns it, the handovers between agents and
 * teams (their reasons are internal) or whether the answer kept the promise.
 */
export interface CustomerConsultationView {
  readonly consultationId: string;
  readonly channel: ConsultationRegisteredData['channel'];
  readonly topic: string;
  readonly status: RegisteredConsultationState['status'];
  readonly question: string;
  readonly contact: ConsultationContact;
  readonly receivedAt: string;
  /** The answer promised for the channel by then. */
  readonly responseDueAt: string;
  readonly answer: { readonly text: string; readonly answeredAt: string } | null;
  readonly claimId: string | null;
}

export function customerConsultationView(state: RegisteredConsultationState): CustomerConsultationView {
  const { consultationId, channel, topic, status, question, contact, receivedAt, responseDueAt } = state;
  const answer = state.status === 'open' ? null : state.answer;
  return {
    consultationId,
    channel,
    topic,
    status,
    question,
    contact,
    receivedAt,
    responseDueAt,
    answer: answer && { text: answer.text, answeredAt: answer.answeredAt },
    claimId: state.status === 'turned-into-claim' ? state.claimId : null,
  };
}

/** Staff see the whole consultation, a customer their own view of it. */
export function consultationViewFor(
  principal: Principal,
  state: RegisteredConsultationState,
): ConsultationView | CustomerConsultationView {
  return principal.role === 'customer' ? customerConsultationView(state) : consultationView(state);
}
