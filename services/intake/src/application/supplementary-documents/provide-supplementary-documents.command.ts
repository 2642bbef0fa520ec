import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { provideSupplementaryDocuments } from '../../domain/claim-application/supplementary-documents';
import { readClaimFor } from '../case-access';
import {
  CLAIM_APPLICATIONS,
  CLOCK,
  ClaimApplications,
  Clock,
  INTAKE_READ_MODELS,
  ReadModelProgress,
} from '../ports';

/** Hands the documents claims review asked for back to it (SupplementaryDocumentsProvided v1). */
export class ProvideSupplementaryDocuments extends Command<{ claimId: string }> {
  constructor(
    readonly input: { readonly claimId: string; readonly expectedRevision?: number },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ProvideSupplementaryDocuments)
export class ProvideSupplementaryDocumentsHandler implements ICommandHandler<ProvideSupplementaryDocuments> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_READ_MODELS) private readonly readModels: ReadModelProgress,
  ) {}

  async execute({ input, caller }: ProvideSupplementaryDocuments): Promise<{ claimId: string }> {
    const { state, revision } = await readClaimFor(this.claims, input, caller.principal);
    const events = provideSupplementaryDocuments(state, { now: this.clock.now() });
    await this.readModels.showing(await this.claims.append(input.claimId, events, revision, caller.context));
    return { claimId: input.claimId };
  }
}
