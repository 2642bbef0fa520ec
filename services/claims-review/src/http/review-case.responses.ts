import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NEXT_CURSOR } from '@claims/service-host';
import { CUSTOMER_STAGES } from '../application/case-view/customer-case.view';
import { PRODUCT_LINES, POLICY_STATUSES } from '../domain/claim-facts';
import { DENIAL_REASONS } from '../domain/denial-reasons';
import {
  ASSESSMENT_METHODS,
  INVESTIGATION_MODES,
  SUSPICIONS,
} from '../domain/review-case/review-case.events';
import { CASE_STATUSES } from '../domain/review-case/review-case.state';
import { CASE_STEPS } from '../domain/review-rules';
import { TIME_LIMIT_STANDINGS } from './list.queries';

/**
 * The shapes claims review answers with, for the OpenAPI document: the staff case view (GET and
 * every command), the customer's view, the lists' pages, the time-limit board and the auditors'
 * history. Schema names start with `Review` so that they never clash with another service's.
 */

export class ReviewMoney {
  @ApiProperty({ example: 4720000, description: 'Integer minor units (fen, cents)' }) amountMinor: number;
  @ApiProperty({ example: 'CNY', description: 'ISO 4217 code' }) currency: string;
}

const DECIDED_AS = ['handler', 'approver', 'fast-track'] as const;
const PAYOUT_STEPS = [
  'policy-in-force',
  'peril-covered',
  'exclusions',
  'assessed-loss',
  'deductible',
  'coverage-ratio',
  'remaining-sum-insured',
  'payout',
] as const;
const nullableMoney = { type: ReviewMoney, nullable: true } as const;

export class ReviewPolicySnapshot {
  @ApiProperty({ example: 'MOT-2026-000001' }) policyNumber: string;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) coverStart: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) coverEnd: string;
  @ApiProperty({ type: ReviewMoney }) sumInsured: ReviewMoney;
  @ApiProperty({ type: ReviewMoney }) deductible: ReviewMoney;
  @ApiProperty({ minimum: 0, maximum: 100, example: 80 }) coverageRatioPercent: number;
  @ApiProperty({ type: [String], example: ['collision', 'theft'] }) coveredPerils: string[];
  @ApiProperty({ type: [String], example: ['drunk-driving'] }) exclusions: string[];
  @ApiProperty({ enum: POLICY_STATUSES }) status: string;
}

export class ReviewAccident {
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'collision' }) cause: string;
  @ApiProperty({ example: 'vehicle-damage' }) lossKind: string;
}

export class ReviewDocumentFinding {
  @ApiProperty() documentId: string;
  @ApiProperty() authentic: boolean;
  @ApiProperty() complete: boolean;
  @ApiProperty() compliant: boolean;
  @ApiPropertyOptional() note?: string;
}

export class ReviewCaseDocument {
  @ApiProperty({ example: 'doc-3' }) documentId: string;
  @ApiProperty({ example: 'repair-estimate' }) kind: string;
  @ApiProperty({ description: 'sha-256 of the content' }) contentHash: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ example: 20480 }) sizeBytes: number;
  @ApiProperty({ type: ReviewDocumentFinding, nullable: true, description: 'The latest finding' })
  finding: ReviewDocumentFinding | null;
}

export class ReviewPayoutStep {
  @ApiProperty({ enum: PAYOUT_STEPS }) step: string;
  @ApiProperty({ example: 'Coverage ratio 80%' }) clause: string;
  @ApiProperty() explanation: string;
  @ApiPropertyOptional({ type: ReviewMoney, description: 'The running amount after this step' })
  amount?: ReviewMoney;
}

export class ReviewPayoutCalculation {
  @ApiProperty() payable: boolean;
  @ApiProperty({ type: ReviewMoney }) payout: ReviewMoney;
  @ApiPropertyOptional({ enum: Object.keys(DENIAL_REASONS) }) denialReason?: string;
  @ApiProperty({ type: [ReviewPayoutStep] }) steps: ReviewPayoutStep[];
}

export class ReviewCaseStep {
  @ApiProperty({ enum: CASE_STEPS }) name: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while paused' })
  dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) pausedSince: string | null;
}

export class ReviewCaseDecision {
  @ApiProperty({ enum: ['approved', 'denied'] }) outcome: string;
  @ApiPropertyOptional({ type: ReviewMoney, description: 'Approved only' }) payout?: ReviewMoney;
  @ApiPropertyOptional({ enum: Object.keys(DENIAL_REASONS), isArray: true, description: 'Denied only' })
  reasonCodes?: string[];
  @ApiProperty({ description: 'With the approver’s comment, if any' }) explanation: string;
  @ApiProperty() policyBasis: string;
  @ApiProperty({ example: 'approver-1' }) decidedBy: string;
  @ApiProperty({ enum: DECIDED_AS }) decidedAs: string;
}

