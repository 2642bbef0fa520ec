import { Inject } from '@nestjs/common';
import { DomainRuleViolation } from '@claims/event-sourcing';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { quarterRange, reportJson } from '../../domain/quarterly-report';
import { CLOSED_QUARTERS, ClosedQuarters } from '../ports';
import { QuarterlyReports } from './quarterly-reports';

export interface ClosedQuarterAnswer {
  readonly quarter: string;
  readonly closedAt: string;
  readonly positions: Record<string, string>;
}

/** Freezes a quarter's report as it is now: later events never change it. Only once the quarter has ended. */
export class CloseQuarter extends Command<ClosedQuarterAnswer> {
  constructor(
    readonly quarter: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(CloseQuarter)
export class CloseQuarterHandler implements ICommandHandler<CloseQuarter> {
  constructor(
    private readonly reports: QuarterlyReports,
    @Inject(CLOSED_QUARTERS) private readonly closed: ClosedQuarters,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ quarter, caller }: CloseQuarter): Promise<ClosedQuarterAnswer> {
    const now = this.clock.now().toISOString();
    if (now < quarterRange(quarter).to)
      throw new DomainRuleViolation('quarter-not-ended', `${quarter} has not ended yet`);
    const report = await this.reports.compute(quarter);
    const kept = await this.closed.close({
      quarter,
      json: reportJson(report),
      closedAt: now,
      closedBy: caller.principal.userId,
    });
    if (!kept) throw new DomainRuleViolation('quarter-closed', `${quarter} is closed already`);
    return { quarter, closedAt: now, positions: report.basis.positions };
  }
}
