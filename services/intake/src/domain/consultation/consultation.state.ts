import { DomainRuleViolation } from '@claims/event-sourcing';
import { ConsultationHandedOverData, ConsultationRegisteredData } from './consultation.events';

export interface ConsultationContact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface ConsultationAnswer {
  readonly text: string;
  readonly answeredBy: string;
  readonly answeredAt: string;
  readonly withinPromise: boolean;
}

/** What every registered consultation has: its facts, the customer's question, and who answers for it. */
export interface RegisteredConsultation extends ConsultationRegisteredData {
  readonly question: string;
  readonly contact: ConsultationContact;
  /** The first responder who owns it (首问负责制); null while it waits for a taker (after a handover to a team). */
  readonly ownerId: string | null;
  /** The team it was last handed over to, if any. */
  readonly team: string | null;
  readonly handovers: readonly ConsultationHandedOverData[];
}

/**
 * A customer's question on any channel: open until its owner answers it or it becomes a claim
 * report (which may follow an answer).
 */
export type Consultation =
  | { readonly status: 'none' }
  | (RegisteredConsultation & { readonly status: 'open' })
  | (RegisteredConsultation & { readonly status: 'answered'; readonly answer: ConsultationAnswer })
  | (RegisteredConsultation & {
      readonly status: 'turned-into-claim';
      readonly claimId: string;
      /** The answer given before it became a claim report, if it was answered. */
      readonly answer: ConsultationAnswer | null;
    });

export type OpenConsultation = Extract<Consultation, { status: 'open' }>;

/** Personal data of a consultation is sealed for its customer, or for the consultation when anonymous. */
export function subjectIdOf(consultation: ConsultationRegisteredData): string {
  return consultation.customerId ?? `consultation-${consultation.consultationId}`;
}

/** Only an open consultation is taken, handed over or answered. */
export function refuseUnlessOpen(state: Consultation): OpenConsultation {
  if (state.status === 'none')
    throw new DomainRuleViolation('consultation-unknown', 'There is no such consultation');
  if (state.status !== 'open') {
    throw new DomainRuleViolation(
      'consultation-closed',
      `Consultation ${state.consultationId} is ${state.status}`,
      {
        status: state.status,
      },
    );
  }
  return state;
}

/** Only the owner answers or hands over; anyone else takes it (if free) or asks for a handover. */
export function refuseUnlessOwner(state: OpenConsultation, agentId: string): void {
  if (state.ownerId !== agentId) {
    throw new DomainRuleViolation(
      'not-consultation-owner',
      `Only the consultation's owner (${state.ownerId ?? 'nobody yet'}) may do this; take it or ask for a handover`,
      { ownerId: state.ownerId },
    );
  }
}
