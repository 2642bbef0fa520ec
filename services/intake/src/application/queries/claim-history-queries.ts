import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError, EventStore, PersonalDataVault, RevealedEnvelope, revealPersonalData } from '@claims/event-sourcing';
import { EVENT_STORE, PERSONAL_DATA_VAULT } from '@claims/service-host';
import { ClaimApplication } from '../../domain/claim/claim-application';
import { DocumentChecklists } from '../../domain/claim/document-checklist';
import { STREAM_PREFIXES } from '../../infrastructure/repositories/intake-repositories';

/** Every stored event of a claim application, for auditors. */
export class GetClaimHistory {
  constructor(readonly claimId: string) {}
}

/** The application as it stood at an instant: its history replayed up to what had happened by then (domain time, occurredAt). */
export class GetClaimStateAsOf {
  constructor(readonly claimId: string, readonly asOf: Date) {}
}

abstract class ClaimHistoryReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  protected async history(claimId: string): Promise<RevealedEnvelope[]> {
    const streamId = `${STREAM_PREFIXES.claim}-${claimId}`;
    const stored = await this.store.readStream(streamId);
    if (stored.length === 0) throw new AggregateNotFoundError(streamId);
    const revealed: RevealedEnvelope[] = [];
    for (const event of stored) revealed.push(await revealPersonalData(event, this.vault));
    return revealed;
  }
}

@QueryHandler(GetClaimHistory)
export class GetClaimHistoryHandler extends ClaimHistoryReader implements IQueryHandler<GetClaimHistory> {
  async execute({ claimId }: GetClaimHistory) {
    return (await this.history(claimId)).map((event) => ({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamRevision: event.streamRevision,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId,
      data: event.data,
      personalData: event.personalData?.fields ?? null,
    }));
  }
}

@QueryHandler(GetClaimStateAsOf)
export class GetClaimStateAsOfHandler extends ClaimHistoryReader implements IQueryHandler<GetClaimStateAsOf> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) vault: PersonalDataVault,
    private readonly checklists: DocumentChecklists,
  ) {
    super(store, vault);
  }

  async execute({ claimId, asOf }: GetClaimStateAsOf) {
    const known = (await this.history(claimId)).filter((event) => Date.parse(event.occurredAt) <= asOf.getTime());
    if (known.length === 0) throw new AggregateNotFoundError(`${STREAM_PREFIXES.claim}-${claimId}`);
    const claim = new ClaimApplication(claimId);
    claim.replay(known);
    return { asOf: asOf.toISOString(), ...claim.view(this.checklists) };
  }
}

export const claimHistoryQueryHandlers = [GetClaimHistoryHandler, GetClaimStateAsOfHandler];
