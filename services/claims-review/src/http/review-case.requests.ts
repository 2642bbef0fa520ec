import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsPlainText, MoneyRequest } from '@claims/service-host';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DENIAL_REASONS } from '../domain/denial-reasons';
import {
  INVESTIGATION_MODES,
  InvestigationMode,
  PAYMENT_METHODS,
  PaymentMethod,
  SUSPICIONS,
  Suspicion,
} from '../domain/review-case/review-case.events';

/** A staff member's or a document's id: letters, digits and `._:-`, at most 100 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** A document kind, as intake's checklists name them (e.g. `repair-estimate`). */
export const DOCUMENT_KIND_PATTERN = /^[a-z0-9-]{2,60}$/;
const ID_RULE = 'must be an id of letters, digits and . _ : - (at most 100 characters)';

export const PROPOSAL_OUTCOMES = ['approve', 'deny'] as const;
export const DENIAL_REASON_CODES = Object.keys(DENIAL_REASONS) as (keyof typeof DENIAL_REASONS)[];
/** What a person may record as the method of a loss assessment (the fast track records its own). */
export const ASSESSMENT_METHODS_BY_STAFF = ['remote', 'on-site', 'expert-panel'] as const;

export class ReassignRequest {
  @ApiProperty({ example: 'handler-motor-2', pattern: ID_PATTERN.source, description: 'The new handler' })
  @Matches(ID_PATTERN, { message: `handlerId ${ID_RULE}` })
  handlerId: string;

  @ApiProperty({ example: 'Holiday cover', maxLength: 1000 })
  @IsPlainText(1000, { multiline: true })
  reason: string;
}

export class DocumentFindingRequest {
  @ApiProperty({ example: 'doc-3', pattern: ID_PATTERN.source, description: 'A document on file' })
  @Matches(ID_PATTERN, { message: `documentId ${ID_RULE}` })
  documentId: string;

  @ApiProperty({ example: true }) @IsBoolean() authentic: boolean;
  @ApiProperty({ example: false }) @IsBoolean() complete: boolean;
  @ApiProperty({ example: true }) @IsBoolean() compliant: boolean;

  @ApiPropertyOptional({ example: 'The estimate is not signed', maxLength: 1000 })
  @IsOptional()
  @IsPlainText(1000, { multiline: true })
  note?: string;
}

export class DocumentReviewRequest {
  @ApiProperty({ type: [DocumentFindingRequest], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DocumentFindingRequest)
  findings: DocumentFindingRequest[];
}

export class RequestedItem {
  @ApiProperty({ example: 'repair-estimate', pattern: DOCUMENT_KIND_PATTERN.source })
  @Matches(DOCUMENT_KIND_PATTERN, { message: 'documentKind must be a document kind such as repair-estimate' })
  documentKind: string;

  @ApiProperty({ example: 'The estimate must be signed and stamped by the garage', maxLength: 1000 })
  @IsPlainText(1000, { multiline: true })
  reason: string;
}

export class SupplementaryDocumentsRequest {
  @ApiProperty({ type: [RequestedItem], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequestedItem)
  items: RequestedItem[];
}

export class SuspicionRequest {
  @ApiProperty({ enum: SUSPICIONS, example: 'misrepresentation' })
  @IsIn(SUSPICIONS)
  suspicion: Suspicion;

  @ApiProperty({
    example: 'The vehicle was declared garaged at night; the report says street',
    maxLength: 2000,
  })
  @IsPlainText(2000, { multiline: true })
  reason: string;
}

export class InvestigationRequest {
  @ApiProperty({ example: 'investigator-1', pattern: ID_PATTERN.source, description: 'Not the handler' })
  @Matches(ID_PATTERN, { message: `investigatorId ${ID_RULE}` })
  investigatorId: string;

  @ApiProperty({ enum: INVESTIGATION_MODES, example: 'on-site' })
  @IsIn(INVESTIGATION_MODES)
  mode: InvestigationMode;

  @ApiProperty({ example: 'Inspect the vehicle and interview the witness', maxLength: 2000 })
  @IsPlainText(2000, { multiline: true })
  instructions: string;
}

export class InvestigationFindingsRequest {
  @ApiProperty({ example: 'Damage consistent with the reported collision', maxLength: 5000 })
  @IsPlainText(5000, { multiline: true })
  findings: string;

