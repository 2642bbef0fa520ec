import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsInstant, IsPlainText, MoneyRequest, PageQuery } from '@claims/service-host';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPLAINT_CHANNELS, ComplaintChannel } from '../domain/complaint-rules';
import {
  AGENT_RELATIONSHIPS,
  AUTHORISATION_KINDS,
  AgentRelationship,
  COMPLAINT_OUTCOMES,
  CONTACT_OUTCOMES,
  CONTACT_PARTIES,
  ComplaintOutcome,
  ContactOutcome,
  ContactParty,
  DECLINE_REASONS,
  DeclineReason,
  EVIDENCE_SOURCES,
  EvidenceSource,
  REMEDY_KINDS,
  RESPONSIBLE_PARTIES,
  RemedyKind,
  ResponsibleParty,
} from '../domain/complaint/complaint.events';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../domain/complaint/complaint.state';

/** A staff member's, a document's or a customer's id: letters, digits and `._:-`, at most 100 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_RULE = 'must be an id of letters, digits and . _ : - (at most 100 characters)';
/** A code of a taxonomy kept as data (category, risk factor, root cause). */
const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}$/;
const CLAIM_NUMBER = /^CLM-\d{4}-\d{6}$/;
const COMPLAINT_NUMBER = /^CMP-\d{4}-\d{6}$/;
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
const CHANNEL_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

