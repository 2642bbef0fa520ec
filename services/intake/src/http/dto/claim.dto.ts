import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInstant, IsPlainText, MoneyRequest } from '@claims/service-host';
import { IsDefined, IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { CLAIM_STATUSES } from '../../domain/claim-application/claim-application.state';
import { ACCEPTED_MEDIA_TYPES } from '@claims/documents';
import { POLICY_STATUSES } from '../../domain/policy/policy.events';
import {
  CHANNELS,
  Channel,
  FEEDBACK_CHANNELS,
  FeedbackChannel,
  LOSS_KINDS,
  LossKind,
  PRODUCT_LINES,
} from '../../domain/vocabulary';
import { ClaimProgressResponse, RequestedDocumentResponse } from './claim-status.dto';
import {
  CODE_PATTERN,
  ID_PATTERN,
  IntakeMoney,
  PHONE_PATTERN,
  POLICY_NUMBER_PATTERN,
} from './money-and-ids.dto';

export class AccidentDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-03-09T08:30:00+08:00',
    description: 'ISO 8601 instant with its offset; not in the future',
  })
  @IsInstant()
  occurredAt: string;

  @ApiProperty({ example: 'Junction of Huaihai Road and Shaanxi Road, Shanghai', maxLength: 300 })
  @IsPlainText(300)
  place: string;

  @ApiProperty({ example: 'collision', description: 'Cause code', pattern: CODE_PATTERN.source })
  @Matches(CODE_PATTERN, { message: 'cause must be a code (lower-case words and hyphens)' })
  cause: string;

  @ApiProperty({
    example: 'Rear-ended by a taxi while waiting at a red light.',
    maxLength: 4000,
    description: 'What happened, in the customer’s words (line breaks allowed)',
  })
  @IsPlainText(4000, { multiline: true })
  description: string;

  @ApiProperty({ enum: LOSS_KINDS, example: 'vehicle-damage' })
  @IsIn(LOSS_KINDS)
  lossKind: LossKind;
}

export class ClaimantDto {
  @ApiProperty({ example: 'Li Na', maxLength: 100 })
  @IsPlainText(100)
  name: string;

  @ApiProperty({ example: '+86 138 0000 1001', pattern: PHONE_PATTERN.source })
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number' })
  phone: string;
}

export class ReportClaimRequest {
  @ApiProperty({ example: 'MOT-2026-000001', pattern: POLICY_NUMBER_PATTERN.source })
  @Matches(POLICY_NUMBER_PATTERN, { message: 'policyNumber must be upper-case letters, digits and hyphens' })
  policyNumber: string;

  @ApiProperty({
    example: 'cust-1001',
    pattern: ID_PATTERN.source,
    description: 'A person the policy insures',
  })
  @Matches(ID_PATTERN, { message: 'insuredPersonId must be an id (letters, digits, . _ : -)' })
  insuredPersonId: string;

  @ApiProperty({ type: AccidentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AccidentDto)
  accident: AccidentDto;

  @ApiProperty({ type: MoneyRequest, description: 'A positive amount in the policy’s currency' })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyRequest)
  estimatedLoss: MoneyRequest;

  @ApiProperty({ type: ClaimantDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ClaimantDto)
  claimant: ClaimantDto;

  @ApiProperty({
    enum: FEEDBACK_CHANNELS,
    example: 'sms',
    description: 'How the customer wants to hear back',
  })
  @IsIn(FEEDBACK_CHANNELS)
  feedbackChannel: FeedbackChannel;

  @ApiProperty({ enum: CHANNELS, example: 'hotline', description: 'Where the report came in' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiPropertyOptional({ format: 'uuid', description: 'The consultation this report came from' })
  @IsOptional()
  @IsUUID()
  consultationId?: string;
}

export class UploadDocumentRequest {
  @ApiProperty({
    example: 'accident-report',
    pattern: CODE_PATTERN.source,
    description: 'A kind from the claim’s checklist, or one claims review asked for',
  })
  @Matches(CODE_PATTERN, { message: 'kind must be a document kind (lower-case words and hyphens)' })
  kind: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'PDF, JPEG, PNG, HEIC or WebP, at most 10 MiB; its content must be of the declared type ' +
      '(checked by its signature bytes)',
  })
  @IsOptional()
  file?: unknown;
}

export class ChecklistItemResponse {
  @ApiProperty({ example: 'accident-report' }) kind: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ example: 'The police or traffic accident report.' }) description: string;
  @ApiProperty({ description: 'A document of this kind is on the claim' }) supplied: boolean;
}

export class MissingDocumentResponse {
  @ApiProperty({ example: 'driving-licence' }) kind: string;
  @ApiProperty({ example: 'Your driving licence (both sides).' }) description: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: 'accident-report' }) kind: string;
  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    example: '9f2c1b0e5d8a4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b',
    description: 'SHA-256 (hex) of the file as uploaded',
  })
  contentHash: string;
  @ApiProperty({ enum: ACCEPTED_MEDIA_TYPES, example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ type: 'integer', example: 48213 }) sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: 'The supplementary round it answers (null: supplied with the application)',
  })
  round: number | null;
}

/** An uploaded document: what the upload answers and GET …/documents/{documentId} shows (staff and customer). */
export class ClaimDocumentResponse extends DocumentResponse {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({
    type: 'integer',
    description: 'Revision of the claim, to send as If-Match on the next change',
  })
  revision: number;
}

