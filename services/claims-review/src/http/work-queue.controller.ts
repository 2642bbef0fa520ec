import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  Caller,
  CurrentCaller,
  HistoryStateQuery,
  PageQuery,
  RequirePermission,
  pageRequestOf,
} from '@claims/service-host';
import { GetCaseHistoryState } from '../application/audit/get-case-history-state.query';
import { GetCaseHistory } from '../application/audit/get-case-history.query';
import { GetReviewCase } from '../application/case-view/get-review-case.query';
import { GetTimeLimitBoard } from '../application/time-limits/get-time-limit-board.query';
import { GetWorkQueue } from '../application/work-queues/get-work-queue.query';
import { ListCases } from '../application/work-queues/list-cases.query';
import { CaseListQuery, TimeLimitQuery } from './list.queries';
import {
  ReviewAuditedEventResponse,
  ReviewCaseHistoryStateResponse,
  ReviewCaseSummaryPage,
  ReviewCaseViewResponse,
  ReviewCustomerCasePage,
  ReviewCustomerCaseResponse,
  ReviewTimeLimitPage,
} from './review-case.responses';

const claimIdParam = () => Param('claimId', new ParseUUIDPipe());
const CLAIM_ID = {
  name: 'claimId',
  format: 'uuid',
  description: 'The claim’s id (the same in every service)',
};

/** Staff get one shape, a customer another: both documented, told apart by the caller's role. */
const byRole = (staff: new () => object, customer: new () => object, what: string) => ({
  description: `${what}: staff receive \`${staff.name}\`, a customer \`${customer.name}\` (their own cases)`,
  schema: { anyOf: [{ $ref: getSchemaPath(staff) }, { $ref: getSchemaPath(customer) }] },
});

/** Work queues, the case view, the time-limit board and the auditors' history. */
@ApiTags('claims-review')
@ApiBearerAuth()
@ApiExtraModels(
  ReviewCaseViewResponse,
  ReviewCustomerCaseResponse,
  ReviewCaseSummaryPage,
  ReviewCustomerCasePage,
)
@Controller('claims-review')
export class WorkQueueController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cases')
  @ApiOperation({
    summary: 'List review cases, soonest due first, a page at a time',
    description:
      'Staff may filter by status, assignee and due time. A customer lists their own cases, as customer ' +
      'views, without filters (a staff filter answers 400).',
  })
  @ApiOkResponse(byRole(ReviewCaseSummaryPage, ReviewCustomerCasePage, 'A page of cases'))
  @RequirePermission('claim.read')
  list(@Query() query: CaseListQuery, @CurrentCaller() caller: Caller) {
    const { status, assignee, dueBefore } = query;
    const filter = { status, assignee, dueBefore: dueBefore && new Date(dueBefore).toISOString() };
    return this.queries.execute(new ListCases(filter, pageRequestOf(query), caller.principal));
  }

  @Get('work-queue')
  @ApiOperation({
    summary: 'The caller’s own queue: what waits for them, by role, a page at a time',
    description:
      'Acceptors: cases awaiting acceptance; handlers: their open cases; investigators: their ' +
      'investigations; approvers and managers: decisions waiting for their level that they neither ' +
      'handle nor proposed; a customer: their cases that wait for documents from them.',
  })
  @ApiOkResponse(byRole(ReviewCaseSummaryPage, ReviewCustomerCasePage, 'A page of the queue'))
  @RequirePermission('claim.read')
  mine(@Query() query: PageQuery, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetWorkQueue(caller.principal, pageRequestOf(query)));
  }

  @Get('time-limits')
  @ApiOperation({
    summary: 'Cases whose running step is at risk or overdue now, soonest due first, a page at a time',
    description: 'Empty for customers: time limits are the insurer’s own work.',
  })
  @ApiOkResponse({ type: ReviewTimeLimitPage })
  @RequirePermission('claim.read')
  timeLimits(@Query() query: TimeLimitQuery, @CurrentCaller() caller: Caller) {
    return this.queries.execute(
      new GetTimeLimitBoard(query.standing, pageRequestOf(query), caller.principal),
    );
  }

  @Get('cases/:claimId')
  @ApiOperation({
    summary: 'One review case: the staff case view, or a customer’s view of their own case',
    description:
      'Staff: status, step and due time, documents with findings, assessment, payout working, ' +
      'proposal, decision, payment. A customer: progress in plain words, the documents asked of them, ' +
      'the decision with reasons and policy basis, and the payment; another customer’s case is 404.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse(byRole(ReviewCaseViewResponse, ReviewCustomerCaseResponse, 'The case'))
  @RequirePermission('claim.read')
  view(@claimIdParam() claimId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetReviewCase(claimId, caller.principal));
  }

  @Get('cases/:claimId/history')
  @ApiOperation({
    summary: 'Auditors: every event of the case, who caused it and when',
    description: 'Personal fields are named, never shown.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse({ type: [ReviewAuditedEventResponse] })
  @RequirePermission('history.read')
  history(@claimIdParam() claimId: string) {
    return this.queries.execute(new GetCaseHistory(claimId));
  }

  @Get('cases/:claimId/history/state')
  @ApiOperation({
    summary: 'Auditors: the case view as it stood after the events up to a cut',
    description:
      '`at` (an instant on the domain clock) and/or `revision` (a stream revision); neither is 400, ' +
      'a cut before the case opened 404.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse({ type: ReviewCaseHistoryStateResponse })
  @RequirePermission('history.read')
  historyState(@claimIdParam() claimId: string, @Query() query: HistoryStateQuery) {
    return this.queries.execute(new GetCaseHistoryState(claimId, query));
  }
}
