import { DomainRuleViolation, stateFrom } from '@claims/event-sourcing';
import { Channel } from '../vocabulary';
import { consultationDecider } from './consultation.decider';
import { ComplaintReferral, ConsultationEvent, recordConsultation } from './consultation.events';
import { Consultation, ConsultationContact } from './consultation.state';
import { takeConsultation } from './take-consultation';

export interface RegisterConsultationCommand {
  readonly consultationId: string;
  readonly channel: Channel;
  readonly topic: string;
  readonly question: string;
  readonly contact: ConsultationContact;
  /** Pseudonymous customer id, when the person is a known customer. */
  readonly customerId?: string;
  /** The agent who registers it, and so owns it at once; absent when the customer registers it themself. */
  readonly firstResponderId?: string;
  readonly receivedAt: Date;
  /** The response promised for the channel (data/response-promises.json). */
  readonly responseDueAt: Date;
  /** The complaint it came from (a complaint declined as not a complaint). */
  readonly referredFrom?: ComplaintReferral;
}

/** A consultation comes in on any channel; an agent who registers it is its first responder at once. */
export function registerConsultation(
  state: Consultation,
  command: RegisterConsultationCommand,
): ConsultationEvent[] {
  if (state.status !== 'none') {
    throw new DomainRuleViolation(
      'consultation-exists',
      `Consultation ${state.consultationId} is already registered`,
    );
  }
  const { consultationId, channel, topic, question, contact, customerId, receivedAt, responseDueAt } =
    command;
  const registered = recordConsultation(
    'ConsultationRegistered',
    {
      consultationId,
      channel,
      topic,
      customerId: customerId ?? null,
      receivedAt: receivedAt.toISOString(),
      responseDueAt: responseDueAt.toISOString(),
      ...(command.referredFrom ? { referredFrom: command.referredFrom } : {}),
    },
    {
      occurredAt: receivedAt,
      personalData: {
        subjectId: customerId ?? `consultation-${consultationId}`,
        fields: { question, contact },
      },
    },
  );
  if (!command.firstResponderId) return [registered];
  const taken = takeConsultation(stateFrom(consultationDecider, [registered], state), {
    agentId: command.firstResponderId,
    now: receivedAt,
  });
  return [registered, ...taken];
}
