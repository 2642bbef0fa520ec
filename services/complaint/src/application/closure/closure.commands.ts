import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { archiveComplaint, closeComplaint } from '../../domain/complaint/closure';
import { CorrectiveAction } from '../../domain/complaint/complaint.events';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** Closes a resolved complaint with its root cause and the corrective action and its owner. */
export class CloseComplaint extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly rootCause: string;
      readonly rootCauseDetail: string;
      readonly correctiveAction: CorrectiveAction;
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

/** Archives a complaint whose handling ended. */
export class ArchiveComplaint extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(CloseComplaint)
export class CloseComplaintHandler implements ICommandHandler<CloseComplaint> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: CloseComplaint) {
    const { actor } = caller.context;
    const { complaintId: _id, ...closure } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now, terms) =>
      closeComplaint(state, { ...closure, actor, now }, terms),
    );
  }
}

@CommandHandler(ArchiveComplaint)
export class ArchiveComplaintHandler implements ICommandHandler<ArchiveComplaint> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: ArchiveComplaint) {
    const { actor } = caller.context;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      archiveComplaint(state, { actor, now }),
    );
  }
}
