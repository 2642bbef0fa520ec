import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { pauseForCustomer, resumeAfterCustomer } from '../../domain/complaint/investigation';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The handler waits on the customer (`begin`: the internal clocks pause) or the customer answered (`end`). */
export class WaitOnCustomer extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly phase: 'begin' | 'end' },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(WaitOnCustomer)
export class WaitOnCustomerHandler implements ICommandHandler<WaitOnCustomer> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: WaitOnCustomer) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      input.phase === 'begin'
        ? pauseForCustomer(state, { actor, now })
        : resumeAfterCustomer(state, { actor, now }, terms),
    );
  }
}
