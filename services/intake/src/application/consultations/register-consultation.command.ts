import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { ConsultationContact } from '../../domain/consultation/consultation.state';
import { registerConsultation } from '../../domain/consultation/register-consultation';
import { ResponsePromises } from '../../domain/consultation/response-promise';
import { Channel } from '../../domain/vocabulary';
import { newCaseId } from '../case-access';
import { CLOCK, CONSULTATIONS, Clock, Consultations, INTAKE_READ_MODELS, ReadModelProgress } from '../ports';

export interface RegisterConsultationInput {
  readonly channel: Channel;
  readonly topic: string;
  readonly question: string;
  readonly contact: ConsultationContact;
  /** Ignored for a customer: always themself. */
  readonly customerId?: string;
}

/** A consultation comes in; an agent who registers it is its first responder at once. */
export class RegisterConsultation extends Command<{ consultationId: string }> {
  constructor(
    readonly input: RegisterConsultationInput,
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(RegisterConsultation)
export class RegisterConsultationHandler implements ICommandHandler<RegisterConsultation> {
  constructor(
    @Inject(CONSULTATIONS) private readonly consultations: Consultations,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_READ_MODELS) private readonly readModels: ReadModelProgress,
    private readonly promises: ResponsePromises,
  ) {}

  async execute({ input, caller }: RegisterConsultation): Promise<{ consultationId: string }> {
    const { principal, context } = caller;
    const now = this.clock.now();
    const consultationId = newCaseId(context, 'consultation');
    const byCustomer = principal.role === 'customer';
    const handled = await this.consultations.handle(consultationId, context, (state) =>
      registerConsultation(state, {
        consultationId,
        channel: input.channel,
        topic: input.topic,
        question: input.question,
        contact: input.contact,
        customerId: byCustomer ? principal.customerId : input.customerId,
        firstResponderId: byCustomer ? undefined : principal.userId,
        receivedAt: now,
        responseDueAt: this.promises.dueAt(input.channel, now),
      }),
    );
    await this.readModels.showing(handled.appended);
    return { consultationId };
  }
}
