import { DomainEvent, DomainRuleViolation, EventSourcedAggregate } from '@claims/event-sourcing';
import { Channel } from '../vocabulary';

export interface ConsultationContact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface NewConsultation {
  readonly channel: Channel;
  readonly topic: string;
  readonly question: string;
  readonly contact: ConsultationContact;
  /** Pseudonymous customer id, when the person is a known customer. */
  readonly customerId?: string;
  readonly receivedAt: Date;
  readonly responseDueAt: Date;
}

export interface ConsultationRegisteredData {
  readonly consultationId: string;
  readonly channel: Channel;
  readonly topic: string;
  readonly customerId: string | null;
  readonly receivedAt: string;
  readonly responseDueAt: string;
}

/** Whom a consultation is handed over to: an agent, or a team whose first taker then owns it. */
export interface HandoverTarget {
  readonly toAgentId?: string;
  readonly toTeam?: string;
}

export interface Handover {
  readonly fromAgentId: string;
  readonly toAgentId: string | null;
  readonly toTeam: string | null;
  readonly reason: string;
  readonly handedOverAt: string;
}

export type ConsultationStatus = 'open' | 'answered' | 'turned-into-claim';

/**
 * A customer's question on any channel. First-responder rule: the first agent who takes it
 * owns it until an explicit, recorded handover; only the owner answers or hands it over.
 */
export class Consultation extends EventSourcedAggregate {
  private registered: ConsultationRegisteredData | null = null;
  private ownerId: string | null = null;
  private team: string | null = null;
  private status: ConsultationStatus = 'open';
  private question = '';
  private contact: ConsultationContact = {};
  private answer: { text: string; answeredBy: string; answeredAt: string; withinPromise: boolean } | null = null;
  private handovers: Handover[] = [];
  private claimId: string | null = null;

  get exists(): boolean {
    return this.registered !== null;
  }

  get customerId(): string | null {
    return this.facts().customerId;
  }

  get owner(): string | null {
    return this.ownerId;
  }

  /** Everything about the consultation, personal fields revealed from the history. */
  view() {
    return {
      ...this.facts(),
      status: this.status,
      ownerId: this.ownerId,
      team: this.team,
      question: this.question,
      contact: this.contact,
      answer: this.answer,
      handovers: this.handovers,
      claimId: this.claimId,
    };
  }

  register(consultation: NewConsultation): void {
    if (this.registered) throw new DomainRuleViolation('consultation-exists', `Consultation ${this.id} is already registered`);
    const subjectId = consultation.customerId ?? `consultation-${this.id}`;
    this.apply({
      type: 'ConsultationRegistered',
      schemaVersion: 1,
      data: {
        consultationId: this.id,
        channel: consultation.channel,
        topic: consultation.topic,
        customerId: consultation.customerId ?? null,
        receivedAt: consultation.receivedAt.toISOString(),
        responseDueAt: consultation.responseDueAt.toISOString(),
      } satisfies ConsultationRegisteredData,
      occurredAt: consultation.receivedAt.toISOString(),
      personalData: { subjectId, fields: { question: consultation.question, contact: consultation.contact } },
    });
  }

  /** The first agent to take it becomes its owner (首问负责制). */
  take(agentId: string, now: Date): void {
    this.refuseUnlessOpen();
    if (this.ownerId === agentId) return;
    if (this.ownerId) {
      throw new DomainRuleViolation('consultation-already-owned', `Consultation ${this.id} is owned by ${this.ownerId} until they hand it over`, {
        ownerId: this.ownerId,
      });
    }
    const takenAt = now.toISOString();
    this.apply({ type: 'ConsultationTaken', schemaVersion: 1, data: { consultationId: this.id, agentId, team: this.team, takenAt }, occurredAt: takenAt });
  }

