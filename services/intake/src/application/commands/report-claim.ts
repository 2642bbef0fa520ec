import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext, DomainRuleViolation, WrongExpectedRevisionError } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { CLOCK, Clock, WorkingCalendar } from '@claims/working-calendar';
import { ClaimApplication, ClaimReport, ReportCircumstances } from '../../domain/claim/claim-application';
import { ClaimNumberSequence } from '../../domain/claim/claim-number-sequence';
import { Consultation } from '../../domain/consultation/consultation';
import { Policy } from '../../domain/policy/policy';
import { IntakeReadModels } from '../../infrastructure/projections/intake-read-models';
import { CLAIMS, CLAIM_NUMBERS, CONSULTATIONS, POLICIES } from '../../infrastructure/repositories/intake-repositories';
import { loadCaseFor, newCaseId } from '../case-access';

export class ReportClaim {
  constructor(readonly report: ClaimReport, readonly principal: Principal, readonly context: CommandContext) {}
}

export interface ClaimReported {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly status: string;
}

const NUMBER_ATTEMPTS = 20;

/**
 * Reports a claim: the report is checked against the policy first (so a refused report uses no
 * number), then it gets the next claim number of the year and is stored; a consultation it came
 * from is marked as turned into this claim. It answers once the read models show both.
 */
@CommandHandler(ReportClaim)
export class ReportClaimHandler implements ICommandHandler<ReportClaim, ClaimReported> {
  constructor(
    @Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>,
    @Inject(POLICIES) private readonly policies: AggregateRepository<Policy>,
    @Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>,
    @Inject(CLAIM_NUMBERS) private readonly numbers: AggregateRepository<ClaimNumberSequence>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly readModels: IntakeReadModels,
  ) {}

  async execute({ report, principal, context }: ReportClaim): Promise<ClaimReported> {
    const claimId = newCaseId(context, 'claim');
    const consultation = report.consultationId ? await this.consultationFor(report.consultationId, principal) : null;
    const circumstances = await this.circumstances(report, principal);
    new ClaimApplication(claimId).report(report, { ...circumstances, claimNumber: 'CLM-0000-000000' });
    const claimNumber = await this.assignNumber(claimId, context, circumstances.now);
    const claim = new ClaimApplication(claimId);
    claim.report(report, { ...circumstances, claimNumber });
    let saved = await this.claims.save(claim, context);
    if (consultation) {
      consultation.turnIntoClaim(claimId, circumstances.now);
      saved = (await this.consultations.save(consultation, context)) ?? saved;
    }
    await this.readModels.showing(saved);
    return { claimId, claimNumber, status: claim.status };
  }

  private async circumstances(report: ClaimReport, principal: Principal): Promise<Omit<ReportCircumstances, 'claimNumber'>> {
    return {
      policy: await this.policies.find(report.policyNumber),
      reportingCustomerId: principal.role === 'customer' ? principal.customerId ?? '' : undefined,
      agentId: principal.role === 'customer' ? null : principal.userId,
      now: this.clock.now(),
      localDateOf: (instant) => this.calendar.localDate(instant),
    };
  }

  private async consultationFor(consultationId: string, principal: Principal): Promise<Consultation> {
    const consultation = await loadCaseFor(this.consultations, consultationId, principal).catch(() => null);
    if (!consultation) throw new DomainRuleViolation('consultation-unknown', `There is no consultation ${consultationId}`);
    return consultation;
  }

  /** Optimistic concurrency on the year's sequence: the loser of a race reloads and takes the next number. */
  private async assignNumber(claimId: string, context: CommandContext, now: Date): Promise<string> {
    const year = this.calendar.localDate(now).slice(0, 4);
    for (let attempt = 1; ; attempt++) {
      const sequence = (await this.numbers.find(year)) ?? new ClaimNumberSequence(year);
      const claimNumber = sequence.assign(claimId);
      try {
        await this.numbers.save(sequence, { ...context, causationId: null });
        return claimNumber;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
  }
}
