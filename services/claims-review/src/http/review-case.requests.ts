import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ASSESSMENT_METHODS, INVESTIGATION_MODES, PAYMENT_METHODS, SUSPICIONS } from '../domain/claim-review-events';

export class MoneyRequest {
  @IsInt() @Min(0) amountMinor: number;
  @Matches(/^[A-Z]{3}$/) currency: string;
}

export class ReassignRequest {
  @IsString() @MinLength(1) @MaxLength(100) handlerId: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason: string;
}

export class DocumentFindingRequest {
  @IsString() @MaxLength(100) documentId: string;
  @IsBoolean() authentic: boolean;
  @IsBoolean() complete: boolean;
  @IsBoolean() compliant: boolean;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class DocumentReviewRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => DocumentFindingRequest) findings: DocumentFindingRequest[];
}

export class RequestedItem {
  @IsString() @MinLength(1) @MaxLength(100) documentKind: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason: string;
}

export class SupplementaryDocumentsRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => RequestedItem) items: RequestedItem[];
}

export class SuspicionRequest {
  @IsIn(SUSPICIONS) suspicion: (typeof SUSPICIONS)[number];
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class InvestigationRequest {
  @IsString() @MinLength(1) @MaxLength(100) investigatorId: string;
  @IsIn(INVESTIGATION_MODES) mode: (typeof INVESTIGATION_MODES)[number];
  @IsString() @MaxLength(2000) instructions: string;
}

export class InvestigationFindingsRequest {
  @IsString() @MinLength(1) @MaxLength(5000) findings: string;
  @IsArray() @IsIn(SUSPICIONS, { each: true }) confirmedSuspicions: (typeof SUSPICIONS)[number][];
  @IsArray() @IsIn(SUSPICIONS, { each: true }) clearedSuspicions: (typeof SUSPICIONS)[number][];
}

export class LossItemRequest {
  @IsString() @MinLength(1) @MaxLength(200) item: string;
  @IsDefined() @ValidateNested() @Type(() => MoneyRequest) amount: MoneyRequest;
}

export class LossAssessmentRequest {
  @IsDefined() @ValidateNested() @Type(() => MoneyRequest) assessedLoss: MoneyRequest;
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => LossItemRequest) breakdown: LossItemRequest[];
  @IsIn(ASSESSMENT_METHODS.filter((m) => m !== 'fast-track')) method: 'remote' | 'on-site' | 'expert-panel';
}

export class DecisionProposalRequest {
  @IsIn(['approve', 'deny']) outcome: 'approve' | 'deny';
  @IsOptional() @IsArray() @IsString({ each: true }) reasonCodes?: string[];
  @IsOptional() @IsArray() @IsString({ each: true }) exclusionsApplied?: string[];
  @IsString() @MinLength(1) @MaxLength(5000) explanation: string;
  @IsString() @MinLength(1) @MaxLength(2000) policyBasis: string;
}

export class ApprovalRequest {
  @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class SendBackRequest {
  @IsString() @MinLength(1) @MaxLength(2000) comment: string;
}

export class PaymentInstructionRequest {
  @IsIn(PAYMENT_METHODS) method: (typeof PAYMENT_METHODS)[number];
}

export class PaymentConfirmationRequest {
  @IsString() @MinLength(1) @MaxLength(100) reference: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) paidOn: string;
  @IsDefined() @ValidateNested() @Type(() => MoneyRequest) amount: MoneyRequest;
}

export class ClosureRequest {
  @IsString() @MinLength(1) @MaxLength(5000) summary: string;
}

export class ReopeningRequest {
  @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class CaseListQuery {
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() assignee?: string;
  @IsOptional() @IsString() dueBefore?: string;
}

export class TimeLimitQuery {
  @IsOptional() @IsIn(['at-risk', 'overdue']) standing?: 'at-risk' | 'overdue';
}

export class AsOfQuery {
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/) at?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) revision?: number;
}
