import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, RequirePermission } from '@claims/service-host';
import { AcceptClaim } from '../application/acceptance/accept-claim.command';
import { ReassignHandler } from '../application/acceptance/reassign-handler.command';
import { ApproveDecision } from '../application/adjudication/approve-decision.command';
import { ProposeDecision } from '../application/adjudication/propose-decision.command';
import { SendBackDecision } from '../application/adjudication/send-back-decision.command';
import { CaseViewFor, GetReviewCase } from '../application/case-view/get-review-case.query';
import { CloseCase } from '../application/closure/close-case.command';
import { ReopenCase } from '../application/closure/reopen-case.command';
import { AssessLoss } from '../application/investigation/assess-loss.command';
import { FlagSuspicion } from '../application/investigation/flag-suspicion.command';
import { OpenInvestigation } from '../application/investigation/open-investigation.command';
import { RecordInvestigationFindings } from '../application/investigation/record-investigation-findings.command';
import { RequestSupplementaryDocuments } from '../application/material-review/request-supplementary-documents.command';
import { ReviewDocuments } from '../application/material-review/review-documents.command';
import { ConfirmPayment } from '../application/payment/confirm-payment.command';
import { InstructPayment } from '../application/payment/instruct-payment.command';
import { CaseChanged } from '../application/review-case-decisions';
import {
  ApprovalRequest,
  ClosureRequest,
  DecisionProposalRequest,
  DocumentReviewRequest,
  InvestigationFindingsRequest,
  InvestigationRequest,
  LossAssessmentRequest,
  PaymentConfirmationRequest,
  PaymentInstructionRequest,
  ReassignRequest,
  ReopeningRequest,
  SendBackRequest,
  SupplementaryDocumentsRequest,
  SuspicionRequest,
} from './review-case.requests';
import { ReviewCaseViewResponse } from './review-case.responses';

const claimIdParam = () => Param('claimId', new ParseUUIDPipe());

