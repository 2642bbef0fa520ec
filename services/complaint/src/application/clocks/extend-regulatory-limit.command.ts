import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { extendRegulatoryLimit } from '../../domain/complaint/clocks';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** Extends the regulatory limit (30 days with a reason; a further 30 with a manager), the customer told. */
export class ExtendRegulatoryLimit extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly reason: string;
      readonly customerToldVia: string;
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(ExtendRegulatoryLimit)
export class ExtendRegulatoryLimitHandler implements ICommandHandler<ExtendRegulatoryLimit> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: ExtendRegulatoryLimit) {
    const { actor } = caller.context;
    const { reason, customerToldVia } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      extendRegulatoryLimit(state, { actor, now, reason, customerToldVia }, terms),
    );
  }
}
