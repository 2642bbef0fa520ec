import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InvalidInputRefusal, NotFoundRefusal } from '@claims/event-sourcing';
import { Principal, mayAccessCaseOf } from '@claims/service-host';
import { ClaimStatusEntry, ClaimStatusFilter, INTAKE_VIEWS, IntakeViews, Page, PageRequest } from '../ports';
import { ClaimStatusForCaller, customerClaimStatus, staffClaimStatus } from './claim-status.view';

/**
 * Claim statuses, newest report first, a page at a time: a customer's own (as customer views,
 * by stage at most), or any (staff) filtered by customer, application status or stage.
 */
export class ListClaimStatuses extends Query<Page<ClaimStatusForCaller>> {
  constructor(
    readonly filter: ClaimStatusFilter,
    readonly page: PageRequest,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Where one claim stands: the staff status view, or the customer's view of their own claim. */
export class GetClaimStatus extends Query<ClaimStatusForCaller> {
  constructor(
    readonly claimId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Staff see the whole status; a customer their view of it. */
export function statusViewFor(principal: Principal, entry: ClaimStatusEntry): ClaimStatusForCaller {
  return principal.role === 'customer' ? customerClaimStatus(entry) : staffClaimStatus(entry);
}

@QueryHandler(ListClaimStatuses)
export class ListClaimStatusesHandler implements IQueryHandler<ListClaimStatuses> {
  constructor(@Inject(INTAKE_VIEWS) private readonly views: IntakeViews) {}

  async execute({ filter, page, principal }: ListClaimStatuses): Promise<Page<ClaimStatusForCaller>> {
    const { customerId, status, stage } = filter;
    if (principal.role === 'customer') {
      // the other filters name customers and internal statuses: a customer lists their own by stage
      const staffFilters = Object.entries({ customerId, status }).filter(([, value]) => value !== undefined);
      if (staffFilters.length) {
        throw new InvalidInputRefusal(
          'A customer lists their own claims, by stage at most',
          staffFilters.map(([path]) => ({ path, message: `${path} is a staff filter` })),
        );
      }
    }
    const own = principal.role === 'customer' ? { customerId: principal.customerId ?? '', stage } : filter;
    const found = await this.views.claimStatuses(own, page);
    return {
      items: found.items.map((entry) => statusViewFor(principal, entry)),
      nextCursor: found.nextCursor,
    };
  }
}

@QueryHandler(GetClaimStatus)
export class GetClaimStatusHandler implements IQueryHandler<GetClaimStatus> {
  constructor(@Inject(INTAKE_VIEWS) private readonly views: IntakeViews) {}

  async execute({ claimId, principal }: GetClaimStatus): Promise<ClaimStatusForCaller> {
    const found = await this.views.claimStatus(claimId);
    if (!found || !mayAccessCaseOf(principal, found.customerId))
      throw new NotFoundRefusal(`There is no claim ${claimId}`);
    return statusViewFor(principal, found);
  }
}
