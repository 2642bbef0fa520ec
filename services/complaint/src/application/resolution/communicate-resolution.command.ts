import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { communicateResolution } from '../../domain/complaint/resolution';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The handler tells the customer the adopted plan (notification sends it), with the external remedies. */
export class CommunicateResolution extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly channel: string },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(CommunicateResolution)
export class CommunicateResolutionHandler implements ICommandHandler<CommunicateResolution> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: CommunicateResolution) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      communicateResolution(state, { actor, now, channel: input.channel }, terms),
    );
  }
}
