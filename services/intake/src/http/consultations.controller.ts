import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Principal, RequestScope, RequirePermission, commandContextOf } from '@claims/service-host';
import {
  AnswerConsultation,
  ConsultationOutcome,
  HandOverConsultation,
  RegisterConsultation,
  TakeConsultation,
} from '../application/commands/consultation-commands';
import { GetConsultation } from '../application/queries/case-queries';
import { GetWorkQueue } from '../application/queries/read-model-queries';
import {
  AnswerConsultationRequest,
  ConsultationOutcomeResponse,
  HandOverConsultationRequest,
  RegisterConsultationRequest,
  WorkQueueFilter,
  WorkQueueItemResponse,
} from './dto/consultation.dto';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
export class ConsultationsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequirePermission('consultation.register')
  @ApiOperation({ summary: 'Register a consultation from any channel; an agent who registers it owns it (first responder)' })
  @ApiBody({
    type: RegisterConsultationRequest,
    examples: {
      hotline: {
        value: { channel: 'hotline', topic: 'claim-procedure', question: 'My car was hit this morning. What do I need to claim?', contact: { name: 'Li Na', phone: '+86 138 0000 1001' }, customerId: 'cust-1001' },
      },
    },
  })
  @ApiOkResponse({ type: ConsultationOutcomeResponse })
  register(@Body() body: RegisterConsultationRequest, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: RequestScope): Promise<ConsultationOutcome> {
    return this.commands.execute(new RegisterConsultation(body, principal, commandContextOf(principal, scope)));
  }

  @Get(':consultationId')
  @RequirePermission('consultation.read')
  @ApiOperation({ summary: 'A consultation with its question, owner, handovers and answer' })
  find(@Param('consultationId', ParseUUIDPipe) consultationId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetConsultation(consultationId, principal));
  }

  @Post(':consultationId/take')
  @HttpCode(200)
  @RequirePermission('consultation.handle')
  @ApiOperation({ summary: 'Take an unowned consultation: the first agent to take it owns it' })
  @ApiOkResponse({ type: ConsultationOutcomeResponse })
  take(@Param('consultationId', ParseUUIDPipe) consultationId: string, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: RequestScope) {
    return this.commands.execute(new TakeConsultation(consultationId, principal, commandContextOf(principal, scope)));
  }

  @Post(':consultationId/handovers')
  @HttpCode(200)
  @RequirePermission('consultation.handle')
  @ApiOperation({ summary: 'The owner hands the consultation over to another agent or a team (recorded)' })
  @ApiBody({ type: HandOverConsultationRequest, examples: { toAgent: { value: { toAgentId: 'agent-7', reason: 'Needs a motor claims specialist' } } } })
  @ApiOkResponse({ type: ConsultationOutcomeResponse })
  handOver(
    @Param('consultationId', ParseUUIDPipe) consultationId: string,
    @Body() body: HandOverConsultationRequest,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
  ) {
    const target = { toAgentId: body.toAgentId, toTeam: body.toTeam };
    return this.commands.execute(new HandOverConsultation(consultationId, target, body.reason, principal, commandContextOf(principal, scope)));
  }

  @Post(':consultationId/answer')
  @HttpCode(200)
  @RequirePermission('consultation.handle')
  @ApiOperation({ summary: 'The owner records the answer given to the customer' })
  @ApiBody({ type: AnswerConsultationRequest, examples: { answer: { value: { answer: 'Please bring the accident report, photos and the repair estimate.' } } } })
  @ApiOkResponse({ type: ConsultationOutcomeResponse })
  answer(
    @Param('consultationId', ParseUUIDPipe) consultationId: string,
    @Body() body: AnswerConsultationRequest,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
  ) {
    return this.commands.execute(new AnswerConsultation(consultationId, body.answer, principal, commandContextOf(principal, scope)));
  }
}

@ApiTags('work queue')
@ApiBearerAuth()
@Controller('work-queue')
export class WorkQueueController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('consultation.handle')
  @ApiOperation({ summary: 'Open consultations and incomplete applications, oldest first; overdue response promises flagged' })
  @ApiOkResponse({ type: [WorkQueueItemResponse] })
  list(@Query() filter: WorkQueueFilter) {
    return this.queries.execute(new GetWorkQueue(filter));
  }
}
