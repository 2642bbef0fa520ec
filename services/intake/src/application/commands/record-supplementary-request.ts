import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext } from '@claims/event-sourcing';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ClaimApplication, SupplementaryRequest } from '../../domain/claim/claim-application';
import { CLAIMS } from '../../infrastructure/repositories/intake-repositories';

/**
 * Claims review asked the customer for more documents (from its SupplementaryDocumentsRequested).
 * It runs inside the consumer's read-model transaction, so it does not wait for the read models.
 */
export class RecordSupplementaryRequest {
  constructor(readonly claimId: string, readonly request: Omit<SupplementaryRequest, 'providedAt'>, readonly context: CommandContext) {}
}

@CommandHandler(RecordSupplementaryRequest)
export class RecordSupplementaryRequestHandler implements ICommandHandler<RecordSupplementaryRequest, void> {
  constructor(@Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ claimId, request, context }: RecordSupplementaryRequest): Promise<void> {
    const claim = await this.claims.load(claimId);
    claim.recordSupplementaryRequest(request, this.clock.now());
    await this.claims.save(claim, context);
  }
}
