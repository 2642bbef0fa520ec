import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { Consultation, ConsultationContact, HandoverTarget } from '../../domain/consultation/consultation';
import { ResponsePromises } from '../../domain/consultation/response-promise';
import { Channel } from '../../domain/vocabulary';
import { CONSULTATIONS } from '../../infrastructure/repositories/intake-repositories';
import { loadCaseFor, newCaseId } from '../case-access';

export class RegisterConsultation {
  constructor(
    readonly consultation: { channel: Channel; topic: string; question: string; contact: ConsultationContact; customerId?: string },
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {}
}

export class TakeConsultation {
  constructor(readonly consultationId: string, readonly principal: Principal, readonly context: CommandContext) {}
}

export class HandOverConsultation {
  constructor(
    readonly consultationId: string,
    readonly target: HandoverTarget,
    readonly reason: string,
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {}
}

export class AnswerConsultation {
  constructor(readonly consultationId: string, readonly answer: string, readonly principal: Principal, readonly context: CommandContext) {}
}

export interface ConsultationOutcome {
  readonly consultationId: string;
  readonly ownerId: string | null;
  readonly responseDueAt: string;
  readonly status: string;
}

function outcomeOf(consultation: Consultation): ConsultationOutcome {
  const { consultationId, ownerId, responseDueAt, status } = consultation.view();
  return { consultationId, ownerId, responseDueAt, status };
}

/** A consultation comes in; an agent who registers it is its first responder at once. */
@CommandHandler(RegisterConsultation)
export class RegisterConsultationHandler implements ICommandHandler<RegisterConsultation, ConsultationOutcome> {
  constructor(
    @Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly promises: ResponsePromises,
  ) {}

  async execute({ consultation, principal, context }: RegisterConsultation): Promise<ConsultationOutcome> {
    const now = this.clock.now();
    const customerId = principal.role === 'customer' ? principal.customerId : consultation.customerId;
    const registered = new Consultation(newCaseId(context, 'consultation'));
    registered.register({ ...consultation, customerId, receivedAt: now, responseDueAt: this.promises.dueAt(consultation.channel, now) });
    if (principal.role !== 'customer') registered.take(principal.userId, now);
    await this.consultations.save(registered, context);
    return outcomeOf(registered);
  }
}

@CommandHandler(TakeConsultation)
export class TakeConsultationHandler implements ICommandHandler<TakeConsultation, ConsultationOutcome> {
  constructor(@Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ consultationId, principal, context }: TakeConsultation): Promise<ConsultationOutcome> {
    const consultation = await this.consultations.load(consultationId);
    consultation.take(principal.userId, this.clock.now());
    await this.consultations.save(consultation, context);
    return outcomeOf(consultation);
  }
}

@CommandHandler(HandOverConsultation)
export class HandOverConsultationHandler implements ICommandHandler<HandOverConsultation, ConsultationOutcome> {
  constructor(@Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ consultationId, target, reason, principal, context }: HandOverConsultation): Promise<ConsultationOutcome> {
    const consultation = await this.consultations.load(consultationId);
    consultation.handOver(principal.userId, target, reason, this.clock.now());
    await this.consultations.save(consultation, context);
    return outcomeOf(consultation);
  }
}

@CommandHandler(AnswerConsultation)
export class AnswerConsultationHandler implements ICommandHandler<AnswerConsultation, ConsultationOutcome> {
  constructor(@Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ consultationId, answer, principal, context }: AnswerConsultation): Promise<ConsultationOutcome> {
    const consultation = await loadCaseFor(this.consultations, consultationId, principal);
    consultation.recordAnswer(principal.userId, answer, this.clock.now());
    await this.consultations.save(consultation, context);
    return outcomeOf(consultation);
  }
}

export const consultationCommandHandlers = [RegisterConsultationHandler, TakeConsultationHandler, HandOverConsultationHandler, AnswerConsultationHandler];
