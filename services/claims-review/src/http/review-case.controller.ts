import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Principal, RequestScope, RequirePermission, commandContextOf } from '@claims/service-host';
import { Acceptance } from '../application/commands/acceptance';
import { Adjudication } from '../application/commands/adjudication';
import { InvestigationAndAssessment } from '../application/commands/investigation';
import { MaterialReview } from '../application/commands/material-review';
import { Settlement } from '../application/commands/settlement';
import { ReviewCase } from '../domain/review-case';
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

const claimIdParam = () => Param('claimId', new ParseUUIDPipe());

/** Staff commands on a review case; each answers with the case's state after the change. */
@ApiTags('claims-review')
@ApiBearerAuth()
@Controller('claims-review/cases/:claimId')
export class ReviewCaseController {
  constructor(
    private readonly acceptance: Acceptance,
    private readonly materialReview: MaterialReview,
    private readonly investigation: InvestigationAndAssessment,
    private readonly adjudication: Adjudication,
    private readonly settlement: Settlement,
  ) {}

  @Post('acceptance') @HttpCode(200) @RequirePermission('claim.accept')
  accept(@claimIdParam() claimId: string, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.acceptance.accept({ claimId, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('reassignment') @HttpCode(200) @RequirePermission('claim.assign')
  reassign(@claimIdParam() claimId: string, @Body() body: ReassignRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.acceptance.reassign({ claimId, ...body, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('document-review') @HttpCode(200) @RequirePermission('claim.review')
  reviewDocuments(@claimIdParam() claimId: string, @Body() body: DocumentReviewRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.materialReview.recordFindings({ claimId, findings: body.findings, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('supplementary-document-requests') @HttpCode(200) @RequirePermission('claim.review')
  requestDocuments(@claimIdParam() claimId: string, @Body() body: SupplementaryDocumentsRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.materialReview.requestDocuments({ claimId, items: body.items, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('suspicions') @HttpCode(200) @RequirePermission('claim.review')
  flagSuspicion(@claimIdParam() claimId: string, @Body() body: SuspicionRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.investigation.flagSuspicion({ claimId, ...body, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('investigation') @HttpCode(200) @RequirePermission('claim.review')
  openInvestigation(@claimIdParam() claimId: string, @Body() body: InvestigationRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.investigation.openInvestigation({ claimId, ...body, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('investigation/findings') @HttpCode(200) @RequirePermission('claim.investigate')
  recordInvestigationFindings(@claimIdParam() claimId: string, @Body() body: InvestigationFindingsRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    const { findings, confirmedSuspicions: confirmed, clearedSuspicions: cleared } = body;
    return this.investigation.recordFindings({ claimId, findings, confirmed, cleared, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('loss-assessment') @HttpCode(200) @RequirePermission('claim.review')
  assessLoss(@claimIdParam() claimId: string, @Body() body: LossAssessmentRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.investigation.assessLoss({ claimId, ...body, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('decision-proposal') @HttpCode(200) @RequirePermission('claim.review')
  proposeDecision(@claimIdParam() claimId: string, @Body() body: DecisionProposalRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.adjudication.propose({ claimId, ...body, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('approval') @HttpCode(200) @RequirePermission('claim.approve')
  approve(@claimIdParam() claimId: string, @Body() body: ApprovalRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.adjudication.approve({ claimId, comment: body.comment, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('send-back') @HttpCode(200) @RequirePermission('claim.approve')
  sendBack(@claimIdParam() claimId: string, @Body() body: SendBackRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.adjudication.sendBack({ claimId, comment: body.comment, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('payment-instruction') @HttpCode(200) @RequirePermission('claim.pay')
  instructPayment(@claimIdParam() claimId: string, @Body() body: PaymentInstructionRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.settlement.instructPayment({ claimId, method: body.method, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('payment-confirmation') @HttpCode(200) @RequirePermission('claim.pay')
  confirmPayment(@claimIdParam() claimId: string, @Body() body: PaymentConfirmationRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.settlement.confirmPayment({ claimId, ...body, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('closure') @HttpCode(200) @RequirePermission('claim.close')
  close(@claimIdParam() claimId: string, @Body() body: ClosureRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.settlement.close({ claimId, summary: body.summary, context: commandContextOf(p, s) }).then(stateOf);
  }

  @Post('reopening') @HttpCode(200) @RequirePermission('claim.reopen')
  reopen(@claimIdParam() claimId: string, @Body() body: ReopeningRequest, @CurrentPrincipal() p: Principal, @CurrentScope() s: RequestScope) {
    return this.settlement.reopen({ claimId, reason: body.reason, context: commandContextOf(p, s) }).then(stateOf);
  }
}

function stateOf(reviewCase: ReviewCase) {
  return reviewCase.snapshot();
}
