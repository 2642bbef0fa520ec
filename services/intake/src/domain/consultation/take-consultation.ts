import { DomainRuleViolation } from '@claims/event-sourcing';
import { ConsultationEvent, recordConsultation } from './consultation.events';
import { Consultation, refuseUnlessOpen } from './consultation.state';

/** The first agent to take an open consultation becomes its owner (首问负责制); taking it again changes nothing. */
export function takeConsultation(
  state: Consultation,
  command: { agentId: string; now: Date },
): ConsultationEvent[] {
  const open = refuseUnlessOpen(state);
  if (open.ownerId === command.agentId) return [];
  if (open.ownerId) {
    throw new DomainRuleViolation(
      'consultation-already-owned',
      `Consultation ${open.consultationId} is owned by ${open.ownerId} until they hand it over`,
      { ownerId: open.ownerId },
    );
  }
  const takenAt = command.now.toISOString();
  return [
    recordConsultation(
      'ConsultationTaken',
      { consultationId: open.consultationId, agentId: command.agentId, team: open.team, takenAt },
      { occurredAt: takenAt },
    ),
  ];
}
