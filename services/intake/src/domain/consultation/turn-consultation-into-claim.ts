import { DomainRuleViolation } from '@claims/event-sourcing';
import { ConsultationEvent, recordConsultation } from './consultation.events';
import { Consultation } from './consultation.state';

/**
 * The consultation became a claim report and leaves the open work (answered or not). It becomes
 * one claim only: the same claim again changes nothing.
 */
export function turnConsultationIntoClaim(
  state: Consultation,
  command: { claimId: string; now: Date },
): ConsultationEvent[] {
  if (state.status === 'none')
    throw new DomainRuleViolation('consultation-unknown', 'There is no such consultation');
  if (state.status === 'turned-into-claim') {
    if (state.claimId === command.claimId) return [];
    throw new DomainRuleViolation(
      'consultation-already-claimed',
      `Consultation ${state.consultationId} already became claim ${state.claimId}`,
    );
  }
  const turnedAt = command.now.toISOString();
  return [
    recordConsultation(
      'ConsultationTurnedIntoClaim',
      { consultationId: state.consultationId, claimId: command.claimId, turnedAt },
      { occurredAt: turnedAt },
    ),
  ];
}
