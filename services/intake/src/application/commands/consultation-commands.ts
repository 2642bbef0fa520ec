import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { Consultation, ConsultationContact, HandoverTarget } from '../../domain/consultation/consultation';
import { ResponsePromises } from '../../domain/consultation/response-promise';
import { Channel } from '../../domain/vocabulary';
import { IntakeReadModels } from '../../infrastructure/projections/intake-read-models';
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

/** What every consultation command needs: the consultations, the clock, and read your writes. */
abstract class ConsultationCommandHandler {
  constructor(
    @Inject(CONSULTATIONS) protected readonly consultations: AggregateRepository<Consultation>,
    @Inject(CLOCK) protected readonly clock: Clock,
    private readonly readModels: IntakeReadModels,
  ) {}

  /** Saves, waits until the work queue shows the change, and answers with the consultation's outcome. */
  protected async save(consultation: Consultation, context: CommandContext): Promise<ConsultationOutcome> {
    await this.readModels.showing(await this.consultations.save(consultation, context));
    const { consultationId, ownerId, responseDueAt, status } = consultation.view();
    return { consultationId, ownerId, responseDueAt, status };
  }
}

/** A consultation comes in; an agent who registers it is its first responder at once. */
@CommandHandler(RegisterConsultation)
export class RegisterConsultationHandler extends ConsultationCommandHandler implements ICommandHandler<RegisterConsultation, ConsultationOutcome> {
  @Inject(ResponsePromises) private readonly promises!: ResponsePromises;

  async execute({ consultation, principal, context }: RegisterConsultation): Promise<ConsultationOutcome> {
    const now = this.clock.now();
    const customerId = principal.role === 'customer' ? principal.customerId : consultation.customerId;
    const registered = new Consultation(newCaseId(context, 'consultation'));
    registered.register({ ...consultation, customerId, receivedAt: now, responseDueAt: this.promises.dueAt(consultation.channel, now) });
    if (principal.role !== 'customer') registered.take(principal.userId, now);
    return this.save(registered, context);
  }
}

@CommandHandler(TakeConsultation)
export class TakeConsultationHandler extends ConsultationCommandHandler implements ICommandHandler<TakeConsultation, ConsultationOutcome> {
  async execute({ consultationId, principal, context }: TakeConsultation): Promise<ConsultationOutcome> {
    const consultation = await this.consultations.load(consultationId);
    consultation.take(principal.userId, this.clock.now());
    return this.save(consultation, context);
  }
}

@CommandHandler(HandOverConsultation)
export class HandOverConsultationHandler extends ConsultationCommandHandler implements ICommandHandler<HandOverConsultation, ConsultationOutcome> {
  async execute({ consultationId, target, reason, principal, context }: HandOverConsultation): Promise<ConsultationOutcome> {
    const consultation = await this.consultations.load(consultationId);
    consultation.handOver(principal.userId, target, reason, this.clock.now());
    return this.save(consultation, context);
  }
}

@CommandHandler(AnswerConsultation)
export class AnswerConsultationHandler extends ConsultationCommandHandler implements ICommandHandler<AnswerConsultation, ConsultationOutcome> {
  async execute({ consultationId, answer, principal, context }: AnswerConsultation): Promise<ConsultationOutcome> {
    const consultation = await loadCaseFor(this.consultations, consultationId, principal);
    consultation.recordAnswer(principal.userId, answer, this.clock.now());
    return this.save(consultation, context);
  }
}

export const consultationCommandHandlers = [RegisterConsultationHandler, TakeConsultationHandler, HandOverConsultationHandler, AnswerConsultationHandler];
