import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { answerConsultation } from '../../domain/consultation/answer-consultation';
import { ConsultationEvent } from '../../domain/consultation/consultation.events';
import { Consultation } from '../../domain/consultation/consultation.state';
import { HandoverTarget, handOverConsultation } from '../../domain/consultation/hand-over-consultation';
import { takeConsultation } from '../../domain/consultation/take-consultation';
import { readConsultationFor } from '../case-access';
import { CLOCK, CONSULTATIONS, Clock, Consultations, INTAKE_READ_MODELS, ReadModelProgress } from '../ports';

type Answer = { consultationId: string };

/** An agent takes an unowned consultation and owns it from then on (首问负责制). */
export class TakeConsultation extends Command<Answer> {
  constructor(
    readonly input: { readonly consultationId: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

/** The owner hands the consultation over to another agent or a team, with a reason (recorded). */
export class HandOverConsultation extends Command<Answer> {
  constructor(
    readonly input: { readonly consultationId: string; readonly reason: string } & HandoverTarget,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** The owner records the answer given to the customer. */
export class AnswerConsultation extends Command<Answer> {
  constructor(
    readonly input: { readonly consultationId: string; readonly answer: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

/**
 * What every step of an open consultation does: read the caller's consultation, decide, append
 * at the revision read, wait until the work queue shows it.
 */
abstract class ConsultationStepHandler {
  constructor(
    @Inject(CONSULTATIONS) private readonly consultations: Consultations,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_READ_MODELS) private readonly readModels: ReadModelProgress,
  ) {}

  protected async decide(
    consultationId: string,
    caller: Caller,
    decide: (state: Consultation, now: Date) => ConsultationEvent[],
  ): Promise<Answer> {
    const { state, revision } = await readConsultationFor(
      this.consultations,
      consultationId,
      caller.principal,
    );
    const events = decide(state, this.clock.now());
    await this.readModels.showing(
      await this.consultations.append(consultationId, events, revision, caller.context),
    );
    return { consultationId };
  }
}

@CommandHandler(TakeConsultation)
export class TakeConsultationHandler
  extends ConsultationStepHandler
  implements ICommandHandler<TakeConsultation>
{
  execute({ input, caller }: TakeConsultation): Promise<Answer> {
    return this.decide(input.consultationId, caller, (state, now) =>
      takeConsultation(state, { agentId: caller.principal.userId, now }),
    );
  }
}

@CommandHandler(HandOverConsultation)
export class HandOverConsultationHandler
  extends ConsultationStepHandler
  implements ICommandHandler<HandOverConsultation>
{
  execute({ input, caller }: HandOverConsultation): Promise<Answer> {
    const target = { toAgentId: input.toAgentId, toTeam: input.toTeam };
    return this.decide(input.consultationId, caller, (state, now) =>
      handOverConsultation(state, { byAgentId: caller.principal.userId, target, reason: input.reason, now }),
    );
  }
}

@CommandHandler(AnswerConsultation)
export class AnswerConsultationHandler
  extends ConsultationStepHandler
  implements ICommandHandler<AnswerConsultation>
{
  execute({ input, caller }: AnswerConsultation): Promise<Answer> {
    return this.decide(input.consultationId, caller, (state, now) =>
      answerConsultation(state, { byAgentId: caller.principal.userId, answer: input.answer, now }),
    );
  }
}