  handOver(byAgentId: string, target: HandoverTarget, reason: string, now: Date): void {
    this.refuseUnlessOpen();
    this.refuseUnlessOwner(byAgentId);
    if (!target.toAgentId === !target.toTeam) {
      throw new DomainRuleViolation('handover-target-invalid', 'Hand a consultation over to exactly one agent or one team');
    }
    if (target.toAgentId === byAgentId) {
      throw new DomainRuleViolation('handover-to-self', 'A consultation cannot be handed over to its own owner');
    }
    this.apply({
      type: 'ConsultationHandedOver',
      schemaVersion: 1,
      data: {
        consultationId: this.id,
        fromAgentId: byAgentId,
        toAgentId: target.toAgentId ?? null,
        toTeam: target.toTeam ?? null,
        reason,
        handedOverAt: now.toISOString(),
      },
      occurredAt: now.toISOString(),
    });
  }

  recordAnswer(byAgentId: string, answer: string, now: Date): void {
    this.refuseUnlessOpen();
    this.refuseUnlessOwner(byAgentId);
    const withinPromise = now.getTime() <= Date.parse(this.facts().responseDueAt);
    this.apply({
      type: 'ConsultationAnswered',
      schemaVersion: 1,
      data: { consultationId: this.id, answeredBy: byAgentId, answeredAt: now.toISOString(), withinPromise },
      occurredAt: now.toISOString(),
      personalData: { subjectId: this.subjectId(), fields: { answer } },
    });
  }

  /** The consultation became a claim report; it leaves the open work. */
  turnIntoClaim(claimId: string, now: Date): void {
    if (this.claimId === claimId) return;
    if (this.status === 'turned-into-claim') {
      throw new DomainRuleViolation('consultation-already-claimed', `Consultation ${this.id} already became claim ${this.claimId}`);
    }
    const turnedAt = now.toISOString();
    this.apply({ type: 'ConsultationTurnedIntoClaim', schemaVersion: 1, data: { consultationId: this.id, claimId, turnedAt }, occurredAt: turnedAt });
  }

  onConsultationRegistered(event: DomainEvent<ConsultationRegisteredData>): void {
    this.registered = event.data;
    this.question = String(event.personalData?.fields.question ?? '');
    const contact = event.personalData?.fields.contact;
    this.contact = typeof contact === 'object' && contact !== null ? (contact as ConsultationContact) : { name: String(contact ?? '') };
  }

  onConsultationTaken(event: DomainEvent<{ agentId: string }>): void {
    this.ownerId = event.data.agentId;
  }

  onConsultationHandedOver(event: DomainEvent<Handover>): void {
    this.handovers.push(event.data);
    this.ownerId = event.data.toAgentId;
    this.team = event.data.toTeam;
  }

  onConsultationAnswered(event: DomainEvent<{ answeredBy: string; answeredAt: string; withinPromise: boolean }>): void {
    this.status = 'answered';
    this.answer = { ...event.data, text: String(event.personalData?.fields.answer ?? '') };
  }

  onConsultationTurnedIntoClaim(event: DomainEvent<{ claimId: string }>): void {
    this.status = 'turned-into-claim';
    this.claimId = event.data.claimId;
  }

  private subjectId(): string {
    return this.facts().customerId ?? `consultation-${this.id}`;
  }

  private refuseUnlessOpen(): void {
    if (this.status !== 'open') {
      throw new DomainRuleViolation('consultation-closed', `Consultation ${this.id} is ${this.status}`, { status: this.status });
    }
  }

  private refuseUnlessOwner(agentId: string): void {
    if (this.ownerId !== agentId) {
      throw new DomainRuleViolation('not-consultation-owner', `Only the consultation's owner (${this.ownerId ?? 'nobody yet'}) may do this; take it or ask for a handover`, {
        ownerId: this.ownerId,
      });
    }
  }

  private facts(): ConsultationRegisteredData {
    if (!this.registered) throw new Error(`Consultation ${this.id} is not registered`);
    return this.registered;
  }
}
