import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { ComplaintRules } from '../../domain/complaint-rules';
import { COMPLAINTS, COMPLAINT_RULES, ComplaintHistories, RELATED_CLAIMS, RelatedClaims } from '../ports';
import { ComplaintView, CustomerComplaintView, complaintView, customerComplaintView } from './complaint.view';

/**
 * A complaint, folded from its history: staff see the whole of it with what is known of the
 * related claims; a customer sees only their own, in the customer's view (another's is a 404).
 */
export class GetComplaint extends Query<ComplaintView | CustomerComplaintView> {
  constructor(
    readonly complaintId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetComplaint)
export class GetComplaintHandler implements IQueryHandler<GetComplaint> {
  constructor(
    @Inject(COMPLAINTS) private readonly complaints: ComplaintHistories,
    @Inject(RELATED_CLAIMS) private readonly claims: RelatedClaims,
    @Inject(COMPLAINT_RULES) private readonly rules: ComplaintRules,
  ) {}

  async execute({ complaintId, principal }: GetComplaint): Promise<ComplaintView | CustomerComplaintView> {
    const { state } = await this.complaints.read(complaintId);
    const notFound = new NotFoundRefusal(`There is no complaint ${complaintId}`);
    if (state.status === 'none') throw notFound;
    if (principal.role === 'customer') {
      if (!principal.customerId || state.customerId !== principal.customerId) throw notFound;
      return customerComplaintView(state, this.rules.externalRemedies);
    }
    const relatedClaims = await this.claims.ofClaimNumbers(state.relatedClaimNumbers);
    return complaintView(state, { relatedClaims, withComplainant: true });
  }
}
