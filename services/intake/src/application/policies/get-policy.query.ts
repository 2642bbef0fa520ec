import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { Principal, mayAccessCaseOf } from '@claims/service-host';
import { POLICIES, Policies } from '../ports';
import { PolicyView, policyView } from './policy.view';

/** The current policy snapshot; to a customer only their own policies exist. */
export class GetPolicy extends Query<PolicyView> {
  constructor(
    readonly policyNumber: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetPolicy)
export class GetPolicyHandler implements IQueryHandler<GetPolicy> {
  constructor(@Inject(POLICIES) private readonly policies: Policies) {}

  async execute({ policyNumber, principal }: GetPolicy): Promise<PolicyView> {
    const { state } = await this.policies.read(policyNumber);
    if (state.status !== 'imported' || !mayAccessCaseOf(principal, state.holder.customerId)) {
      throw new NotFoundRefusal(`There is no policy ${policyNumber}`);
    }
    return policyView(state);
  }
}
