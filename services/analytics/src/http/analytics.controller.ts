import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, RequirePermission, pageRequestOf } from '@claims/service-host';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { ExportArchive } from '../application/archive/export-archive.query';
import { SearchArchive } from '../application/archive/search-archive.query';
import { CaseTimeline, GetCaseTimeline } from '../application/audit/get-timeline.query';
import { ArchiveFilter } from '../application/ports';
import { CloseQuarter } from '../application/reports/close-quarter.command';
import { GetQuarterlyReport, QuarterlyReportAnswer } from '../application/reports/get-quarterly-report.query';
import { isQuarter, reportCsv } from '../domain/quarterly-report';
import { Positions } from '../domain/received-event';
import { reportPage } from '../domain/report-page';
import { timelinePage } from '../domain/timeline';
import { ArchiveFilterQuery, ArchiveListQuery, ReportQuery } from './analytics.requests';

const quarterParam = () => ApiParam({ name: 'quarter', example: '2026-Q1' });

function quarterOf(value: string): string {
  if (!isQuarter(value)) throw new BadRequestException('quarter must be like 2026-Q1');
  return value;
}

function positionsOf(text: string | undefined): Positions | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed as Record<string, unknown>);
      if (entries.every(([k, v]) => k.length <= 120 && typeof v === 'string' && /^\d{1,19}$/.test(v)))
        return Object.fromEntries(entries) as Positions;
    }
  } catch {
    // refused below
  }
  throw new BadRequestException('positions must be the basis.positions of a report, as base64url JSON');
}

function filterOf(query: ArchiveFilterQuery): ArchiveFilter {
  const keys = [
    'kind',
    'number',
    'policyNumber',
    'from',
    'to',
    'status',
    'outcome',
    'category',
    'channel',
    'productLine',
  ] as const;
  return Object.fromEntries(
    keys.filter((k) => query[k] !== undefined).map((k) => [k, query[k]]),
  ) as ArchiveFilter;
}

/**
 * Analysts and auditors: the archive of claims and complaints (customers masked), the quarterly
 * reports (JSON, CSV, a printable page), closing a quarter, and a case's cross-service timeline.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('archive')
  @ApiOperation({
    summary: 'Archived claims and complaints by filter, oldest received first; customers masked',
  })
  @RequirePermission('archive.read')
  archive(@Query() query: ArchiveListQuery) {
    return this.queries.execute(new SearchArchive(filterOf(query), pageRequestOf(query)));
  }

  @Get('archive/export')
  @ApiOperation({ summary: 'The archive as CSV, streamed (same filters as the list, no paging)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one case a line' })
  @RequirePermission('archive.read')
  async exportArchive(@Query() query: ArchiveFilterQuery): Promise<StreamableFile> {
    const lines = await this.queries.execute(new ExportArchive(filterOf(query)));
    return new StreamableFile(Readable.from(lines), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="archive.csv"',
    });
  }

  @Get('reports/:quarter')
  @quarterParam()
  @ApiOperation({
    summary: "A quarter's report beside the previous quarter's (frozen once the quarter is closed)",
  })
  @RequirePermission('report.read')
  async report(@Param('quarter') quarter: string, @Query() query: ReportQuery, @Res() response: Response) {
    const answer = await this.reportOf(quarter, query);
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('x-report-closed', String(answer.closed));
    response.send(answer.json);
  }

  @Get('reports/:quarter/csv')
  @quarterParam()
  @ApiOperation({
    summary: "A quarter's report as CSV: section, figure, key, the quarter, the previous quarter",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV' })
  @Header('content-type', 'text/csv; charset=utf-8')
  @RequirePermission('report.read')
  async reportAsCsv(@Param('quarter') quarter: string, @Query() query: ReportQuery): Promise<string> {
    return reportCsv((await this.reportOf(quarter, query)).report);
  }

  @Get('reports/:quarter/page')
  @quarterParam()
  @ApiOperation({ summary: "A quarter's report as a printable HTML page with SVG charts" })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML' })
  @Header('content-type', 'text/html; charset=utf-8')
  @RequirePermission('report.read')
  async reportAsPage(@Param('quarter') quarter: string, @Query() query: ReportQuery): Promise<string> {
    return reportPage((await this.reportOf(quarter, query)).report);
  }

  @Post('reports/:quarter/close')
  @quarterParam()
  @ApiOperation({ summary: 'Close an ended quarter: its report is frozen as it is now' })
  @RequirePermission('report.close')
  close(@Param('quarter') quarter: string, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new CloseQuarter(quarterOf(quarter), caller));
  }

  @Get('timelines/:number')
  @ApiParam({ name: 'number', example: 'CLM-2026-000123' })
  @ApiOperation({
    summary: 'Auditors: every event of a claim or complaint (and related cases), in causal order',
  })
  @RequirePermission('timeline.read')
  timeline(@Param('number') number: string): Promise<CaseTimeline> {
    return this.queries.execute(new GetCaseTimeline(numberOf(number)));
  }

  @Get('timelines/:number/page')
  @ApiParam({ name: 'number', example: 'CLM-2026-000123' })
  @ApiOperation({ summary: 'Auditors: the timeline as a readable page' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML' })
  @Header('content-type', 'text/html; charset=utf-8')
  @RequirePermission('timeline.read')
  async timelinePage(@Param('number') number: string): Promise<string> {
    const timeline = await this.queries.execute(new GetCaseTimeline(numberOf(number)));
    return timelinePage(timeline.number, timeline.events);
  }

  private reportOf(quarter: string, query: ReportQuery): Promise<QuarterlyReportAnswer> {
    return this.queries.execute(new GetQuarterlyReport(quarterOf(quarter), positionsOf(query.positions)));
  }
}

function numberOf(value: string): string {
  if (!/^[A-Z]{3}-[0-9]{4}-[0-9]{6}$/.test(value))
    throw new BadRequestException('number must be like CLM-2026-000123 or CMP-2026-000045');
  return value;
}