/** Staff commands on a review case; each answers with the case view, as `GET cases/:claimId` shows it. */
@ApiTags('claims-review')
@ApiBearerAuth()
@ApiParam({ name: 'claimId', format: 'uuid', description: 'The claim’s id (the same in every service)' })
@Controller('claims-review/cases/:claimId')
export class ReviewCaseController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('acceptance')
  @ApiOperation({
    summary: 'Accept a claim into processing (受理); the assignment rules pick its handler',
    description:
      'The case must be awaiting acceptance. The handler is chosen by the assignment rules and ' +
      "the handlers' open cases.",
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.accept')
  accept(@claimIdParam() claimId: string, @CurrentCaller() caller: Caller) {
    return this.answer(new AcceptClaim({ claimId }, caller), caller);
  }

  @Post('reassignment')
  @ApiOperation({
    summary: 'Hand an accepted case to another handler',
    description:
      'An acceptor or a manager, saying why; not to the handler it is already with, and not once closed.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.assign')
  reassign(@claimIdParam() claimId: string, @Body() body: ReassignRequest, @CurrentCaller() caller: Caller) {
    return this.answer(
      new ReassignHandler({ claimId, handlerId: body.handlerId, reason: body.reason }, caller),
      caller,
    );
  }

  @Post('document-review')
  @ApiOperation({
    summary: 'Record findings on documents on file (authentic, complete, compliant)',
    description:
      'The assigned handler, while the case is in review. Documents found wanting are replaced ' +
      'through a supplementary request.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.review')
  reviewDocuments(
    @claimIdParam() claimId: string,
    @Body() body: DocumentReviewRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new ReviewDocuments({ claimId, findings: body.findings }, caller), caller);
  }

  @Post('supplementary-document-requests')
  @ApiOperation({
    summary: "Ask the customer for documents, with reasons (the step's clock pauses)",
    description:
      'The assigned handler, while the case is in review. The case waits for the customer until ' +
      'intake passes on what they supply.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.review')
  requestDocuments(
    @claimIdParam() claimId: string,
    @Body() body: SupplementaryDocumentsRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new RequestSupplementaryDocuments({ claimId, items: body.items }, caller), caller);
  }

  @Post('suspicions')
  @ApiOperation({
    summary: 'Flag suspected misrepresentation or fraud (to be investigated before any approval)',
    description: 'Staff only; a customer never sees suspicions. Not before acceptance, nor once closed.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.review')
  flagSuspicion(
    @claimIdParam() claimId: string,
    @Body() body: SuspicionRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(
      new FlagSuspicion({ claimId, suspicion: body.suspicion, reason: body.reason }, caller),
      caller,
    );
  }

  @Post('investigation')
  @ApiOperation({
    summary: 'Open an investigation (查勘) by an investigator who is not the handler',
    description: 'The assigned handler, while the case is in review; the investigation step starts.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.review')
  openInvestigation(
    @claimIdParam() claimId: string,
    @Body() body: InvestigationRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { investigatorId, mode, instructions } = body;
    return this.answer(
      new OpenInvestigation({ claimId, investigatorId, mode, instructions }, caller),
      caller,
    );
  }

  @Post('investigation/findings')
  @ApiOperation({
    summary: "Record the investigation's findings, confirming or clearing each suspicion",
    description: 'The assigned investigator only; the case returns to review.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.investigate')
  recordInvestigationFindings(
    @claimIdParam() claimId: string,
    @Body() body: InvestigationFindingsRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { findings, confirmedSuspicions, clearedSuspicions } = body;
    const input = { claimId, findings, confirmedSuspicions, clearedSuspicions };
    return this.answer(new RecordInvestigationFindings(input, caller), caller);
  }

  @Post('loss-assessment')
  @ApiOperation({
    summary: 'Record the assessed loss (定损) with its itemised breakdown',
    description:
      "The assigned handler, while the case is in review. In the policy's currency; the " +
      'breakdown (at least one line) adds up to the assessed loss.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.review')
  assessLoss(
    @claimIdParam() claimId: string,
    @Body() body: LossAssessmentRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { assessedLoss, breakdown, method } = body;
    return this.answer(new AssessLoss({ claimId, assessedLoss, breakdown, method }, caller), caller);
  }

  @Post('decision-proposal')
  @ApiOperation({
    summary: "Propose to approve or deny (核赔); within the handler's authority it is decided at once",
    description:
      'The assigned handler. An approval computes the payout from the policy snapshot; above the ' +
      "handler's limit the proposal waits for the approval level it needs. A denial cites " +
      'reasons from the catalogue.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.review')
  proposeDecision(
    @claimIdParam() claimId: string,
    @Body() body: DecisionProposalRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { outcome, reasonCodes, exclusionsApplied, explanation, policyBasis } = body;
    const input = { claimId, outcome, reasonCodes, exclusionsApplied, explanation, policyBasis };
    return this.answer(new ProposeDecision(input, caller), caller);
  }

  @Post('approval')
  @ApiOperation({
    summary: 'Sign off the proposed decision (four eyes: never its handler)',
    description:
      'An approver of the required level, or a manager; the decision is recorded with its ' +
      'reasons and policy basis.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.approve')
  approve(@claimIdParam() claimId: string, @Body() body: ApprovalRequest, @CurrentCaller() caller: Caller) {
    return this.answer(new ApproveDecision({ claimId, comment: body.comment }, caller), caller);
  }

  @Post('send-back')
  @ApiOperation({
    summary: 'Send the proposed decision back to the handler with a comment',
    description: 'An approver or a manager (never the handler); the review step starts again.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.approve')
  sendBack(@claimIdParam() claimId: string, @Body() body: SendBackRequest, @CurrentCaller() caller: Caller) {
    return this.answer(new SendBackDecision({ claimId, comment: body.comment }, caller), caller);
  }

  @Post('payment-instruction')
  @ApiOperation({
    summary: 'Instruct the payment of the approved amount not paid yet (赔付)',
    description:
      'The assigned handler, once approved; the expected arrival date is computed on the ' +
      'working-day calendar.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.pay')
  instructPayment(
    @claimIdParam() claimId: string,
    @Body() body: PaymentInstructionRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.answer(new InstructPayment({ claimId, method: body.method }, caller), caller);
  }

  @Post('payment-confirmation')
  @ApiOperation({
    summary: 'Confirm the bank paid exactly the instructed amount',
    description:
      'The assigned handler. `paidOn` is a real date between the instruction and today; the ' +
      'closure step starts.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.pay')
  confirmPayment(
    @claimIdParam() claimId: string,
    @Body() body: PaymentConfirmationRequest,
    @CurrentCaller() caller: Caller,
  ) {
    const { reference, paidOn, amount } = body;
    return this.answer(new ConfirmPayment({ claimId, reference, paidOn, amount }, caller), caller);
  }

  @Post('closure')
  @ApiOperation({
    summary: 'Close a paid or denied case with its summary (结案)',
    description: 'The assigned handler; a case not yet paid or denied is refused (422 `not-closable`).',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.close')
  close(@claimIdParam() claimId: string, @Body() body: ClosureRequest, @CurrentCaller() caller: Caller) {
    return this.answer(new CloseCase({ claimId, summary: body.summary }, caller), caller);
  }

  @Post('reopening')
  @ApiOperation({
    summary: 'Reopen a closed case, saying why',
    description: 'A manager only; the case goes back to review without its decision.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCaseViewResponse, description: 'The case view after the command' })
  @RequirePermission('claim.reopen')
  reopen(@claimIdParam() claimId: string, @Body() body: ReopeningRequest, @CurrentCaller() caller: Caller) {
    return this.answer(new ReopenCase({ claimId, reason: body.reason }, caller), caller);
  }

  /** Runs the command, then answers with the case view the GET of the case returns (staff: the case view). */
  private async answer(command: Command<CaseChanged>, caller: Caller): Promise<CaseViewFor> {
    const { claimId } = await this.commands.execute(command);
    return this.queries.execute(new GetReviewCase(claimId, caller.principal));
  }
}
