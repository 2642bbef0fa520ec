import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { QuarterlyReport, reportJson } from '../../domain/quarterly-report';
import { Positions } from '../../domain/received-event';
import { QuarterlyReports } from './quarterly-reports';

export interface QuarterlyReportAnswer {
  readonly report: QuarterlyReport;
  /** The report's bytes as JSON (the frozen ones of a closed quarter). */
  readonly json: string;
  readonly closed: boolean;
}

/** A quarter's report beside the previous quarter; with positions, recomputed from history at them. */
export class GetQuarterlyReport extends Query<QuarterlyReportAnswer> {
  constructor(
    readonly quarter: string,
    readonly positions?: Positions,
  ) {
    super();
  }
}

@QueryHandler(GetQuarterlyReport)
export class GetQuarterlyReportHandler implements IQueryHandler<GetQuarterlyReport> {
  constructor(private readonly reports: QuarterlyReports) {}

  async execute({ quarter, positions }: GetQuarterlyReport): Promise<QuarterlyReportAnswer> {
    if (positions) {
      const report = await this.reports.compute(quarter, positions);
      return { report, json: reportJson(report), closed: false };
    }
    const { json, closed } = await this.reports.current(quarter);
    return { report: JSON.parse(json) as QuarterlyReport, json, closed };
  }
}
