import { DomainRuleViolation } from '@claims/event-sourcing';
import { ConsultationEvent, recordConsultation } from './consultation.events';
import { Consultation, refuseUnlessOpen, refuseUnlessOwner } from './consultation.state';

/** Whom a consultation is handed over to: an agent, or a team whose first taker then owns it. */
export interface HandoverTarget {
  readonly toAgentId?: string;
  readonly toTeam?: string;
}

/** Only the owner hands a consultation over, to exactly one agent (not themself) or one team; it is recorded. */
export function handOverConsultation(
  state: Consultation,
  command: { byAgentId: string; target: HandoverTarget; reason: string; now: Date },
): ConsultationEvent[] {
  const { byAgentId, target, reason, now } = command;
  const open = refuseUnlessOpen(state);
  refuseUnlessOwner(open, byAgentId);
  if (!target.toAgentId === !target.toTeam) {
    throw new DomainRuleViolation(
      'handover-target-invalid',
      'Hand a consultation over to exactly one agent or one team',
    );
  }
  if (target.toAgentId === byAgentId) {
    throw new DomainRuleViolation(
      'handover-to-self',
      'A consultation cannot be handed over to its own owner',
    );
  }
  const handedOverAt = now.toISOString();
  return [
    recordConsultation(
      'ConsultationHandedOver',
      {
        consultationId: open.consultationId,
        fromAgentId: byAgentId,
        toAgentId: target.toAgentId ?? null,
        toTeam: target.toTeam ?? null,
        reason,
        handedOverAt,
      },
      { occurredAt: handedOverAt },
    ),
  ];
}
