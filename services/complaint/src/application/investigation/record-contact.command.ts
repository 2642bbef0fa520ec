import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { ContactOutcome, ContactParty } from '../../domain/complaint/complaint.events';
import { recordContact } from '../../domain/complaint/investigation';
import { idFromCommand } from '../command-ids';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

export interface ContactInput {
  readonly complaintId: string;
  readonly party: ContactParty;
  readonly channel: string;
  readonly contactedAt: Date;
  readonly outcome: ContactOutcome;
  readonly note: string;
}

/** The handler records a contact with the complainant, their agent, claims staff or a third party. */
export class RecordContact extends Command<ComplaintChanged> {
  constructor(
    readonly input: ContactInput,
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(RecordContact)
export class RecordContactHandler implements ICommandHandler<RecordContact> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: RecordContact) {
    const { actor } = caller.context;
    const contactId = idFromCommand(caller.context, 'contact');
    const { complaintId: _id, ...contact } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      recordContact(state, { ...contact, contactId, actor, now }),
    );
  }
}
