import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError, AggregateRepository } from '@claims/event-sourcing';
import { Principal, mayAccessCaseOf } from '@claims/service-host';
import { ClaimApplication } from '../../domain/claim/claim-application';
import { DocumentChecklists } from '../../domain/claim/document-checklist';
import { Consultation } from '../../domain/consultation/consultation';
import { Policy } from '../../domain/policy/policy';
import { CLAIMS, CONSULTATIONS, POLICIES } from '../../infrastructure/repositories/intake-repositories';
import { loadCaseFor } from '../case-access';

/** One consultation, replayed from its history (personal fields revealed from the events). */
export class GetConsultation {
  constructor(readonly consultationId: string, readonly principal: Principal) {}
}

/** One claim application with its current checklist, replayed from its history. */
export class GetClaimApplication {
  constructor(readonly claimId: string, readonly principal: Principal) {}
}

export class GetPolicy {
  constructor(readonly policyNumber: string, readonly principal: Principal) {}
}

@QueryHandler(GetConsultation)
export class GetConsultationHandler implements IQueryHandler<GetConsultation> {
  constructor(@Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>) {}

  async execute({ consultationId, principal }: GetConsultation) {
    return (await loadCaseFor(this.consultations, consultationId, principal)).view();
  }
}

@QueryHandler(GetClaimApplication)
export class GetClaimApplicationHandler implements IQueryHandler<GetClaimApplication> {
  constructor(
    @Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({ claimId, principal }: GetClaimApplication) {
    return (await loadCaseFor(this.claims, claimId, principal)).view(this.checklists);
  }
}

@QueryHandler(GetPolicy)
export class GetPolicyHandler implements IQueryHandler<GetPolicy> {
  constructor(@Inject(POLICIES) private readonly policies: AggregateRepository<Policy>) {}

  async execute({ policyNumber, principal }: GetPolicy) {
    const policy = await this.policies.find(policyNumber);
    if (!policy?.exists || !mayAccessCaseOf(principal, policy.holderCustomerId)) throw new AggregateNotFoundError(this.policies.streamId(policyNumber));
    return { ...policy.snapshot, version: policy.version, holder: policy.holder, insuredPersons: policy.insuredPersons };
  }
}

export const caseQueryHandlers = [GetConsultationHandler, GetClaimApplicationHandler, GetPolicyHandler];
