import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequirePermission } from '@claims/service-host';
import { CaseHistory } from '../application/queries/case-history';
import { WorkQueues } from '../application/queries/work-queues';
import { AsOfQuery, CaseListQuery, TimeLimitQuery } from './review-case.requests';

/** Work queues, the case view, the time-limit board and the auditors' history. */
@ApiTags('claims-review')
@ApiBearerAuth()
@Controller('claims-review')
export class WorkQueueController {
  constructor(
    private readonly queues: WorkQueues,
    private readonly history: CaseHistory,
  ) {}

  @Get('cases') @RequirePermission('claim.read')
  list(@Query() query: CaseListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queues.list(principal, query);
  }

  @Get('work-queue') @RequirePermission('claim.read')
  mine(@CurrentPrincipal() principal: Principal) {
    return this.queues.mine(principal);
  }

  @Get('time-limits') @RequirePermission('claim.read')
  timeLimits(@Query() query: TimeLimitQuery, @CurrentPrincipal() principal: Principal) {
    if (principal.role === 'customer') return [];
    return this.queues.timeLimits(query.standing);
  }

  @Get('cases/:claimId') @RequirePermission('claim.read')
  view(@Param('claimId', new ParseUUIDPipe()) claimId: string, @CurrentPrincipal() principal: Principal) {
    return this.queues.caseView(principal, claimId);
  }

  @Get('cases/:claimId/history') @RequirePermission('history.read')
  caseHistory(@Param('claimId', new ParseUUIDPipe()) claimId: string) {
    return this.history.history(claimId);
  }

  @Get('cases/:claimId/as-of') @RequirePermission('history.read')
  asOf(@Param('claimId', new ParseUUIDPipe()) claimId: string, @Query() query: AsOfQuery) {
    if (query.at === undefined && query.revision === undefined) throw new BadRequestException('Give `at` (ISO instant) or `revision`');
    return this.history.asOf(claimId, { at: query.at ? new Date(query.at) : undefined, revision: query.revision });
  }
}