export class ComplaintAuthorisationRequest {
  @ApiProperty({ enum: AUTHORISATION_KINDS })
  @IsIn(AUTHORISATION_KINDS)
  kind: (typeof AUTHORISATION_KINDS)[number];
  @ApiProperty({ example: 'doc-poa-1', description: 'The document on file that proves it' })
  @Matches(ID_PATTERN, { message: `documentId ${ID_RULE}` })
  documentId: string;
  @ApiPropertyOptional({ example: '2027-12-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

export class ComplaintAgentRequest {
  @ApiProperty({ enum: AGENT_RELATIONSHIPS }) @IsIn(AGENT_RELATIONSHIPS) relationship: AgentRelationship;
  @ApiProperty({ example: '王大明', description: 'Personal data: sealed' }) @IsPlainText(100) name: string;
  @ApiProperty({ type: ComplaintAuthorisationRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ComplaintAuthorisationRequest)
  authorisation: ComplaintAuthorisationRequest;
}

export class ComplaintGroupRequest {
  @ApiProperty({ example: 40 }) @IsInt() @Min(2) @Max(100_000) size: number;
  @ApiProperty({ example: 3, description: 'At most 5 (the rules)' })
  @IsInt()
  @Min(1)
  @Max(100)
  representatives: number;
}

export class ComplaintAttachmentRequest {
  @ApiProperty({ example: 'doc-1' })
  @Matches(ID_PATTERN, { message: `documentId ${ID_RULE}` })
  documentId: string;
  @ApiProperty({ example: 'repair-invoice' }) @Matches(CODE_PATTERN) kind: string;
  @ApiProperty({ example: 'sha256-3f2a…' }) @Matches(/^[A-Za-z0-9:+/=_-]{8,200}$/) contentHash: string;
  @ApiProperty({ example: 'application/pdf' }) @Matches(/^[a-z]+\/[a-z0-9.+-]{1,80}$/) mediaType: string;
  @ApiProperty({ example: 182044 }) @IsInt() @Min(1) @Max(50_000_000) sizeBytes: number;
}

/** What a complainant tells, on any channel (through staff or themselves). */
export class ComplaintSubmission {
  @ApiProperty({ example: '王小明', description: 'Personal data: sealed' }) @IsPlainText(100) name: string;
  @ApiProperty({ example: '13800000000', description: 'Personal data: sealed' })
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone: string;
  @ApiPropertyOptional({ example: 'wang@example.cn' }) @IsOptional() @IsEmail() email?: string;
  @ApiProperty({ example: 'My repair claim was cut by half without a reason', description: 'Sealed' })
  @IsPlainText(5000, { multiline: true })
  description: string;
  @ApiProperty({ example: 'Pay the full repair bill', description: 'What the complainant asks for, sealed' })
  @IsPlainText(2000, { multiline: true })
  request: string;
  @ApiProperty({ example: 'payout-amount', description: 'A category of the taxonomy (rules data)' })
  @Matches(CODE_PATTERN)
  category: string;
  @ApiPropertyOptional({ example: ['CLM-2026-000123'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CLAIM_NUMBER, { each: true, message: 'relatedClaimNumbers must be claim numbers CLM-YYYY-NNNNNN' })
  relatedClaimNumbers?: string[];
  @ApiPropertyOptional({ example: 'POL-MOTOR-0001' })
  @IsOptional()
  @Matches(ID_PATTERN)
  policyNumber?: string;
  @ApiPropertyOptional({ enum: REMEDY_KINDS, isArray: true, example: ['payment'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REMEDY_KINDS.length)
  @ArrayUnique()
  @IsIn(REMEDY_KINDS, { each: true })
  requestedRemedies?: RemedyKind[];
  @ApiPropertyOptional({ type: MoneyRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyRequest)
  amountClaimed?: MoneyRequest;
  @ApiPropertyOptional({ type: ComplaintAgentRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintAgentRequest)
  agent?: ComplaintAgentRequest;
  @ApiPropertyOptional({
    type: [ComplaintAttachmentRequest],
    description: 'Documents uploaded as in intake (checked, sealed, hashed)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ComplaintAttachmentRequest)
  attachments?: ComplaintAttachmentRequest[];
}

/** Staff register a complaint received on a channel, for a known customer or not. */
export class ReceiveComplaintRequest extends ComplaintSubmission {
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) @IsIn(COMPLAINT_CHANNELS) channel: ComplaintChannel;
  @ApiPropertyOptional({ example: 'cust-42' }) @IsOptional() @Matches(ID_PATTERN) customerId?: string;
  @ApiPropertyOptional({
    example: 'NFRA-SH-2026-0042',
    description: "A transferred complaint's regulator reference",
  })
  @IsOptional()
  @Matches(ID_PATTERN)
  regulatorReference?: string;
  @ApiPropertyOptional({ type: ComplaintGroupRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintGroupRequest)
  group?: ComplaintGroupRequest;
}

/** A customer complains through the website or the app. */
export class CustomerComplaintRequest extends ComplaintSubmission {
  @ApiProperty({ enum: ['website', 'mobile-app', 'wechat'] })
  @IsIn(['website', 'mobile-app', 'wechat'])
  channel: 'website' | 'mobile-app' | 'wechat';
}

export class ComplaintAcceptanceRequest {
  @ApiProperty({
    example: ['vulnerable-customer'],
    type: [String],
    description: 'Risk factors of the taxonomy',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CODE_PATTERN, { each: true })
  riskFactors: string[];
  @ApiProperty({ example: 'Elderly customer living alone' })
  @IsPlainText(2000, { multiline: true })
  riskNote: string;
}

export class ComplaintDeclineRequest {
  @ApiProperty({ enum: DECLINE_REASONS }) @IsIn(DECLINE_REASONS) reason: DeclineReason;
  @ApiPropertyOptional({ example: 'CMP-2026-000007', description: 'The open complaint this one duplicates' })
  @IsOptional()
  @Matches(COMPLAINT_NUMBER)
  duplicateOf?: string;
  @ApiProperty({ example: 'A question about cover, not a complaint' })
  @IsPlainText(2000, { multiline: true })
  explanation: string;
}

export class ComplaintAssignmentRequest {
  @ApiProperty({ example: 'complaint-handler-1' })
  @Matches(ID_PATTERN, { message: `handlerId ${ID_RULE}` })
  handlerId: string;
  @ApiProperty({
    enum: ['customer-service', 'claims-handler', 'manager'],
    description: 'The role the handler works in',
  })
  @IsIn(['customer-service', 'claims-handler', 'manager'])
  handlerRole: string;
}

export class ComplaintContactRequest {
  @ApiProperty({ enum: CONTACT_PARTIES }) @IsIn(CONTACT_PARTIES) party: ContactParty;
  @ApiProperty({ example: 'phone' }) @Matches(CHANNEL_PATTERN) channel: string;
  @ApiProperty({ example: '2026-11-23T10:30:00+08:00' }) @IsInstant() contactedAt: string;
  @ApiProperty({ enum: CONTACT_OUTCOMES }) @IsIn(CONTACT_OUTCOMES) outcome: ContactOutcome;
  @ApiProperty({
    example: 'Customer explained the garage was approved',
    description: 'Internal: never shown to the customer',
  })
  @IsPlainText(5000, { multiline: true })
  note: string;
}

export class ComplaintEvidenceRequest {
  @ApiProperty({ enum: EVIDENCE_SOURCES }) @IsIn(EVIDENCE_SOURCES) source: EvidenceSource;
  @ApiProperty({ example: 'Loss assessment of the claim' })
  @IsPlainText(2000, { multiline: true })
  description: string;
  @ApiPropertyOptional({ type: ComplaintAttachmentRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintAttachmentRequest)
  attachment?: ComplaintAttachmentRequest;
}

export class ComplaintInvestigationResultRequest {
  @ApiProperty({ example: 'Depreciation applied to new parts' })
  @IsPlainText(5000, { multiline: true })
  causeAnalysis: string;
  @ApiProperty({ enum: RESPONSIBLE_PARTIES }) @IsIn(RESPONSIBLE_PARTIES) responsibleParty: ResponsibleParty;
  @ApiPropertyOptional({ example: 'Clause 7.2' }) @IsOptional() @IsPlainText(200) policyClause?: string;
  @ApiProperty({ example: 'The deduction was wrong' })
  @IsPlainText(5000, { multiline: true })
  findings: string;
}

export class ComplaintCustomerWaitRequest {
  @ApiProperty({ enum: ['begin', 'end'], description: 'begin: the internal clocks pause; end: they resume' })
  @IsIn(['begin', 'end'])
  phase: 'begin' | 'end';
}

export class ComplaintRemedyRequest {
  @ApiProperty({ enum: REMEDY_KINDS }) @IsIn(REMEDY_KINDS) kind: RemedyKind;
  @ApiProperty({ example: 'Pay the difference' }) @IsPlainText(1000, { multiline: true }) description: string;
  @ApiPropertyOptional({ type: MoneyRequest, description: 'Payments and fee refunds only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyRequest)
  amount?: MoneyRequest;
}

export class ComplaintPlanRequest {
  @ApiProperty({ enum: COMPLAINT_OUTCOMES }) @IsIn(COMPLAINT_OUTCOMES) outcome: ComplaintOutcome;
  @ApiProperty({ example: 'We pay the difference' }) @IsPlainText(5000, { multiline: true }) summary: string;
  @ApiProperty({ example: 'Paid within 5 working days' })
  @IsPlainText(2000, { multiline: true })
  nextSteps: string;
  @ApiProperty({ type: [ComplaintRemedyRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ComplaintRemedyRequest)
  remedies: ComplaintRemedyRequest[];
}

export class ComplaintPlanDecisionRequest {
  @ApiProperty({ example: true, description: 'true: approve; false: send back to the handler' })
  @IsBoolean()
  approve: boolean;
  @ApiProperty({ example: 'Agreed' }) @IsPlainText(2000, { multiline: true }) comment: string;
}

export class ComplaintCommunicationRequest {
  @ApiProperty({ example: 'sms', description: 'How the customer is told' })
  @Matches(CHANNEL_PATTERN)
  channel: string;
}

export class ComplaintCustomerAnswerRequest {
  @ApiProperty({ example: false }) @IsBoolean() satisfied: boolean;
  @ApiProperty({
    example: 'The amount is still too low',
    description: 'Required; the reason when not satisfied',
  })
  @IsPlainText(2000, { multiline: true })
  feedback: string;
}

export class ComplaintWithdrawalRequest {
  @ApiProperty({ example: 'Settled with the garage' }) @IsPlainText(2000, { multiline: true }) reason: string;
}

export class ComplaintMaliciousFlagRequest {
  @ApiProperty({ example: 'Eleventh complaint on a settled matter' })
  @IsPlainText(2000, { multiline: true })
  reason: string;
  @ApiProperty({ example: ['call-recording-2026-11-20'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsPlainText(500, { each: true })
  evidence: string[];
}

export class ComplaintMaliciousFlagDecisionRequest {
  @ApiProperty({ example: true }) @IsBoolean() approve: boolean;
  @ApiProperty({ example: 'The evidence holds' }) @IsPlainText(2000, { multiline: true }) comment: string;
}

export class ComplaintCorrectiveActionRequest {
  @ApiProperty({ example: 'Train motor handlers on clause 7' })
  @IsPlainText(2000, { multiline: true })
  description: string;
  @ApiProperty({ example: 'motor-team-lead' }) @Matches(ID_PATTERN) ownerId: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() dueDate: string;
}

export class ComplaintClosureRequest {
  @ApiProperty({ example: 'staff-error', description: 'A root cause of the taxonomy (rules data)' })
  @Matches(CODE_PATTERN)
  rootCause: string;
  @ApiProperty({ example: 'Depreciation table misread' })
  @IsPlainText(2000, { multiline: true })
  rootCauseDetail: string;
  @ApiProperty({ type: ComplaintCorrectiveActionRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ComplaintCorrectiveActionRequest)
  correctiveAction: ComplaintCorrectiveActionRequest;
}

export class ComplaintExtensionRequest {
  @ApiProperty({ example: 'An expert opinion on the repair is needed' })
  @IsPlainText(2000, { multiline: true })
  reason: string;
  @ApiProperty({ example: 'sms', description: 'How the customer was told of the extension' })
  @Matches(CHANNEL_PATTERN)
  customerToldVia: string;
}

export class ComplaintListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;
  @ApiPropertyOptional({ example: 'complaint-handler-1' })
  @IsOptional()
  @Matches(ID_PATTERN)
  handlerId?: string;
  @ApiPropertyOptional({ enum: ['urgent', 'high', 'normal'] })
  @IsOptional()
  @IsIn(['urgent', 'high', 'normal'])
  priority?: string;
  @ApiPropertyOptional({
    description: 'Complaints with a running clock due at or before this instant',
    example: '2026-11-25T18:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;
}

export class ComplaintAttachmentUploadRequest {
  @ApiProperty({
    example: 'repair-invoice',
    description: 'What the document is (lower-case words and hyphens)',
  })
  @Matches(CODE_PATTERN, { message: 'kind must be a document kind (lower-case words and hyphens)' })
  kind: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'PDF, JPEG, PNG, HEIC or WebP, at most 10 MiB; its content must be of the declared type',
  })
  @IsOptional()
  file?: unknown;
}