export class ReviewCaseProposal {
  @ApiProperty({ enum: ['approve', 'deny'] }) outcome: string;
  @ApiProperty({ type: ReviewPayoutCalculation, nullable: true }) calculation: ReviewPayoutCalculation | null;
  @ApiProperty({ enum: Object.keys(DENIAL_REASONS), isArray: true }) reasonCodes: string[];
  @ApiProperty() explanation: string;
  @ApiProperty() policyBasis: string;
  @ApiProperty() proposedBy: string;
  @ApiProperty({ description: '0: the handler decides; 1, 2: the approval level that must sign' })
  requiredLevel: number;
}

export class ReviewLossItem {
  @ApiProperty({ example: 'front bumper' }) item: string;
  @ApiProperty({ type: ReviewMoney }) amount: ReviewMoney;
}

export class ReviewLossAssessment {
  @ApiProperty({ type: ReviewMoney }) assessedLoss: ReviewMoney;
  @ApiProperty({ type: [ReviewLossItem] }) breakdown: ReviewLossItem[];
  @ApiProperty({ enum: ASSESSMENT_METHODS }) method: string;
}

export class ReviewCaseInvestigation {
  @ApiProperty() investigatorId: string;
  @ApiProperty({ enum: INVESTIGATION_MODES }) mode: string;
  @ApiProperty() completed: boolean;
  @ApiPropertyOptional() findings?: string;
}

export class ReviewCasePayment {
  @ApiProperty({ type: ReviewMoney }) amount: ReviewMoney;
  @ApiProperty({ format: 'date' }) expectedArrivalDate: string;
  @ApiPropertyOptional({ description: 'Once confirmed' }) reference?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Once confirmed' }) paidOn?: string;
}

export class ReviewClaimant {
  @ApiPropertyOptional({ description: '`[erased]` once the customer was forgotten' }) claimantName?: string;
  @ApiPropertyOptional() claimantPhone?: string;
  @ApiPropertyOptional() insuredPersonName?: string;
  @ApiPropertyOptional() place?: string;
  @ApiPropertyOptional() description?: string;
}

/** One case in a staff list (the case view shows the same fields, and more). */
export class ReviewCaseSummaryResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'CLM-2026-000123' }) claimNumber: string;
  @ApiProperty({ example: 'cust-1001' }) customerId: string;
  @ApiProperty({ example: 'MOT-2026-000001' }) policyNumber: string;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, example: 'handler-motor-1' }) handlerId: string | null;
  @ApiProperty({ type: String, nullable: true }) investigatorId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The level a proposed decision waits for' })
  approvalLevel: number | null;
  @ApiProperty({ type: String, enum: CASE_STEPS, nullable: true }) currentStep: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while paused, and once closed',
  })
  stepDueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) pausedSince: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) customerRespondBy: string | null;
  @ApiProperty({ type: String, enum: TIME_LIMIT_STANDINGS, nullable: true }) timeLimitAlert: string | null;
  @ApiProperty({ type: ReviewMoney }) estimatedLoss: ReviewMoney;
  @ApiProperty(nullableMoney) assessedLoss: ReviewMoney | null;
  @ApiProperty(nullableMoney) payout: ReviewMoney | null;
  @ApiProperty({ type: ReviewMoney }) paid: ReviewMoney;
  @ApiProperty() supplementaryRounds: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['raised', 'confirmed', 'cleared'] },
    example: { fraud: 'raised' },
    description: `By suspicion (${SUSPICIONS.join(', ')})`,
  })
  suspicions: Record<string, string>;
  @ApiProperty() fastTracked: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedArrivalDate: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
}

/** Staff: the case view, as `GET cases/:claimId` and every command on the case answer. */
export class ReviewCaseViewResponse extends ReviewCaseSummaryResponse {
  @ApiProperty({ type: String, enum: ['on-time', 'at-risk', 'overdue'], nullable: true }) standing:
    string | null;
  @ApiProperty({ type: ReviewCaseStep, nullable: true }) step: ReviewCaseStep | null;
  @ApiProperty({ type: ReviewPayoutCalculation, nullable: true })
  payoutWorking: ReviewPayoutCalculation | null;
  @ApiProperty({ type: ReviewCaseDecision, nullable: true }) decision: ReviewCaseDecision | null;
  @ApiProperty({ type: [ReviewCaseDocument] }) documents: ReviewCaseDocument[];
  @ApiProperty({ type: ReviewLossAssessment, nullable: true }) assessment: ReviewLossAssessment | null;
  @ApiProperty({ type: ReviewCaseInvestigation, nullable: true })
  investigation: ReviewCaseInvestigation | null;
  @ApiProperty({ type: ReviewCaseProposal, nullable: true }) proposal: ReviewCaseProposal | null;
  @ApiProperty({ type: ReviewCasePayment, nullable: true }) payment: ReviewCasePayment | null;
  @ApiProperty({ type: ReviewPolicySnapshot }) policy: ReviewPolicySnapshot;
  @ApiProperty({ type: ReviewAccident }) accident: ReviewAccident;
  @ApiPropertyOptional({ type: ReviewClaimant, nullable: true, description: 'Staff only, never auditors' })
  claimant?: ReviewClaimant | null;
}

