import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Principal, ProblemException, RequestScope, RequirePermission, commandContextOf } from '@claims/service-host';
import { Response } from 'express';
import { ProvideSupplementaryDocuments, SubmitClaim, UploadDocument } from '../application/commands/claim-document-commands';
import { ReportClaim } from '../application/commands/report-claim';
import { DocumentDownload, GetClaimApplication, GetDocumentContent } from '../application/queries/case-queries';
import { GetClaimHistory, GetClaimStateAsOf } from '../application/queries/claim-history-queries';
import { GetClaimStatus, ListClaimStatuses } from '../application/queries/read-model-queries';
import { ACCEPTED_MEDIA_TYPES, MAX_DOCUMENT_BYTES } from '../domain/claim/document-rules';
import {
  AsOfQuery,
  ClaimListFilter,
  ClaimReportedResponse,
  ClaimStatusChangedResponse,
  ClaimStatusResponse,
  DocumentAcceptedResponse,
  EXAMPLE_CLAIM_REPORT,
  ReportClaimRequest,
  UploadDocumentRequest,
} from './dto/claim.dto';

/** What multer hands over for a multipart file (memory storage). */
interface MultipartFile {
  readonly buffer: Buffer;
  readonly mimetype: string;
  readonly size: number;
}

const IF_MATCH = { name: 'If-Match', required: false, description: 'The revision the change is based on; a claim changed meanwhile answers 409' };

/** `If-Match: "3"` (or 3) -> 3; absent -> undefined. */
function expectedRevision(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid If-Match', 'Send the revision of the claim, e.g. If-Match: "3"');
  return Number(match[1]);
}

@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequirePermission('claim.report')
  @ApiOperation({ summary: 'Report a claim with the standard template; refused on an unknown, lapsed or not-yet-active policy' })
  @ApiBody({ type: ReportClaimRequest, examples: { motor: { value: EXAMPLE_CLAIM_REPORT } } })
  @ApiOkResponse({ type: ClaimReportedResponse })
  report(@Body() body: ReportClaimRequest, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: RequestScope) {
    const report = { ...body, accident: { ...body.accident, occurredAt: new Date(body.accident.occurredAt) } };
    return this.commands.execute(new ReportClaim(report, principal, commandContextOf(principal, scope)));
  }

  @Get()
  @RequirePermission('claim.read')
  @ApiOperation({ summary: 'Claim statuses: a customer sees their own claims only' })
  @ApiOkResponse({ type: [ClaimStatusResponse] })
  list(@Query() filter: ClaimListFilter, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListClaimStatuses(principal, filter));
  }

  @Get(':claimId')
  @RequirePermission('claim.read')
  @ApiOperation({ summary: 'The claim application with its current document checklist, documents and supplementary requests' })
  async find(@Param('claimId', ParseUUIDPipe) claimId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const application = await this.queries.execute(new GetClaimApplication(claimId, principal));
    response.setHeader('ETag', `"${application.revision}"`);
    return application;
  }

  @Get(':claimId/status')
  @RequirePermission('claim.read')
  @ApiOperation({ summary: 'Where the claim stands (status view)' })
  @ApiOkResponse({ type: ClaimStatusResponse })
  status(@Param('claimId', ParseUUIDPipe) claimId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetClaimStatus(claimId, principal));
  }

  @Post(':claimId/documents')
  @RequirePermission('claim.report')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * MAX_DOCUMENT_BYTES, files: 1, fields: 5 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentRequest })
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Upload a supporting document (multipart: kind, file); a file already on the claim is refused as a duplicate' })
  @ApiOkResponse({ type: DocumentAcceptedResponse })
  upload(
    @Param('claimId', ParseUUIDPipe) claimId: string,
    @Body() body: UploadDocumentRequest,
    @UploadedFile() file: MultipartFile | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
  ) {
    if (!file) throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', undefined, { errors: [{ path: 'file', message: 'file is required' }] });
    const upload = new UploadDocument(claimId, body.kind, { bytes: file.buffer, mediaType: file.mimetype }, principal, commandContextOf(principal, scope), expectedRevision(ifMatch));
    return this.commands.execute(upload);
  }

  @Get(':claimId/documents/:documentId/content')
  @RequirePermission('claim.read')
  @ApiProduces(...ACCEPTED_MEDIA_TYPES, 'application/problem+json')
  @ApiOperation({ summary: 'Download an uploaded document: the file as uploaded, with its media type, as an attachment' })
  @ApiOkResponse({
    description: 'The file (Content-Type: its media type; Content-Disposition: attachment; filename="<kind>-<documentId>.<ext>")',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiNotFoundResponse({ description: 'No such claim or document, or the claim is another customer’s' })
  @ApiGoneResponse({ description: 'Document erased: the customer’s personal data was erased on request (problem details)' })
  async documentContent(
    @Param('claimId', ParseUUIDPipe) claimId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download: DocumentDownload = await this.queries.execute(new GetDocumentContent(claimId, documentId, principal));
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(download.bytes, {
      type: download.mediaType,
      length: download.bytes.length,
      disposition: `attachment; filename="${download.fileName}"`,
    });
  }

  @Post(':claimId/submission')
  @HttpCode(200)
  @RequirePermission('claim.submit')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Submit the complete application to claims review; refused (422) with the exact list of missing documents' })
  @ApiOkResponse({ type: ClaimStatusChangedResponse })
  submit(
    @Param('claimId', ParseUUIDPipe) claimId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
  ) {
    return this.commands.execute(new SubmitClaim(claimId, principal, commandContextOf(principal, scope), expectedRevision(ifMatch)));
  }

  @Post(':claimId/supplementary-documents')
  @HttpCode(200)
  @RequirePermission('claim.submit')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Hand the documents claims review asked for back to it, once every requested kind is uploaded' })
  @ApiOkResponse({ type: ClaimStatusChangedResponse })
  provideSupplementary(
    @Param('claimId', ParseUUIDPipe) claimId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
  ) {
    return this.commands.execute(new ProvideSupplementaryDocuments(claimId, principal, commandContextOf(principal, scope), expectedRevision(ifMatch)));
  }

  @Get(':claimId/history')
  @RequirePermission('history.read')
  @ApiOperation({ summary: 'Auditors: every stored event of the application, who caused it and when' })
  history(@Param('claimId', ParseUUIDPipe) claimId: string) {
    return this.queries.execute(new GetClaimHistory(claimId));
  }

  @Get(':claimId/history/state')
  @RequirePermission('history.read')
  @ApiOperation({ summary: 'Auditors: the application as it stood at a past instant (history replayed up to it)' })
  stateAsOf(@Param('claimId', ParseUUIDPipe) claimId: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new GetClaimStateAsOf(claimId, new Date(query.at)));
  }
}
