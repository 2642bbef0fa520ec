import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@claims/service-host';
import { DocumentChecklists } from '../../domain/claim-application/document-checklist';
import { readClaimFor } from '../case-access';
import { CLAIM_APPLICATIONS, ClaimApplications } from '../ports';
import {
  ClaimApplicationView,
  CustomerClaimApplicationView,
  applicationViewFor,
} from './claim-application.view';

/**
 * One claim application with its current checklist, from its history (personal fields revealed):
 * the front desk's view for staff, the customer's own view for a customer.
 */
export class GetClaimApplication extends Query<ClaimApplicationView | CustomerClaimApplicationView> {
  constructor(
    readonly claimId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetClaimApplication)
export class GetClaimApplicationHandler implements IQueryHandler<GetClaimApplication> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({
    claimId,
    principal,
  }: GetClaimApplication): Promise<ClaimApplicationView | CustomerClaimApplicationView> {
    const { state, revision } = await readClaimFor(this.claims, { claimId }, principal);
    return applicationViewFor(principal, state, revision, this.checklists);
  }
}
