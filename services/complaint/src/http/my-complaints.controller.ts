import {
  Body,
  Controller,
  UploadedFile,
  UseInterceptors,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  Query,
} from '@nestjs/common';
import { Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, PageQuery, RequirePermission, pageRequestOf } from '@claims/service-host';
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
import { ReceiveComplaint } from '../application/receipt/receive-complaint.command';
import { WithdrawComplaint } from '../application/withdrawal/withdraw-complaint.command';
import { ListComplaints } from '../application/work-queue/list-complaints.query';
import {
  ComplaintAttachmentUploadRequest,
  ComplaintCustomerAnswerRequest,
  CustomerComplaintRequest,
  ComplaintWithdrawalRequest,
} from './complaint.requests';
import { MultipartFile, UPLOAD_LIMITS, uploadedFile, submissionOf } from './submission';

const idParam = () => Param('complaintId', new ParseUUIDPipe());

/**
 * A customer's own complaints: submit one, follow them, answer the plan told to them, withdraw.
 * A customer never sees internal notes, risk ratings, staff ids or another complainant: another
 * customer's complaint is a 404, as is any complaint to a caller without a customer id.
 */
@ApiTags('complaint')
@ApiBearerAuth()
@Controller('complaint/my-complaints')
export class MyComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Complain (website, app, WeChat); answers with the complaint as the customer sees it',
  })
  @RequirePermission('complaint.respond')
  async submit(@Body() body: CustomerComplaintRequest, @CurrentCaller() caller: Caller) {
    const input = {
      ...submissionOf(body),
      channel: body.channel,
      customerId: caller.principal.customerId ?? null,
    };
    const { complaintId } = await this.commands.execute(new ReceiveComplaint(input, caller));
    return this.queries.execute(new GetComplaint(complaintId, caller.principal));
  }

  @Get()
  @ApiOperation({ summary: 'My complaints' })
  @RequirePermission('complaint.respond')
  list(@Query() query: PageQuery, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ListComplaints({}, pageRequestOf(query), caller.principal));
  }

  @Get(':complaintId')
  @ApiOperation({ summary: 'One of my complaints: its stage, the decision told to me, what I may do' })
  @RequirePermission('complaint.respond')
  find(@idParam() complaintId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetComplaint(complaintId, caller.principal));
  }

  @Post(':complaintId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Satisfied, or not (with the reason: another handler re-evaluates it)' })
  @RequirePermission('complaint.respond')
  answerPlan(
    @idParam() complaintId: string,
    @Body() body: ComplaintCustomerAnswerRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.own(complaintId, caller, new RecordCustomerAnswer({ complaintId, ...body }, caller));
  }

  @Post(':complaintId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw my complaint: handling ends' })
  @RequirePermission('complaint.respond')
  withdraw(
    @idParam() complaintId: string,
    @Body() body: ComplaintWithdrawalRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.own(complaintId, caller, new WithdrawComplaint({ complaintId, reason: body.reason }, caller));
  }

  @Post(':complaintId/attachments')
  @RequirePermission('complaint.respond')
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
    return this.own(complaintId, caller, new AddAttachment(input, caller));
  }

  @Get(':complaintId/attachments/:documentId/content')
  @RequirePermission('complaint.respond')
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

  /** The command, on the caller's own complaint only (another's: 404 before anything is decided). */
  private async own(complaintId: string, caller: Caller, command: Command<ComplaintChanged>) {
    await this.queries.execute(new GetComplaint(complaintId, caller.principal));
    await this.commands.execute(command);
    return this.queries.execute(new GetComplaint(complaintId, caller.principal));
  }
}
