import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
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
  ApiCreatedResponse,
  ApiExtraModels,
  ApiGoneResponse,
  ApiHeader,
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
  ProblemException,
  RequirePermission,
  historyCutOf,
  pageRequestOf,
} from '@claims/service-host';
import { Response } from 'express';
import {
  DocumentDownload,
  GetClaimDocument,
  GetDocumentContent,
} from '../application/claim-documents/claim-document.queries';
import { UploadDocument } from '../application/claim-documents/upload-document.command';
import { GetClaimApplicationAsOf, GetClaimHistory } from '../application/claim-history/claim-history.queries';
import { SubmitClaim } from '../application/claim-submission/submit-claim.command';
import {
  ClaimApplicationView,
  CustomerClaimApplicationView,
} from '../application/claim-tracking/claim-application.view';
import { GetClaimStatus, ListClaimStatuses } from '../application/claim-tracking/claim-status.queries';
import { GetClaimApplication } from '../application/claim-tracking/get-claim-application.query';
import { ReportClaim } from '../application/report-claim/report-claim.command';
import { ProvideSupplementaryDocuments } from '../application/supplementary-documents/provide-supplementary-documents.command';
import { ACCEPTED_MEDIA_TYPES, MAX_DOCUMENT_BYTES } from '@claims/documents';
import {
  AuditedEventResponse,
  ClaimApplicationAsOfResponse,
  ClaimApplicationResponse,
  ClaimDocumentResponse,
  CustomerClaimApplicationResponse,
  EXAMPLE_CLAIM_REPORT,
  ReportClaimRequest,
  UploadDocumentRequest,
} from './dto/claim.dto';
import {
  ClaimListQuery,
  CustomerClaimStatusPage,
  CustomerClaimStatusResponse,
  StaffClaimStatusPage,
  StaffClaimStatusResponse,
} from './dto/claim-status.dto';
import { byRole } from './openapi';
import { uuidParam, uuidParamDoc } from './path-parameters';

/** What multer hands over for a multipart file (memory storage). */
interface MultipartFile {
  readonly buffer: Buffer;
  readonly mimetype: string;
  readonly size: number;
}

type ApplicationView = ClaimApplicationView | CustomerClaimApplicationView;

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description:
    'The revision the change is based on (the ETag, e.g. "3"); a claim changed meanwhile answers 409',
  schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,9}"?$', example: '"3"' },
};
const ETAG = {
  ETag: {
    description: 'The claim’s revision, to send as If-Match on the next change',
    schema: { type: 'string' },
  },
};
const CLAIM_ID = uuidParamDoc('claimId', 'The claim’s id (the same in every service)');
const DOCUMENT_ID = uuidParamDoc('documentId', 'The document’s id, as its upload answered it');
const APPLICATION = (what: string) => ({
  ...byRole(ClaimApplicationResponse, CustomerClaimApplicationResponse, what),
  headers: ETAG,
});

/** `If-Match: "3"` (or 3) -> 3; absent -> undefined. */
function expectedRevision(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match)
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'Invalid If-Match',
      'Send the revision of the claim, e.g. If-Match: "3"',
    );
  return Number(match[1]);
}

/**
 * The claim application. Every command on a claim answers with the application as GET shows it to
 * the caller (an upload with the document it added), with its revision as the ETag.
 */
