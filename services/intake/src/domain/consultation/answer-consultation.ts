import { ConsultationEvent, recordConsultation } from './consultation.events';
import { Consultation, refuseUnlessOpen, refuseUnlessOwner, subjectIdOf } from './consultation.state';

/** The owner records the answer given to the customer, and whether it kept the channel's response promise. */
export function answerConsultation(
  state: Consultation,
  command: { byAgentId: string; answer: string; now: Date },
): ConsultationEvent[] {
  const { byAgentId, answer, now } = command;
  const open = refuseUnlessOpen(state);
  refuseUnlessOwner(open, byAgentId);
  const answeredAt = now.toISOString();
  const withinPromise = now.getTime() <= Date.parse(open.responseDueAt);
  return [
    recordConsultation(
      'ConsultationAnswered',
      { consultationId: open.consultationId, answeredBy: byAgentId, answeredAt, withinPromise },
      { occurredAt: answeredAt, personalData: { subjectId: subjectIdOf(open), fields: { answer } } },
    ),
  ];
}
