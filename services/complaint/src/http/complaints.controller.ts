import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  Caller,
  CurrentCaller,
  HistoryStateQuery,
  RequirePermission,
  pageRequestOf,
} from '@claims/service-host';
import { AssignComplaintHandler } from '../application/assignment/assign-handler.command';
import {
  GetComplaintHistory,
  GetComplaintHistoryState,
} from '../application/audit/complaint-history.queries';
import { ClockCheckResult } from '../application/clocks/check-clocks.command';
import { ExtendRegulatoryLimit } from '../application/clocks/extend-regulatory-limit.command';
import { ArchiveComplaint, CloseComplaint } from '../application/closure/closure.commands';
import { AddAttachment } from '../application/attachments/add-attachment.command';
import {
  AttachmentDownload,
  GetAttachmentContent,
} from '../application/attachments/get-attachment-content.query';
import { ACCEPTED_MEDIA_TYPES } from '@claims/documents';
import type { Response } from 'express';
import { ComplaintChanged } from '../application/complaint-decisions';
import { GetComplaint } from '../application/complaint-view/get-complaint.query';
import { RecordCustomerAnswer } from '../application/confirmation/record-customer-answer.command';
import { AcceptComplaint } from '../application/initial-review/accept-complaint.command';
import { DeclineComplaint } from '../application/initial-review/decline-complaint.command';
import { AddEvidence } from '../application/investigation/add-evidence.command';
import { CompleteInvestigation } from '../application/investigation/complete-investigation.command';
import { WaitOnCustomer } from '../application/investigation/customer-wait.command';
import { RecordContact } from '../application/investigation/record-contact.command';
import {
  DecideMaliciousFlag,
  ProposeMaliciousFlag,
} from '../application/malicious-flag/malicious-flag.commands';
import { ReceiveComplaint } from '../application/receipt/receive-complaint.command';
import { CommunicateResolution } from '../application/resolution/communicate-resolution.command';
import { DecidePlan } from '../application/resolution/decide-plan.command';
import { ProposePlan } from '../application/resolution/propose-plan.command';
import { WithdrawComplaint } from '../application/withdrawal/withdraw-complaint.command';
import { ListComplaints } from '../application/work-queue/list-complaints.query';
import {
  ComplaintAcceptanceRequest,
  ComplaintAssignmentRequest,
  ComplaintClosureRequest,
  ComplaintCommunicationRequest,
  ComplaintListQuery,
  ComplaintContactRequest,
  ComplaintCustomerAnswerRequest,
  ComplaintCustomerWaitRequest,
  ComplaintDeclineRequest,
  ComplaintEvidenceRequest,
  ComplaintExtensionRequest,
  ComplaintInvestigationResultRequest,
  ComplaintMaliciousFlagDecisionRequest,
  ComplaintMaliciousFlagRequest,
  ComplaintPlanDecisionRequest,
  ComplaintPlanRequest,
  ReceiveComplaintRequest,
  ComplaintWithdrawalRequest,
  ComplaintAttachmentUploadRequest,
} from './complaint.requests';
import { MultipartFile, UPLOAD_LIMITS, remediesOf, submissionOf, uploadedFile } from './submission';

const idParam = () => Param('complaintId', new ParseUUIDPipe());

/**
 * Staff work on complaints: registering one received on any channel, the work queue (nearest
 * deadline first), the complaint view with its clocks and contact log, every decision, and the
 * auditors' history. Each command answers with the complaint view, as GET shows it.
 */