/** Auditors: the case view after the events up to a cut. */
export class ReviewCaseHistoryStateResponse extends ReviewCaseViewResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The instant asked for' })
  asOf: string | null;
  @ApiProperty({ description: 'Stream revision of the last event folded in' }) revision: number;
}

export class ReviewCustomerProgress {
  @ApiProperty({ enum: CUSTOMER_STAGES }) stage: string;
  @ApiProperty({ example: 'Your claim is being reviewed.' }) description: string;
}

export class ReviewRequestedDocument {
  @ApiProperty({ example: 'repair-estimate' }) documentKind: string;
  @ApiProperty({ example: 'The estimate must be signed and stamped by the garage' }) reason: string;
}

export class ReviewCustomerDocumentRequest {
  @ApiProperty({ example: 1 }) round: number;
  @ApiProperty({ type: [ReviewRequestedDocument] }) items: ReviewRequestedDocument[];
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Please supply them by then',
  })
  respondBy: string | null;
}

export class ReviewDenialReason {
  @ApiProperty({ enum: Object.keys(DENIAL_REASONS) }) code: string;
  @ApiProperty({ example: DENIAL_REASONS.exclusion }) description: string;
}

export class ReviewCustomerDecision {
  @ApiProperty({ enum: ['approved', 'denied'] }) outcome: string;
  @ApiProperty({ ...nullableMoney, description: 'What the policy pays (approved)' })
  payout: ReviewMoney | null;
  @ApiProperty({ type: [ReviewDenialReason], description: 'Why it was denied (empty when approved)' })
  reasons: ReviewDenialReason[];
  @ApiProperty() explanation: string;
  @ApiProperty({ example: 'Motor own-damage, clause 3' }) policyBasis: string;
}

export class ReviewCustomerPayment {
  @ApiProperty({ type: ReviewMoney }) amount: ReviewMoney;
  @ApiProperty({ format: 'date', example: '2026-11-27' }) expectedArrivalDate: string;
  @ApiProperty() paid: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) paidOn: string | null;
}

/**
 * Customers: their own case — progress in plain words, what is asked of them, the decision and
 * the payment. Nothing of the insurer's internal work (investigation, suspicions, staff, time limits).
 */
export class ReviewCustomerCaseResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'CLM-2026-000123' }) claimNumber: string;
  @ApiProperty({ type: ReviewCustomerProgress }) progress: ReviewCustomerProgress;
  @ApiProperty({ type: ReviewCustomerDocumentRequest, nullable: true })
  requestedDocuments: ReviewCustomerDocumentRequest | null;
  @ApiProperty({ type: ReviewCustomerDecision, nullable: true }) decision: ReviewCustomerDecision | null;
  @ApiProperty({ type: ReviewCustomerPayment, nullable: true }) payment: ReviewCustomerPayment | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
}

export class ReviewCaseSummaryPage {
  @ApiProperty({ type: [ReviewCaseSummaryResponse] }) items: ReviewCaseSummaryResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class ReviewCustomerCasePage {
  @ApiProperty({ type: [ReviewCustomerCaseResponse] }) items: ReviewCustomerCaseResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class ReviewTimeLimitEntryResponse extends ReviewCaseSummaryResponse {
  @ApiProperty({ enum: TIME_LIMIT_STANDINGS }) standing: string;
}

export class ReviewTimeLimitPage {
  @ApiProperty({ type: [ReviewTimeLimitEntryResponse] }) items: ReviewTimeLimitEntryResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

export class ReviewActor {
  @ApiProperty({ example: 'approver-1' }) id: string;
  @ApiProperty({ example: 'approver' }) role: string;
}

/** Auditors: one stored event of the case; personal fields are named, never shown. */
export class ReviewAuditedEventResponse {
  @ApiProperty({ description: 'Stream revision (0-based)' }) revision: number;
  @ApiProperty() globalPosition: number;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'ClaimApproved' }) type: string;
  @ApiProperty({ example: 1 }) schemaVersion: number;
  @ApiProperty({ format: 'date-time', description: 'When it happened (domain clock)' }) occurredAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it was stored' }) recordedAt: string;
  @ApiProperty({ type: ReviewActor }) actor: ReviewActor;
  @ApiProperty() correlationId: string;
  @ApiProperty({ nullable: true, type: String }) causationId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'As docs/event-catalogue.md lists it',
  })
  data: Record<string, unknown>;
  @ApiProperty({ type: [String], example: ['claimantName', 'claimantPhone'] }) personalFields: string[];
}
