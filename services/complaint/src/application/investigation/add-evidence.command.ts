import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { Attachment, EvidenceSource } from '../../domain/complaint/complaint.events';
import { addEvidence } from '../../domain/complaint/investigation';
import { idFromCommand } from '../command-ids';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** The handler adds evidence to the investigation. */
export class AddEvidence extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly source: EvidenceSource;
      readonly description: string;
      readonly attachment?: Attachment | null;
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(AddEvidence)
export class AddEvidenceHandler implements ICommandHandler<AddEvidence> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: AddEvidence) {
    const { actor } = caller.context;
    const evidenceId = idFromCommand(caller.context, 'evidence');
    const { source, description, attachment } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      addEvidence(state, { actor, now, evidenceId, source, description, attachment }),
    );
  }
}
