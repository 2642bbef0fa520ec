import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AppendResult,
  CommandContext,
  DomainRuleViolation,
  NotFoundRefusal,
  WrongExpectedRevisionError,
} from '@claims/event-sourcing';
import { Caller, Principal } from '@claims/service-host';
import { WorkingCalendar } from '@claims/working-calendar';
import { ClaimReport, acceptClaimReport, reportClaim } from '../../domain/claim-application/report-claim';
import { assignClaimNumber, claimNumberOf } from '../../domain/claim-numbers/assign-claim-number';
import { ConsultationEvent } from '../../domain/consultation/consultation.events';
import { turnConsultationIntoClaim } from '../../domain/consultation/turn-consultation-into-claim';
import { CaseAt, RegisteredConsultationState, newCaseId, readConsultationFor } from '../case-access';
import {
  CLAIM_APPLICATIONS,
  CLAIM_NUMBERS,
  CLOCK,
  CONSULTATIONS,
  ClaimApplications,
  ClaimNumberSequences,
  Clock,
  Consultations,
  INTAKE_READ_MODELS,
  POLICIES,
  Policies,
  ReadModelProgress,
} from '../ports';

/** Reports a claim with the standard template (optionally from a consultation). */
export class ReportClaim extends Command<{ claimId: string }> {
  constructor(
    readonly input: ClaimReport,
    readonly caller: Caller,
  ) {
    super();
  }
}

const NUMBER_ATTEMPTS = 20;

/**
 * The report is accepted against the policy first (a refused report uses no number and stores
 * nothing), then it gets the year's next claim number and is recorded; a consultation it came
 * from is marked as turned into this claim. It answers once the read models show both.
 */
@CommandHandler(ReportClaim)
export class ReportClaimHandler implements ICommandHandler<ReportClaim> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    @Inject(POLICIES) private readonly policies: Policies,
    @Inject(CONSULTATIONS) private readonly consultations: Consultations,
    @Inject(CLAIM_NUMBERS) private readonly numbers: ClaimNumberSequences,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_READ_MODELS) private readonly readModels: ReadModelProgress,
    private readonly calendar: WorkingCalendar,
  ) {}

  async execute({ input, caller }: ReportClaim): Promise<{ claimId: string }> {
    const { principal, context } = caller;
    const now = this.clock.now();
    const claimId = newCaseId(context, 'claim');
    const consultation = input.consultationId
      ? await this.consultationFor(input.consultationId, principal)
      : null;
    const byCustomer = principal.role === 'customer';
    const accepted = acceptClaimReport(input, {
      policy: (await this.policies.read(input.policyNumber)).state,
      reportingCustomerId: byCustomer ? (principal.customerId ?? '') : undefined,
      agentId: byCustomer ? null : principal.userId,
      now,
      localDateOf: (instant) => this.calendar.localDate(instant),
    });
    const turned = consultation ? turnConsultationIntoClaim(consultation.state, { claimId, now }) : [];
    const claimNumber = await this.assignNumber(claimId, context, now);
    const reported = await this.claims.handle(claimId, context, (state) =>
      reportClaim(state, { claimId, claimNumber, report: accepted }),
    );
    const last = consultation ? await this.turnIntoClaim(consultation, turned, context) : null;
    await this.readModels.showing(last ?? reported.appended);
    return { claimId };
  }

  private async consultationFor(
    consultationId: string,
    principal: Principal,
  ): Promise<CaseAt<RegisteredConsultationState>> {
    try {
      return await readConsultationFor(this.consultations, consultationId, principal);
    } catch (error) {
      if (!(error instanceof NotFoundRefusal)) throw error;
      throw new DomainRuleViolation('consultation-unknown', `There is no consultation ${consultationId}`);
    }
  }

  private turnIntoClaim(
    consultation: CaseAt<RegisteredConsultationState>,
    events: readonly ConsultationEvent[],
    context: CommandContext,
  ): Promise<AppendResult | null> {
    return this.consultations.append(
      consultation.state.consultationId,
      events,
      consultation.revision,
      context,
    );
  }

  /** Optimistic concurrency on the year's sequence: the loser of a race reads again and takes the next number. */
  private async assignNumber(claimId: string, context: CommandContext, now: Date): Promise<string> {
    const year = this.calendar.localDate(now).slice(0, 4);
    // Not derived from the command: a retry after losing the race appends other events.
    const numbering = { ...context, causationId: null };
    for (let attempt = 1; ; attempt++) {
      try {
        const handled = await this.numbers.handle(year, numbering, (state) =>
          assignClaimNumber(state, { claimId, year, now }),
        );
        const claimNumber = claimNumberOf(handled.state, claimId);
        if (!claimNumber) throw new Error(`Claim ${claimId} got no number`);
        return claimNumber;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
  }
}