@ApiTags('claims')
@ApiBearerAuth()
@ApiExtraModels(
  ClaimApplicationResponse,
  CustomerClaimApplicationResponse,
  StaffClaimStatusPage,
  CustomerClaimStatusPage,
  StaffClaimStatusResponse,
  CustomerClaimStatusResponse,
)
@Controller('claims')
export class ClaimsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('claim.report')
  @ApiOperation({
    summary: 'Report a claim with the standard template',
    description:
      'Checked against the policy first: refused (422) on an unknown, lapsed or not-yet-active policy, a ' +
      'person the policy does not insure, an accident in the future or an estimate in another currency; a ' +
      'refused report uses no claim number. A customer reports on their own policies only. Send an ' +
      'Idempotency-Key to retry safely. Answers 201 with the application as GET shows it to the caller.',
  })
  @ApiBody({ type: ReportClaimRequest, examples: { motor: { value: EXAMPLE_CLAIM_REPORT } } })
  @ApiCreatedResponse(APPLICATION('The reported claim'))
  async report(
    @Body() body: ReportClaimRequest,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApplicationView> {
    const report = {
      ...body,
      accident: { ...body.accident, occurredAt: new Date(body.accident.occurredAt) },
    };
    const { claimId } = await this.commands.execute(new ReportClaim(report, caller));
    return this.application(claimId, caller, response);
  }

  @Get()
  @RequirePermission('claim.read')
  @ApiOperation({
    summary: 'List claims with where each stands, newest report first, a page at a time',
    description:
      'Staff may filter by customer, application status and stage. A customer lists their own claims ' +
      'as customer views, by stage at most (a staff filter answers 400).',
  })
  @ApiOkResponse(byRole(StaffClaimStatusPage, CustomerClaimStatusPage, 'A page of claims'))
  list(@Query() query: ClaimListQuery, @CurrentCaller() caller: Caller) {
    const { customerId, status, stage } = query;
    const filter = { customerId, status, stage };
    return this.queries.execute(new ListClaimStatuses(filter, pageRequestOf(query), caller.principal));
  }

  @Get(':claimId')
  @RequirePermission('claim.read')
  @ApiOperation({
    summary: 'The claim application: checklist, documents, supplementary requests and where it stands',
    description:
      'Staff see the front desk’s view (agent, policy snapshot, application status); a customer their ' +
      'own view of their own claim (another customer’s is 404). The ETag is the revision for If-Match.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse(APPLICATION('The application'))
  find(
    @uuidParam('claimId') claimId: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApplicationView> {
    return this.application(claimId, caller, response);
  }

  @Get(':claimId/status')
  @RequirePermission('claim.read')
  @ApiOperation({
    summary: 'Where the claim stands, from the report to closure',
    description:
      'Follows the whole lifecycle: the documents, the submission, claims review’s acceptance, requests ' +
      'for documents, decision, payment, closure and reopening. A customer sees progress in plain words, ' +
      'what is asked of them, the decision with its reasons and policy basis, and the payment; never staff ' +
      'ids or internal statuses. Another customer’s claim is 404.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse(byRole(StaffClaimStatusResponse, CustomerClaimStatusResponse, 'The claim’s status'))
  status(@uuidParam('claimId') claimId: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetClaimStatus(claimId, caller.principal));
  }

  @Post(':claimId/documents')
  @RequirePermission('claim.report')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: 2 * MAX_DOCUMENT_BYTES, files: 1, fields: 5 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentRequest })
  @ApiHeader(IF_MATCH)
  @ApiParam(CLAIM_ID)
  @ApiOperation({
    summary: 'Upload a supporting document (multipart: kind, file)',
    description:
      'A kind of the claim’s checklist (or one claims review asked for, while it asks), a PDF, JPEG, PNG, ' +
      'HEIC or WebP file of at most 10 MiB whose content is of its declared type (422 ' +
      '`document-content-mismatch` otherwise: programs and files of another type are refused and nothing ' +
      'is stored); a file already on the claim is refused as `duplicate-document`.',
  })
  @ApiCreatedResponse({
    type: ClaimDocumentResponse,
    description: 'The document, as GET …/documents/{documentId} shows it',
  })
  async upload(
    @uuidParam('claimId') claimId: string,
    @Body() body: UploadDocumentRequest,
    @UploadedFile() file: MultipartFile | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
  ) {
    if (!file) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', undefined, {
        errors: [{ path: 'file', message: 'file is required' }],
      });
    }
    const input = {
      claimId,
      kind: body.kind,
      file: { bytes: file.buffer, mediaType: file.mimetype },
      expectedRevision: expectedRevision(ifMatch),
    };
    const { documentId } = await this.commands.execute(new UploadDocument(input, caller));
    return this.queries.execute(new GetClaimDocument(claimId, documentId, caller.principal));
  }

  @Get(':claimId/documents/:documentId')
  @RequirePermission('claim.read')
  @ApiOperation({
    summary: 'An uploaded document: kind, content hash, media type, size, round (never the bytes)',
    description: 'The same for staff and the claim’s own customer; another customer’s claim is 404.',
  })
  @ApiParam(CLAIM_ID)
  @ApiParam(DOCUMENT_ID)
  @ApiOkResponse({ type: ClaimDocumentResponse, description: 'The document' })
  document(
    @uuidParam('claimId') claimId: string,
    @uuidParam('documentId') documentId: string,
    @CurrentCaller() caller: Caller,
  ) {
    return this.queries.execute(new GetClaimDocument(claimId, documentId, caller.principal));
  }

  @Get(':claimId/documents/:documentId/content')
  @RequirePermission('claim.read')
  @ApiProduces(...ACCEPTED_MEDIA_TYPES, 'application/problem+json')
  @ApiOperation({
    summary: 'Download an uploaded document: the file as uploaded, with its media type, as an attachment',
    description:
      'For staff and the claim’s own customer. 410 (problem, title `Document erased`) once the customer ' +
      'was forgotten.',
  })
  @ApiParam(CLAIM_ID)
  @ApiParam(DOCUMENT_ID)
  @ApiOkResponse({
    description:
      'The file (Content-Type: its media type; Content-Disposition: attachment; filename="<kind>-<documentId>.<ext>")',
    content: Object.fromEntries(
      ACCEPTED_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiGoneResponse({
    description: 'Document erased: the customer’s personal data was erased on request',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  })
  async documentContent(
    @uuidParam('claimId') claimId: string,
    @uuidParam('documentId') documentId: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download: DocumentDownload = await this.queries.execute(
      new GetDocumentContent(claimId, documentId, caller.principal),
    );
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
  @ApiParam(CLAIM_ID)
  @ApiOperation({
    summary: 'Submit the complete application to claims review',
    description:
      'Refused (422 `documents-missing`) with the exact list of missing documents, or when already ' +
      'submitted. Answers 200 with the application; ClaimSubmitted goes to claims review.',
  })
  @ApiOkResponse(APPLICATION('The submitted application'))
  async submit(
    @uuidParam('claimId') claimId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApplicationView> {
    await this.commands.execute(
      new SubmitClaim({ claimId, expectedRevision: expectedRevision(ifMatch) }, caller),
    );
    return this.application(claimId, caller, response);
  }

  @Post(':claimId/supplementary-documents')
  @HttpCode(200)
  @RequirePermission('claim.submit')
  @ApiHeader(IF_MATCH)
  @ApiParam(CLAIM_ID)
  @ApiOperation({
    summary: 'Hand the documents claims review asked for back to it',
    description:
      'Once every requested kind of the open round is uploaded (422 `supplementary-documents-missing` ' +
      'with what is still missing; `no-open-supplementary-request` when nothing is asked). Answers 200 with ' +
      'the application.',
  })
  @ApiOkResponse(APPLICATION('The application'))
  async provideSupplementary(
    @uuidParam('claimId') claimId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApplicationView> {
    const input = { claimId, expectedRevision: expectedRevision(ifMatch) };
    await this.commands.execute(new ProvideSupplementaryDocuments(input, caller));
    return this.application(claimId, caller, response);
  }

  @Get(':claimId/history')
  @RequirePermission('history.read')
  @ApiOperation({
    summary: 'Auditors: every stored event of the application, who caused it and when',
    description: 'Personal fields are named, never shown. An unknown claim is 404.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse({ type: [AuditedEventResponse], description: 'The events, oldest first' })
  history(@uuidParam('claimId') claimId: string) {
    return this.queries.execute(new GetClaimHistory(claimId));
  }

  @Get(':claimId/history/state')
  @RequirePermission('history.read')
  @ApiOperation({
    summary: 'Auditors: the application as it stood after the events up to a cut',
    description:
      '`at` (an instant on the domain clock: the events’ occurredAt) and/or `revision` (a stream ' +
      'revision); neither is 400, a cut before the first event 404.',
  })
  @ApiParam(CLAIM_ID)
  @ApiOkResponse({ type: ClaimApplicationAsOfResponse, description: 'The application as it stood' })
  stateAsOf(@uuidParam('claimId') claimId: string, @Query() query: HistoryStateQuery) {
    return this.queries.execute(new GetClaimApplicationAsOf(claimId, historyCutOf(query)));
  }

  /** The application as GET shows it to the caller, its revision as the ETag (for If-Match). */
  private async application(claimId: string, caller: Caller, response: Response): Promise<ApplicationView> {
    const application = await this.queries.execute(new GetClaimApplication(claimId, caller.principal));
    response.setHeader('ETag', `"${application.revision}"`);
    return application;
  }
}
