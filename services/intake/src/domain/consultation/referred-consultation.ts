import { DomainRuleViolation } from '@claims/event-sourcing';
import { CHANNELS, Channel } from '../vocabulary';
import { ComplaintReferral, ConsultationEvent } from './consultation.events';
import { Consultation, ConsultationContact } from './consultation.state';
import { registerConsultation } from './register-consultation';

/** What the complainant said and asked, and how to reach them, as the complaint service sealed it. */
export interface ReferredWords {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly description?: string;
  readonly request?: string;
}

export interface RegisterReferredConsultationCommand {
  readonly consultationId: string;
  readonly referral: ComplaintReferral;
  readonly customerId: string | null;
  /** Absent when the complaint service had nothing to hand over (the complainant was forgotten). */
  readonly words: ReferredWords | null;
  readonly receivedAt: Date;
  readonly responseDueAt: Date;
}

/**
 * The channel intake answers a referred complaint on: the same channel where intake has it; a
 * letter and a regulator's transfer arrive on paper at the front desk (`counter`). The complaint's
 * own channel stays on the referral.
 */
export function consultationChannelOf(complaintChannel: string): Channel {
  return CHANNELS.find((channel) => channel === complaintChannel) ?? 'counter';
}

/** The question as the desk reads it: what happened, then what the person asks for. */
export function referredQuestion(words: ReferredWords | null, complaintNumber: string): string {
  const parts = [
    words?.description?.trim(),
    words?.request?.trim() ? `Asks: ${words.request.trim()}` : undefined,
  ];
  const question = parts.filter((part): part is string => Boolean(part)).join('\n\n');
  return question || `Referred from complaint ${complaintNumber} without the complainant's words`;
}

/**
 * A complaint the complaint service declined as not a complaint comes back as a consultation
 * (DOMAIN.md, complaint journey step 2): on its channel, its category as the topic, the person's
 * words and contact sealed as every consultation's, waiting for a taker with the channel's
 * promised response time. Referred again (a redelivery, a republish): nothing new.
 */
export function registerReferredConsultation(
  state: Consultation,
  command: RegisterReferredConsultationCommand,
): ConsultationEvent[] {
  const { referral, words } = command;
  if (state.status !== 'none') {
    if (state.referredFrom?.complaintId === referral.complaintId) return [];
    throw new DomainRuleViolation(
      'consultation-exists',
      `Consultation ${state.consultationId} is already registered`,
    );
  }
  const contact: ConsultationContact = {
    ...(words?.name ? { name: words.name } : {}),
    ...(words?.phone ? { phone: words.phone } : {}),
    ...(words?.email ? { email: words.email } : {}),
  };
  return registerConsultation(state, {
    consultationId: command.consultationId,
    channel: consultationChannelOf(referral.complaintChannel),
    topic: referral.category,
    question: referredQuestion(words, referral.complaintNumber),
    contact,
    ...(command.customerId ? { customerId: command.customerId } : {}),
    receivedAt: command.receivedAt,
    responseDueAt: command.responseDueAt,
    referredFrom: referral,
  });
}