@ApiTags('complaint')
@ApiBearerAuth()
@Controller('complaint/complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a complaint received on any channel; answers with its view (number CMP-YYYY-NNNNNN)',
  })
  @RequirePermission('complaint.register')
  async receive(@Body() body: ReceiveComplaintRequest, @CurrentCaller() caller: Caller) {
    if (caller.principal.role === 'customer') {
      throw new ForbiddenException('Customers complain through /complaint/my-complaints');
    }
    const input = {
      ...submissionOf(body),
      channel: body.channel,
      customerId: body.customerId ?? null,
      regulatorReference: body.regulatorReference ?? null,
      group: body.group ?? null,
    };
    const { complaintId } = await this.commands.execute(new ReceiveComplaint(input, caller));
    return this.queries.execute(new GetComplaint(complaintId, caller.principal));
  }

  @Get()
  @ApiOperation({ summary: 'The work queue: open and ended complaints, nearest running deadline first' })
  @RequirePermission('complaint.read')
  list(@Query() query: ComplaintListQuery, @CurrentCaller() caller: Caller) {
    const { status, handlerId, priority, dueBefore } = query;
    const filter = {
      ...(status ? { status } : {}),
      ...(handlerId ? { handlerId } : {}),
      ...(priority ? { priority } : {}),
      ...(dueBefore ? { dueBefore: new Date(dueBefore).toISOString() } : {}),
    };
    return this.queries.execute(new ListComplaints(filter, pageRequestOf(query), caller.principal));
  }

  @Get(':complaintId')
  @ApiParam({ name: 'complaintId', format: 'uuid' })
  @ApiOperation({
    summary: 'The complaint with its clocks, contact log, decisions and related claims (staff)',
  })
  @RequirePermission('complaint.read')
  find(@idParam() complaintId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetComplaint(complaintId, caller.principal));
  }

  @Post(':complaintId/acceptance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Initial review (24 h): accept, with the risk assessment that sets the priority' })
  @RequirePermission('complaint.review')
  accept(
    @idParam() complaintId: string,
    @Body() body: ComplaintAcceptanceRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new AcceptComplaint({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Initial review: decline (not a complaint → intake; duplicate → linked; outside scope)',
  })
  @RequirePermission('complaint.review')
  decline(
    @idParam() complaintId: string,
    @Body() body: ComplaintDeclineRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new DeclineComplaint({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/assignment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign a handler with recusal (nobody who handled, investigated or approved a related claim)',
  })
  @RequirePermission('complaint.assign')
  assign(
    @idParam() complaintId: string,
    @Body() body: ComplaintAssignmentRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const handler = { id: body.handlerId, role: body.handlerRole };
    return this.answer(new AssignComplaintHandler({ complaintId, handler }, caller), caller);
  }

  @Post(':complaintId/contacts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a contact: who, when, channel, outcome (the note is internal)' })
  @RequirePermission('complaint.handle')
  contact(
    @idParam() complaintId: string,
    @Body() body: ComplaintContactRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const input = { ...body, complaintId, contactedAt: new Date(body.contactedAt) };
    return this.answer(new RecordContact(input, caller), caller);
  }

  @Post(':complaintId/evidence')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add evidence to the investigation' })
  @RequirePermission('complaint.handle')
  evidence(
    @idParam() complaintId: string,
    @Body() body: ComplaintEvidenceRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { source, description, attachment } = body;
    return this.answer(
      new AddEvidence({ complaintId, source, description, attachment: attachment ?? null }, caller),
      caller,
    );
  }

  @Post(':complaintId/customer-wait')
  @HttpCode(200)
  @ApiOperation({ summary: 'Wait on the customer (the internal clocks pause) or end the wait (they resume)' })
  @RequirePermission('complaint.handle')
  customerWait(
    @idParam() complaintId: string,
    @Body() body: ComplaintCustomerWaitRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new WaitOnCustomer({ complaintId, phase: body.phase }, caller), caller);
  }

  @Post(':complaintId/investigation-result')
  @HttpCode(200)
  @ApiOperation({ summary: 'Conclude the investigation: cause, responsible party, policy clause' })
  @RequirePermission('complaint.handle')
  investigation(
    @idParam() complaintId: string,
    @Body() body: ComplaintInvestigationResultRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(
      new CompleteInvestigation({ complaintId, ...body, policyClause: body.policyClause ?? null }, caller),
      caller,
    );
  }

  @Post(':complaintId/resolution-plan')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Propose the resolution plan: adopted at once within authority, else referred (tiered)',
  })
  @RequirePermission('complaint.handle')
  propose(
    @idParam() complaintId: string,
    @Body() body: ComplaintPlanRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { outcome, summary, nextSteps } = body;
    return this.answer(
      new ProposePlan(
        { complaintId, outcome, summary, nextSteps, remedies: remediesOf(body.remedies) },
        caller,
      ),
      caller,
    );
  }

  @Post(':complaintId/resolution-plan/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a referred plan or send it back (four eyes: never its proposer)' })
  @RequirePermission('complaint.approve')
  decidePlan(
    @idParam() complaintId: string,
    @Body() body: ComplaintPlanDecisionRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new DecidePlan({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/resolution')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Tell the customer the adopted plan, with the remedies open to them if not satisfied',
  })
  @RequirePermission('complaint.handle')
  communicate(
    @idParam() complaintId: string,
    @Body() body: ComplaintCommunicationRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new CommunicateResolution({ complaintId, channel: body.channel }, caller), caller);
  }

  @Post(':complaintId/customer-answer')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the customer's answer given by phone or at the counter" })
  @RequirePermission('complaint.handle')
  customerAnswer(
    @idParam() complaintId: string,
    @Body() body: ComplaintCustomerAnswerRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new RecordCustomerAnswer({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the complainant's withdrawal (handling ends, the clocks stop)" })
  @RequirePermission('complaint.handle')
  withdraw(
    @idParam() complaintId: string,
    @Body() body: ComplaintWithdrawalRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new WithdrawComplaint({ complaintId, reason: body.reason }, caller), caller);
  }

  @Post(':complaintId/regulatory-extension')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Extend the regulatory limit (to 30 days with a reason; a further 30 by a manager), the customer told',
  })
  @RequirePermission('complaint.handle')
  extend(
    @idParam() complaintId: string,
    @Body() body: ComplaintExtensionRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new ExtendRegulatoryLimit({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/malicious-flag')
  @HttpCode(200)
  @ApiOperation({ summary: 'Propose flagging the complaint malicious or vexatious, with evidence' })
  @RequirePermission('complaint.handle')
  flag(
    @idParam() complaintId: string,
    @Body() body: ComplaintMaliciousFlagRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new ProposeMaliciousFlag({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/malicious-flag/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager (not the proposer) approves or rejects the flag' })
  @RequirePermission('complaint.decide')
  decideFlag(
    @idParam() complaintId: string,
    @Body() body: ComplaintMaliciousFlagDecisionRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new DecideMaliciousFlag({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with the root cause and the corrective action and its owner' })
  @RequirePermission('complaint.handle')
  close(
    @idParam() complaintId: string,
    @Body() body: ComplaintClosureRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new CloseComplaint({ complaintId, ...body }, caller), caller);
  }

  @Post(':complaintId/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a closed, declined or withdrawn complaint (records and evidence kept)' })
  @RequirePermission('complaint.handle')
  archive(@idParam() complaintId: string, @CurrentCaller() caller: Caller) {
    return this.answer(new ArchiveComplaint({ complaintId }, caller), caller);
  }

  @Post(':complaintId/attachments')
  @RequirePermission('complaint.handle')
  @UseInterceptors(FileInterceptor('file', UPLOAD_LIMITS))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ComplaintAttachmentUploadRequest })
  @ApiOperation({
    summary: 'Attach a document (multipart: kind, file): checked, sealed for the complainant, hashed',
    description:
      'PDF, JPEG, PNG, HEIC or WebP of at most 10 MiB whose content is of its declared type (422 ' +
      '`document-content-mismatch` otherwise: nothing is stored); the same file twice: 422 `duplicate-attachment`.',
  })
  async attach(
    @idParam() complaintId: string,
    @Body() body: ComplaintAttachmentUploadRequest,
    @UploadedFile() file: MultipartFile | undefined,
    @CurrentCaller() caller: Caller,
  ) {
    const input = { complaintId, kind: body.kind, file: uploadedFile(file) };
    return this.answer(new AddAttachment(input, caller), caller);
  }

  @Get(':complaintId/attachments/:documentId/content')
  @RequirePermission('complaint.read')
  @ApiProduces(...ACCEPTED_MEDIA_TYPES, 'application/problem+json')
  @ApiOperation({
    summary:
      'Download an attachment: the file as uploaded, with its media type (410 once the complainant was forgotten)',
  })
  @ApiOkResponse({
    description: 'The file (Content-Disposition: attachment)',
    content: Object.fromEntries(
      ACCEPTED_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  async attachmentContent(
    @idParam() complaintId: string,
    @Param('documentId', new ParseUUIDPipe()) documentId: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download: AttachmentDownload = await this.queries.execute(
      new GetAttachmentContent(complaintId, documentId, caller.principal),
    );
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(download.bytes, {
      type: download.mediaType,
      length: download.bytes.length,
      disposition: `attachment; filename="${download.fileName}"`,
    });
  }

  @Get(':complaintId/history')
  @ApiOperation({ summary: 'Auditors: every event of the complaint (personal fields named, never shown)' })
  @RequirePermission('history.read')
  history(@idParam() complaintId: string) {
    return this.queries.execute(new GetComplaintHistory(complaintId));
  }

  @Get(':complaintId/history/state')
  @ApiOperation({
    summary: 'Auditors: the complaint as it stood at an instant (`at`) and/or a revision; 400 without either',
  })
  @ApiOkResponse({ description: 'The complaint view with asOf and revision' })
  @RequirePermission('history.read')
  stateAsOf(@idParam() complaintId: string, @Query() query: HistoryStateQuery) {
    return this.queries.execute(new GetComplaintHistoryState(complaintId, query));
  }

  private async answer(command: Command<ComplaintChanged>, caller: Caller) {
    const { complaintId } = await this.commands.execute(command);
    return this.queries.execute(new GetComplaint(complaintId, caller.principal));
  }
}

export type { ClockCheckResult };
