import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@claims/service-host';
import { readConsultationFor } from '../case-access';
import { CONSULTATIONS, Consultations } from '../ports';
import { ConsultationView, CustomerConsultationView, consultationViewFor } from './consultation.view';

/** One consultation, from its history (personal fields revealed): staff's view, or the customer's own. */
export class GetConsultation extends Query<ConsultationView | CustomerConsultationView> {
  constructor(
    readonly consultationId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetConsultation)
export class GetConsultationHandler implements IQueryHandler<GetConsultation> {
  constructor(@Inject(CONSULTATIONS) private readonly consultations: Consultations) {}

  async execute({
    consultationId,
    principal,
  }: GetConsultation): Promise<ConsultationView | CustomerConsultationView> {
    const { state } = await readConsultationFor(this.consultations, consultationId, principal);
    return consultationViewFor(principal, state);
  }
}
