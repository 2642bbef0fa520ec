import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { CLAIM_STATUSES } from '../../domain/claim/claim-application';
import { CHANNELS, Channel, FEEDBACK_CHANNELS, FeedbackChannel, LOSS_KINDS, LossKind } from '../../domain/vocabulary';
import { ID_PATTERN, MoneyDto, POLICY_NUMBER_PATTERN } from './money-and-ids.dto';

export class AccidentDto {
  @ApiProperty({ example: '2026-03-09T08:30:00+08:00', description: 'ISO 8601 instant with offset' })
  @IsISO8601({ strict: true })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/i, { message: 'occurredAt must carry a time zone offset' })
  occurredAt: string;
  @ApiProperty({ example: 'Junction of Huaihai Road and Shaanxi Road, Shanghai' }) @IsString() @Length(1, 300) place: string;
  @ApiProperty({ example: 'collision', description: 'Cause code' }) @Matches(/^[a-z0-9-]{2,60}$/) cause: string;
  @ApiProperty({ example: 'Rear-ended by a taxi while waiting at a red light.' }) @IsString() @Length(1, 4000) description: string;
  @ApiProperty({ enum: LOSS_KINDS }) @IsIn(LOSS_KINDS) lossKind: LossKind;
}

export class ClaimantDto {
  @ApiProperty({ example: 'Li Na' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: '+86 138 0000 1001' }) @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be a phone number' }) phone: string;
}

export class ReportClaimRequest {
  @ApiProperty({ example: 'MOT-2026-000001' }) @Matches(POLICY_NUMBER_PATTERN) policyNumber: string;
  @ApiProperty({ example: 'cust-1001' }) @Matches(ID_PATTERN) insuredPersonId: string;
  @ApiProperty({ type: AccidentDto }) @IsDefined() @ValidateNested() @Type(() => AccidentDto) accident: AccidentDto;
  @ApiProperty({ type: MoneyDto }) @IsDefined() @ValidateNested() @Type(() => MoneyDto) estimatedLoss: MoneyDto;
  @ApiProperty({ type: ClaimantDto }) @IsDefined() @ValidateNested() @Type(() => ClaimantDto) claimant: ClaimantDto;
  @ApiProperty({ enum: FEEDBACK_CHANNELS }) @IsIn(FEEDBACK_CHANNELS) feedbackChannel: FeedbackChannel;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel: Channel;
  @ApiPropertyOptional({ format: 'uuid', description: 'The consultation this report came from' }) @IsOptional() @IsUUID() consultationId?: string;
}

export class UploadDocumentRequest {
  @ApiProperty({ example: 'accident-report', description: 'A kind from the claim checklist, or one claims review asked for' })
  @Matches(/^[a-z0-9-]{2,60}$/)
  kind: string;

  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, JPEG, PNG, HEIC or WebP, at most 10 MiB' })
  @IsOptional()
  file?: unknown;
}

export class ClaimListFilter {
  @ApiPropertyOptional({ description: 'Staff only; customers always see their own' }) @IsOptional() @Matches(ID_PATTERN) customerId?: string;
  @ApiPropertyOptional({ enum: CLAIM_STATUSES }) @IsOptional() @IsIn(CLAIM_STATUSES) status?: string;
}

export class AsOfQuery {
  @ApiProperty({ example: '2026-03-10T10:00:00Z' }) @IsISO8601({ strict: true }) at: string;
}

export class ClaimReportedResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'CLM-2026-000001' }) claimNumber: string;
  @ApiProperty({ example: 'collecting-documents' }) status: string;
}

export class ClaimStatusChangedResponse extends ClaimReportedResponse {
  @ApiProperty({ description: 'Revision to send as If-Match on the next change' }) revision: number;
}

export class DocumentAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: 'accident-report' }) kind: string;
  @ApiProperty({ example: 'sha-256 hex' }) contentHash: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() revision: number;
}

export class ClaimStatusResponse {
  @ApiProperty() claimId: string;
  @ApiProperty() claimNumber: string;
  @ApiProperty() customerId: string;
  @ApiProperty() policyNumber: string;
  @ApiProperty() productLine: string;
  @ApiProperty() channel: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: string;
  @ApiProperty() documentsSupplied: number;
  @ApiProperty({ nullable: true }) openSupplementaryRound: number | null;
  @ApiProperty() reportedAt: string;
  @ApiProperty({ nullable: true }) submittedAt: string | null;
}

/** A motor claim report as the hotline takes it: the API documentation's example, and the tests' report. */
export const EXAMPLE_CLAIM_REPORT = {
  policyNumber: 'MOT-2026-000001',
  insuredPersonId: 'cust-1001',
  accident: {
    occurredAt: '2026-03-09T08:30:00+08:00',
    place: 'Junction of Huaihai Road and Shaanxi Road, Shanghai',
    cause: 'collision',
    description: 'Rear-ended by a taxi while waiting at a red light.',
    lossKind: 'vehicle-damage',
  },
  estimatedLoss: { amountMinor: 1250000, currency: 'CNY' },
  claimant: { name: 'Li Na', phone: '+86 138 0000 1001' },
  feedbackChannel: 'sms',
  channel: 'hotline',
};