export class SupplementaryRoundResponse {
  @ApiProperty({ type: 'integer', example: 1 }) round: number;
  @ApiProperty({ type: [RequestedDocumentResponse] }) items: RequestedDocumentResponse[];
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while it is open' })
  providedAt: string | null;
}

export class AccidentFactsResponse {
  @ApiProperty({ format: 'date-time', example: '2026-03-09T00:30:00.000Z' }) occurredAt: string;
  @ApiProperty({ example: 'collision' }) cause: string;
  @ApiProperty({ enum: LOSS_KINDS }) lossKind: string;
}

export class PolicySnapshotResponse {
  @ApiProperty({ example: 'MOT-2026-000001' }) policyNumber: string;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) coverStart: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) coverEnd: string;
  @ApiProperty({ type: IntakeMoney }) sumInsured: IntakeMoney;
  @ApiProperty({ type: IntakeMoney }) deductible: IntakeMoney;
  @ApiProperty({ type: 'integer', example: 100 }) coverageRatioPercent: number;
  @ApiProperty({ type: [String], example: ['collision', 'theft'] }) coveredPerils: string[];
  @ApiProperty({ type: [String], example: ['drunk-driving'] }) exclusions: string[];
  @ApiProperty({ enum: POLICY_STATUSES }) status: string;
}

/** What the staff and the customer views of an application share. */
class ApplicationParts {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'CLM-2026-000001' }) claimNumber: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The consultation it came from' })
  consultationId: string | null;
  @ApiProperty({ example: 'cust-1001' }) insuredPersonId: string;
  @ApiProperty({ type: AccidentFactsResponse }) accident: AccidentFactsResponse;
  @ApiProperty({ type: IntakeMoney }) estimatedLoss: IntakeMoney;
  @ApiProperty({ enum: FEEDBACK_CHANNELS }) feedbackChannel: string;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ example: 'Li Na' }) claimantName: string;
  @ApiProperty({ example: '+86 138 0000 1001' }) claimantPhone: string;
  @ApiProperty({ example: 'Li Na' }) insuredPersonName: string;
  @ApiProperty({ example: 'Junction of Huaihai Road and Shaanxi Road, Shanghai' }) place: string;
  @ApiProperty({ example: 'Rear-ended by a taxi while waiting at a red light.' }) description: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: ClaimProgressResponse, description: 'Where the claim stands, to closure' })
  progress: ClaimProgressResponse;
  @ApiProperty({
    type: 'integer',
    description: 'Revision to send as If-Match on the next change (also the ETag)',
  })
  revision: number;
  @ApiProperty({ type: [ChecklistItemResponse] }) checklist: ChecklistItemResponse[];
  @ApiProperty({ type: [MissingDocumentResponse], description: 'Required documents not supplied yet' })
  missingDocuments: MissingDocumentResponse[];
  @ApiProperty({ type: [DocumentResponse] }) documents: DocumentResponse[];
  @ApiProperty({
    type: [SupplementaryRoundResponse],
    description: 'The rounds of documents claims review asked for',
  })
  supplementaryRequests: SupplementaryRoundResponse[];
}

/** The claim application as the front desk sees it: what every command on a claim answers staff, and GET shows them. */
export class ClaimApplicationResponse extends ApplicationParts {
  @ApiProperty({ example: 'cust-1001' }) customerId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'agent-1',
    description: 'The agent who took the report',
  })
  agentId: string | null;
  @ApiProperty({ type: PolicySnapshotResponse, description: 'The policy snapshot as of the report' })
  policy: PolicySnapshotResponse;
  @ApiProperty({ enum: CLAIM_STATUSES, description: 'The application’s own status' }) status: string;
}

/**
 * The claim application as its customer sees it: what every command on a claim answers a customer,
 * and GET shows them. No agent, internal status or policy snapshot (see GET /policies/{policyNumber}).
 */
export class CustomerClaimApplicationResponse extends ApplicationParts {
  @ApiProperty({ example: 'MOT-2026-000001' }) policyNumber: string;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
}

/** Auditors: the application after the events up to a cut. */
export class ClaimApplicationAsOfResponse extends ClaimApplicationResponse {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The instant asked for (null for a cut by revision only)',
  })
  asOf: string | null;
}

export class ActorResponse {
  @ApiProperty({ example: 'agent-1' }) id: string;
  @ApiProperty({ example: 'customer-service' }) role: string;
}

/** Auditors: one stored event; personal fields are named, never shown. */
export class AuditedEventResponse {
  @ApiProperty({ type: 'integer', description: 'Stream revision (0-based)' }) revision: number;
  @ApiProperty({ type: 'integer' }) globalPosition: number;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'ClaimReported' }) type: string;
  @ApiProperty({ type: 'integer', example: 1 }) schemaVersion: number;
  @ApiProperty({ format: 'date-time', description: 'When it happened (domain clock)' }) occurredAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it was stored' }) recordedAt: string;
  @ApiProperty({ type: ActorResponse }) actor: ActorResponse;
  @ApiProperty() correlationId: string;
  @ApiProperty({ type: String, nullable: true }) causationId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'As docs/event-catalogue.md lists it for the type',
  })
  data: Record<string, unknown>;
  @ApiProperty({ type: [String], example: ['claimantName', 'claimantPhone'] }) personalFields: string[];
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
