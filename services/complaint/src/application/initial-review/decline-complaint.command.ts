import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { DeclineReason } from '../../domain/complaint/complaint.events';
import { declineComplaint } from '../../domain/complaint/initial-review';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';
import { COMPLAINT_QUEUE, ComplaintQueue } from '../ports';

/** The initial review declines the complaint with a coded reason. */
export class DeclineComplaint extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly reason: DeclineReason;
      readonly duplicateOf?: string | null;
      readonly explanation: string;
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(DeclineComplaint)
export class DeclineComplaintHandler implements ICommandHandler<DeclineComplaint> {
  constructor(
    private readonly decisions: ComplaintDecisions,
    @Inject(COMPLAINT_QUEUE) private readonly queue: ComplaintQueue,
  ) {}

  execute({ input, caller }: DeclineComplaint) {
    const { actor } = caller.context;
    const { reason, duplicateOf, explanation } = input;
    return this.decisions.take(input.complaintId, caller.context, async (state, now) => {
      // the complaint it duplicates, as the work queue shows it (the domain refuses one not open)
      const duplicateStatus =
        reason === 'duplicate' && duplicateOf ? await this.queue.statusOfNumber(duplicateOf) : undefined;
      return declineComplaint(state, { actor, now, reason, duplicateOf, explanation, duplicateStatus });
    });
  }
}
