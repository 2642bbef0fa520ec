import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { FindOptionsWhere } from 'typeorm';
import { IntakeReadModels } from '../../infrastructure/projections/intake-read-models';
import { ClaimStatusView, WorkQueueItem } from '../../infrastructure/projections/read-model-entities';

/** The front desk's open work, oldest first, overdue response promises flagged. */
export class GetWorkQueue {
  constructor(readonly filter: { ownerId?: string; channel?: string; kind?: string }) {}
}

/** Claim statuses: a customer's own, or any (staff) filtered by customer or status. */
export class ListClaimStatuses {
  constructor(readonly principal: Principal, readonly filter: { customerId?: string; status?: string }) {}
}

export class GetClaimStatus {
  constructor(readonly claimId: string, readonly principal: Principal) {}
}

@QueryHandler(GetWorkQueue)
export class GetWorkQueueHandler implements IQueryHandler<GetWorkQueue> {
  constructor(private readonly readModels: IntakeReadModels, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ filter }: GetWorkQueue) {
    const where: FindOptionsWhere<WorkQueueItem> = {
      ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.kind ? { kind: filter.kind as WorkQueueItem['kind'] } : {}),
    };
    const items = await this.readModels.db.getRepository(WorkQueueItem).find({ where, order: { openedAt: 'ASC' }, take: 500 });
    const now = this.clock.now().getTime();
    return items.map((item) => ({
      ...item,
      ageMinutes: Math.floor((now - Date.parse(item.openedAt)) / 60_000),
      overdue: item.responseDueAt !== null && now > Date.parse(item.responseDueAt),
    }));
  }
}

@QueryHandler(ListClaimStatuses)
export class ListClaimStatusesHandler implements IQueryHandler<ListClaimStatuses> {
  constructor(private readonly readModels: IntakeReadModels) {}

  async execute({ principal, filter }: ListClaimStatuses) {
    const customerId = principal.role === 'customer' ? principal.customerId : filter.customerId;
    const where: FindOptionsWhere<ClaimStatusView> = { ...(customerId ? { customerId } : {}), ...(filter.status ? { status: filter.status } : {}) };
    return this.readModels.db.getRepository(ClaimStatusView).find({ where, order: { reportedAt: 'DESC' }, take: 500 });
  }
}

@QueryHandler(GetClaimStatus)
export class GetClaimStatusHandler implements IQueryHandler<GetClaimStatus> {
  constructor(private readonly readModels: IntakeReadModels) {}

  async execute({ claimId, principal }: GetClaimStatus) {
    const found = await this.readModels.db.getRepository(ClaimStatusView).findOneBy({ claimId });
    if (!found || (principal.role === 'customer' && found.customerId !== principal.customerId)) throw new AggregateNotFoundError(`claim-${claimId}`);
    return found;
  }
}

export const readModelQueryHandlers = [GetWorkQueueHandler, ListClaimStatusesHandler, GetClaimStatusHandler];
