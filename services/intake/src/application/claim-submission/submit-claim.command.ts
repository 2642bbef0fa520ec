import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { DocumentChecklists } from '../../domain/claim-application/document-checklist';
import { submitClaim } from '../../domain/claim-application/submit-claim';
import { readClaimFor } from '../case-access';
import {
  CLAIM_APPLICATIONS,
  CLOCK,
  ClaimApplications,
  Clock,
  INTAKE_READ_MODELS,
  ReadModelProgress,
} from '../ports';

/** Submits the complete application to claims review (ClaimSubmitted v1 goes out on the intake topic). */
export class SubmitClaim extends Command<{ claimId: string }> {
  constructor(
    readonly input: { readonly claimId: string; readonly expectedRevision?: number },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(SubmitClaim)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaim> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_READ_MODELS) private readonly readModels: ReadModelProgress,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({ input, caller }: SubmitClaim): Promise<{ claimId: string }> {
    const { state, revision } = await readClaimFor(this.claims, input, caller.principal);
    const events = submitClaim(state, { checklists: this.checklists, now: this.clock.now() });
    await this.readModels.showing(await this.claims.append(input.claimId, events, revision, caller.context));
    return { claimId: input.claimId };
  }
}
