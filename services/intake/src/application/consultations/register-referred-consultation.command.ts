import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { eventIdFor } from '@claims/event-sourcing';
import { Caller } from '@claims/service-host';
import { ComplaintReferral } from '../../domain/consultation/consultation.events';
import {
  ReferredWords,
  consultationChannelOf,
  registerReferredConsultation,
} from '../../domain/consultation/referred-consultation';
import { ResponsePromises } from '../../domain/consultation/response-promise';
import { CLOCK, CONSULTATIONS, Clock, Consultations } from '../ports';

/** The consultation a referred complaint becomes: one per complaint, whatever delivers it. */
export function referredConsultationId(complaintId: string): string {
  return eventIdFor(`complaint-${complaintId}`, 'consultation', 0);
}

/**
 * The complaint service declined a complaint as not a complaint and handed it back: registered
 * as a consultation for the desk. Run by the complaint consumer inside its read-model
 * transaction, so it does not wait for the read models.
 */
export class RegisterReferredConsultation extends Command<{ consultationId: string; registered: boolean }> {
  constructor(
    readonly input: {
      readonly referral: ComplaintReferral;
      readonly customerId: string | null;
      readonly words: ReferredWords | null;
    },
    readonly caller: Pick<Caller, 'context'>,
  ) {
    super();
  }
}

@CommandHandler(RegisterReferredConsultation)
export class RegisterReferredConsultationHandler implements ICommandHandler<RegisterReferredConsultation> {
  constructor(
    @Inject(CONSULTATIONS) private readonly consultations: Consultations,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly promises: ResponsePromises,
  ) {}

  async execute({ input, caller }: RegisterReferredConsultation) {
    const now = this.clock.now();
    const consultationId = referredConsultationId(input.referral.complaintId);
    const channel = consultationChannelOf(input.referral.complaintChannel);
    const handled = await this.consultations.handle(consultationId, caller.context, (state) =>
      registerReferredConsultation(state, {
        consultationId,
        referral: input.referral,
        customerId: input.customerId,
        words: input.words,
        receivedAt: now,
        responseDueAt: this.promises.dueAt(channel, now),
      }),
    );
    return { consultationId, registered: handled.events.length > 0 };
  }
}
