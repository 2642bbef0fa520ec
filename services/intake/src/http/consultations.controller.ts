import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, RequirePermission, pageRequestOf } from '@claims/service-host';
import {
  AnswerConsultation,
  HandOverConsultation,
  TakeConsultation,
} from '../application/consultations/consultation-work.commands';
import { ConsultationView, CustomerConsultationView } from '../application/consultations/consultation.view';
import { GetConsultation } from '../application/consultations/get-consultation.query';
import { RegisterConsultation } from '../application/consultations/register-consultation.command';
import { GetWorkQueue } from '../application/work-queue/get-work-queue.query';
import {
  AnswerConsultationRequest,
  ConsultationResponse,
  CustomerConsultationResponse,
  HandOverConsultationRequest,
  RegisterConsultationRequest,
  WorkQueuePage,
  WorkQueueQuery,
} from './dto/consultation.dto';
import { byRole } from './openapi';
import { uuidParam, uuidParamDoc } from './path-parameters';

const EXAMPLE_CONSULTATION = {
  channel: 'hotline',
  topic: 'claim-procedure',
  question: 'My car was hit this morning. What do I need to claim?',
  contact: { name: 'Li Na', phone: '+86 138 0000 1001' },
  customerId: 'cust-1001',
};
const CONSULTATION_ID = uuidParamDoc(
  'consultationId',
  'The consultation’s id, as its registration answered it',
);
const CONSULTATION = (what: string) => byRole(ConsultationResponse, CustomerConsultationResponse, what);

/** Every command on a consultation answers with the consultation as GET shows it to the caller. */
@ApiTags('consultations')
@ApiBearerAuth()
@ApiExtraModels(ConsultationResponse, CustomerConsultationResponse)
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('consultation.register')
  @ApiOperation({
    summary: 'Register a consultation from any channel',
    description:
      'An agent who registers it owns it at once (first responder); a customer’s own waits for an agent ' +
      'to take it. The answer is promised by the channel’s response time (`responseDueAt`). Answers 201 ' +
      'with the consultation as GET shows it to the caller.',
  })
  @ApiBody({ type: RegisterConsultationRequest, examples: { hotline: { value: EXAMPLE_CONSULTATION } } })
  @ApiCreatedResponse(CONSULTATION('The registered consultation'))
  async register(
    @Body() body: RegisterConsultationRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ConsultationView | CustomerConsultationView> {
    const { consultationId } = await this.commands.execute(new RegisterConsultation(body, caller));
    return this.consultation(consultationId, caller);
  }

  @Get(':consultationId')
  @RequirePermission('consultation.read')
  @ApiOperation({
    summary: 'A consultation with its question and answer',
    description:
      'Staff see its owner, team and handovers too; a customer their own consultation without them ' +
      '(another person’s, or an anonymous one, is 404).',
  })
  @ApiParam(CONSULTATION_ID)
  @ApiOkResponse(CONSULTATION('The consultation'))
  find(@uuidParam('consultationId') consultationId: string, @CurrentCaller() caller: Caller) {
    return this.consultation(consultationId, caller);
  }

  @Post(':consultationId/take')
  @HttpCode(200)
  @RequirePermission('consultation.handle')
  @ApiOperation({
    summary: 'Take an unowned consultation: the first agent to take it owns it',
    description:
      'Taking one’s own again changes nothing; one owned by another agent is 422 `consultation-already-owned`.',
  })
  @ApiParam(CONSULTATION_ID)
  @ApiOkResponse({ type: ConsultationResponse, description: 'The consultation' })
  async take(@uuidParam('consultationId') consultationId: string, @CurrentCaller() caller: Caller) {
    await this.commands.execute(new TakeConsultation({ consultationId }, caller));
    return this.consultation(consultationId, caller);
  }

  @Post(':consultationId/handovers')
  @HttpCode(200)
  @RequirePermission('consultation.handle')
  @ApiOperation({
    summary: 'The owner hands the consultation over to another agent or a team (recorded)',
    description: 'Exactly one of toAgentId and toTeam; only the owner may (422 `not-consultation-owner`).',
  })
  @ApiParam(CONSULTATION_ID)
  @ApiBody({
    type: HandOverConsultationRequest,
    examples: { toAgent: { value: { toAgentId: 'agent-7', reason: 'Needs a motor claims specialist' } } },
  })
  @ApiOkResponse({ type: ConsultationResponse, description: 'The consultation' })
  async handOver(
    @uuidParam('consultationId') consultationId: string,
    @Body() body: HandOverConsultationRequest,
    @CurrentCaller() caller: Caller,
  ) {
    await this.commands.execute(new HandOverConsultation({ consultationId, ...body }, caller));
    return this.consultation(consultationId, caller);
  }

  @Post(':consultationId/answer')
  @HttpCode(200)
  @RequirePermission('consultation.handle')
  @ApiOperation({
    summary: 'The owner records the answer given to the customer',
    description: 'Recorded with whether it kept the response promise; only the owner of an open one may.',
  })
  @ApiParam(CONSULTATION_ID)
  @ApiBody({
    type: AnswerConsultationRequest,
    examples: {
      answer: { value: { answer: 'Please bring the accident report, photos and the repair estimate.' } },
    },
  })
  @ApiOkResponse({ type: ConsultationResponse, description: 'The consultation' })
  async answer(
    @uuidParam('consultationId') consultationId: string,
    @Body() body: AnswerConsultationRequest,
    @CurrentCaller() caller: Caller,
  ) {
    await this.commands.execute(new AnswerConsultation({ consultationId, answer: body.answer }, caller));
    return this.consultation(consultationId, caller);
  }

  private consultation(
    consultationId: string,
    caller: Caller,
  ): Promise<ConsultationView | CustomerConsultationView> {
    return this.queries.execute(new GetConsultation(consultationId, caller.principal));
  }
}

@ApiTags('work queue')
@ApiBearerAuth()
@Controller('work-queue')
export class WorkQueueController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('consultation.handle')
  @ApiOperation({
    summary: 'The front desk’s open work, oldest first, a page at a time',
    description:
      'Open consultations and claim applications waiting for documents (ids and non-personal facts only), ' +
      'with their age and overdue response promises flagged; filtered by owner, channel and kind.',
  })
  @ApiOkResponse({ type: WorkQueuePage, description: 'A page of the queue' })
  list(@Query() query: WorkQueueQuery) {
    const { ownerId, channel, kind } = query;
    return this.queries.execute(new GetWorkQueue({ ownerId, channel, kind }, pageRequestOf(query)));
  }
}