  @ApiProperty({ enum: SUSPICIONS, isArray: true, example: [], maxItems: SUSPICIONS.length })
  @IsArray()
  @ArrayMaxSize(SUSPICIONS.length)
  @ArrayUnique()
  @IsIn(SUSPICIONS, { each: true })
  confirmedSuspicions: Suspicion[];

  @ApiProperty({
    enum: SUSPICIONS,
    isArray: true,
    example: ['misrepresentation'],
    maxItems: SUSPICIONS.length,
  })
  @IsArray()
  @ArrayMaxSize(SUSPICIONS.length)
  @ArrayUnique()
  @IsIn(SUSPICIONS, { each: true })
  clearedSuspicions: Suspicion[];
}

export class LossItemRequest {
  @ApiProperty({ example: 'front bumper', maxLength: 200 })
  @IsPlainText(200)
  item: string;

  @ApiProperty({ type: MoneyRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyRequest)
  amount: MoneyRequest;
}

export class LossAssessmentRequest {
  @ApiProperty({ type: MoneyRequest, description: 'In the policy’s currency; the breakdown adds up to it' })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyRequest)
  assessedLoss: MoneyRequest;

  @ApiProperty({ type: [LossItemRequest], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => LossItemRequest)
  breakdown: LossItemRequest[];

  @ApiProperty({ enum: ASSESSMENT_METHODS_BY_STAFF, example: 'remote' })
  @IsIn(ASSESSMENT_METHODS_BY_STAFF)
  method: (typeof ASSESSMENT_METHODS_BY_STAFF)[number];
}

export class DecisionProposalRequest {
  @ApiProperty({ enum: PROPOSAL_OUTCOMES, example: 'approve' })
  @IsIn(PROPOSAL_OUTCOMES)
  outcome: (typeof PROPOSAL_OUTCOMES)[number];

  @ApiPropertyOptional({
    enum: DENIAL_REASON_CODES,
    isArray: true,
    maxItems: DENIAL_REASON_CODES.length,
    description: 'Required to deny: reasons from the catalogue',
    example: ['exclusion'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DENIAL_REASON_CODES.length)
  @ArrayUnique()
  @IsIn(DENIAL_REASON_CODES, { each: true })
  reasonCodes?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: 'Exclusions of the policy that apply (approval)',
    example: ['racing'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsPlainText(100, { each: true })
  exclusionsApplied?: string[];

  @ApiProperty({ example: 'Collision damage confirmed by photos and a signed estimate', maxLength: 5000 })
  @IsPlainText(5000, { multiline: true })
  explanation: string;

  @ApiProperty({ example: 'Motor own-damage, clause 3', maxLength: 2000 })
  @IsPlainText(2000, { multiline: true })
  policyBasis: string;
}

export class ApprovalRequest {
  @ApiPropertyOptional({ example: 'Agreed', maxLength: 2000, description: 'Internal: staff only' })
  @IsOptional()
  @IsPlainText(2000, { multiline: true })
  comment?: string;
}

export class SendBackRequest {
  @ApiProperty({
    example: 'Get an expert panel opinion',
    maxLength: 2000,
    description: 'Internal: staff only',
  })
  @IsPlainText(2000, { multiline: true })
  comment: string;
}

export class PaymentInstructionRequest {
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank-transfer' })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;
}

export class PaymentConfirmationRequest {
  @ApiProperty({ example: 'BANK-20250612-0001', maxLength: 100, description: 'The bank’s reference' })
  @IsPlainText(100)
  reference: string;

  @ApiProperty({
    example: '2025-06-12',
    format: 'date',
    description: 'The day the money was paid: a real date, not after today nor before the instruction',
  })
  @IsCalendarDate()
  paidOn: string;

  @ApiProperty({ type: MoneyRequest, description: 'Exactly the instructed amount' })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyRequest)
  amount: MoneyRequest;
}

export class ClosureRequest {
  @ApiProperty({ example: 'Paid in full', maxLength: 5000 })
  @IsPlainText(5000, { multiline: true })
  summary: string;
}

export class ReopeningRequest {
  @ApiProperty({ example: 'The customer found a second invoice', maxLength: 2000 })
  @IsPlainText(2000, { multiline: true })
  reason: string;
}
