import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NEXT_CURSOR, PageQuery } from '@claims/service-host';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  CLAIM_STATUSES,
  ClaimStatus,
  REVIEW_STAGES,
} from '../../domain/claim-application/claim-application.state';
import { CUSTOMER_STAGES, CustomerStage } from '../../domain/claim-application/customer-stage';
import { PRODUCT_LINES } from '../../domain/vocabulary';
import { ID_PATTERN, IntakeMoney } from './money-and-ids.dto';

export class ClaimListQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Staff only: one customer’s claims (a customer always lists their own)',
    pattern: ID_PATTERN.source,
    example: 'cust-1001',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'customerId must be an id (letters, digits, . _ : -)' })
  customerId?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES, description: 'Staff only: the application’s own status' })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;

  @ApiPropertyOptional({
    enum: CUSTOMER_STAGES,
    description: 'Where the claim stands, as the customer is told it',
  })
  @IsOptional()
  @IsIn(CUSTOMER_STAGES)
  stage?: CustomerStage;
}

export class ClaimProgressResponse {
  @ApiProperty({
    enum: CUSTOMER_STAGES,
    example: 'payment-on-its-way',
    description:
      'reported (documents to supply), received (submitted, with the claims team), under-review, ' +
      'documents-requested, approved, denied, payment-on-its-way, paid, closed',
  })
  stage: CustomerStage;

  @ApiProperty({ example: 'The payment of CNY 11,500.00 is on its way; expect it by 2026-03-13.' })
  description: string;
}

export class RequestedDocumentResponse {
  @ApiProperty({ example: 'witness-statement' }) documentKind: string;
  @ApiProperty({ example: 'Two versions of events: a witness statement would settle it' }) reason: string;
}

export class RequestedDocumentsResponse {
  @ApiProperty({ type: 'integer', example: 1, minimum: 1 }) round: number;
  @ApiProperty({ type: [RequestedDocumentResponse] }) items: RequestedDocumentResponse[];
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}

export class DenialReasonResponse {
  @ApiProperty({ example: 'below-deductible' }) code: string;
  @ApiProperty({ example: 'The assessed loss does not exceed your deductible.' }) description: string;
}

/** The decision as the customer's notice gives it. */
export class CustomerDecisionResponse {
  @ApiProperty({ enum: ['approved', 'denied'] }) outcome: string;
  @ApiProperty({
    type: IntakeMoney,
    nullable: true,
    description: 'What the policy pays (approved), else null',
  })
  payout: IntakeMoney | null;
  @ApiProperty({
    type: [DenialReasonResponse],
    description: 'The reasons of a denial, in plain words (else empty)',
  })
  reasons: DenialReasonResponse[];
  @ApiProperty({ example: 'Repair costs as assessed, net of the deductible.' }) explanation: string;
  @ApiProperty({ example: 'Motor policy, section 3 (own damage)' }) policyBasis: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class CustomerPaymentResponse {
  @ApiProperty({ type: IntakeMoney }) amount: IntakeMoney;
  @ApiProperty({
    format: 'date',
    example: '2026-03-13',
    description: 'When the money should have arrived by',
  })
  expectedArrivalDate: string;
  @ApiProperty() paid: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) paidOn: string | null;
}

/** A claim's status as its customer sees it (GET /claims and GET /claims/{claimId}/status with a customer token). */
export class CustomerClaimStatusResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'CLM-2026-000001' }) claimNumber: string;
  @ApiProperty({ example: 'MOT-2026-000001' }) policyNumber: string;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
  @ApiProperty({ type: ClaimProgressResponse }) progress: ClaimProgressResponse;
  @ApiProperty({
    type: RequestedDocumentsResponse,
    nullable: true,
    description: 'What claims review asks the customer for, while a request is open',
  })
  requestedDocuments: RequestedDocumentsResponse | null;
  @ApiProperty({ type: CustomerDecisionResponse, nullable: true }) decision: CustomerDecisionResponse | null;
  @ApiProperty({ type: CustomerPaymentResponse, nullable: true }) payment: CustomerPaymentResponse | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'When anything of the claim last changed' })
  updatedAt: string;
}

export class StaffDecisionResponse {
  @ApiProperty({ enum: ['approved', 'denied'] }) outcome: string;
  @ApiProperty({ type: IntakeMoney, nullable: true }) payout: IntakeMoney | null;
  @ApiProperty({ type: [String], example: [] }) reasonCodes: string[];
  @ApiProperty() explanation: string;
  @ApiProperty() policyBasis: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class StaffPaymentResponse {
  @ApiProperty({ type: IntakeMoney }) amount: IntakeMoney;
  @ApiProperty({ format: 'date' }) expectedArrivalDate: string;
  @ApiProperty({ format: 'date-time' }) instructedAt: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) paidOn: string | null;
}

export class ReopeningResponse {
  @ApiProperty({ example: 'New evidence from the customer' }) reason: string;
  @ApiProperty({ format: 'date-time' }) reopenedAt: string;
}

/** A claim's status as staff see it (GET /claims and GET /claims/{claimId}/status with a staff token). */
export class StaffClaimStatusResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'CLM-2026-000001' }) claimNumber: string;
  @ApiProperty({ example: 'cust-1001' }) customerId: string;
  @ApiProperty({ example: 'MOT-2026-000001' }) policyNumber: string;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
  @ApiProperty({ example: 'hotline' }) channel: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'agent-1',
    description: 'The agent who took the report',
  })
  agentId: string | null;
  @ApiProperty({ enum: CLAIM_STATUSES, description: 'The application’s own status' }) status: string;
  @ApiProperty({ enum: CUSTOMER_STAGES }) stage: string;
  @ApiProperty({
    enum: REVIEW_STAGES,
    nullable: true,
    description: 'Where claims review has it (null before submission)',
  })
  reviewStage: string | null;
  @ApiProperty({ type: 'integer', example: 4 }) documentsSupplied: number;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) openSupplementaryRound: number | null;
  @ApiProperty({ type: RequestedDocumentsResponse, nullable: true })
  requestedDocuments: RequestedDocumentsResponse | null;
  @ApiProperty({ type: StaffDecisionResponse, nullable: true }) decision: StaffDecisionResponse | null;
  @ApiProperty({ type: StaffPaymentResponse, nullable: true }) payment: StaffPaymentResponse | null;
  @ApiProperty({ type: ReopeningResponse, nullable: true }) reopened: ReopeningResponse | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: ClaimProgressResponse, description: 'What the customer is told' })
  progress: ClaimProgressResponse;
}

export class StaffClaimStatusPage {
  @ApiProperty({ type: [StaffClaimStatusResponse] }) items: StaffClaimStatusResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class CustomerClaimStatusPage {
  @ApiProperty({ type: [CustomerClaimStatusResponse] }) items: CustomerClaimStatusResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}
