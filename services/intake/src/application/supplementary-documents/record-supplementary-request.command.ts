import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { Caller } from '@claims/service-host';
import {
  SupplementaryRequest,
  recordSupplementaryRequest,
} from '../../domain/claim-application/supplementary-documents';
import { CLAIM_APPLICATIONS, CLOCK, ClaimApplications, Clock } from '../ports';

/**
 * Claims review asked the customer for more documents (its SupplementaryDocumentsRequested). Run
 * by the consumer inside its read-model transaction, so it does not wait for the read models.
 */
export class RecordSupplementaryRequest extends Command<void> {
  constructor(
    readonly input: { readonly claimId: string; readonly request: SupplementaryRequest },
    readonly caller: Pick<Caller, 'context'>,
  ) {
    super();
  }
}

@CommandHandler(RecordSupplementaryRequest)
export class RecordSupplementaryRequestHandler implements ICommandHandler<RecordSupplementaryRequest> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller }: RecordSupplementaryRequest): Promise<void> {
    const { state, revision } = await this.claims.read(input.claimId);
    if (state.status === 'none') throw new NotFoundRefusal(`There is no claim ${input.claimId}`);
    const events = recordSupplementaryRequest(state, { request: input.request, now: this.clock.now() });
    await this.claims.append(input.claimId, events, revision, caller.context);
  }
}
