import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { decideMaliciousFlag, proposeMaliciousFlag } from '../../domain/complaint/malicious-flag';
import { ComplaintChanged, ComplaintDecisions } from '../complaint-decisions';

/** Staff propose flagging a complaint malicious or vexatious, with evidence. */
export class ProposeMaliciousFlag extends Command<ComplaintChanged> {
  constructor(
    readonly input: {
      readonly complaintId: string;
      readonly reason: string;
      readonly evidence: readonly string[];
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

/** A manager (not the proposer) approves or rejects the flag. */
export class DecideMaliciousFlag extends Command<ComplaintChanged> {
  constructor(
    readonly input: { readonly complaintId: string; readonly approve: boolean; readonly comment: string },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(ProposeMaliciousFlag)
export class ProposeMaliciousFlagHandler implements ICommandHandler<ProposeMaliciousFlag> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: ProposeMaliciousFlag) {
    const { actor } = caller.context;
    const { reason, evidence } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      proposeMaliciousFlag(state, { actor, now, reason, evidence }),
    );
  }
}

@CommandHandler(DecideMaliciousFlag)
export class DecideMaliciousFlagHandler implements ICommandHandler<DecideMaliciousFlag> {
  constructor(private readonly decisions: ComplaintDecisions) {}

  execute({ input, caller }: DecideMaliciousFlag) {
    const { actor } = caller.context;
    const { approve, comment } = input;
    return this.decisions.take(input.complaintId, caller.context, (state, now) =>
      decideMaliciousFlag(state, { actor, now, approve, comment }),
    );
  }
}
