import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsPlainText, NEXT_CURSOR, PageQuery } from '@claims/service-host';
import { IsDefined, IsEmail, IsIn, IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CHANNELS, Channel } from '../../domain/vocabulary';
import { ID_PATTERN, PHONE_PATTERN } from './money-and-ids.dto';

export class ContactDto {
  @ApiPropertyOptional({ example: 'Li Na', maxLength: 100 })
  @IsOptional()
  @IsPlainText(100)
  name?: string;

  @ApiPropertyOptional({ example: '+86 138 0000 1001', pattern: PHONE_PATTERN.source })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'li.na@example.com', format: 'email', maxLength: 200 })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;
}

export class RegisterConsultationRequest {
  @ApiProperty({ enum: CHANNELS, example: 'hotline' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'claim-procedure', description: 'What the question is about', maxLength: 100 })
  @IsPlainText(100)
  topic: string;

  @ApiProperty({
    example: 'My car was hit at a junction this morning. What do I need to bring to claim?',
    maxLength: 4000,
    description: 'The question in the customer’s words (line breaks allowed)',
  })
  @IsPlainText(4000, { multiline: true })
  question: string;

  @ApiProperty({ type: ContactDto, description: 'How to reach the person (any of name, phone, email)' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiPropertyOptional({
    example: 'cust-1001',
    pattern: ID_PATTERN.source,
    description: 'The customer, if known (staff only: a customer always registers for themself)',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'customerId must be an id (letters, digits, . _ : -)' })
  customerId?: string;
}

export class HandOverConsultationRequest {
  @ApiPropertyOptional({
    example: 'agent-7',
    pattern: ID_PATTERN.source,
    description: 'Give either an agent or a team',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'toAgentId must be a staff id' })
  toAgentId?: string;

  @ApiPropertyOptional({ example: 'motor-claims-desk', pattern: ID_PATTERN.source })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'toTeam must be a team id' })
  toTeam?: string;

  @ApiProperty({ example: 'Needs a motor claims specialist', maxLength: 500 })
  @IsPlainText(500, { multiline: true })
  reason: string;
}

export class AnswerConsultationRequest {
  @ApiProperty({
    example:
      'Please bring the accident report, photos of the damage, the repair estimate and your driving licence.',
    maxLength: 4000,
  })
  @IsPlainText(4000, { multiline: true })
  answer: string;
}

export class AnswerResponse {
  @ApiProperty({ example: 'Please bring the accident report, photos of the damage and the repair estimate.' })
  text: string;
  @ApiProperty({ example: 'agent-1' }) answeredBy: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ description: 'Answered by the promised response time' }) withinPromise: boolean;
}

export class HandoverResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ example: 'agent-1' }) fromAgentId: string;
  @ApiProperty({ type: String, nullable: true, example: 'agent-7' }) toAgentId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) toTeam: string | null;
  @ApiProperty({ example: 'Needs a motor claims specialist' }) reason: string;
  @ApiProperty({ format: 'date-time' }) handedOverAt: string;
}

export class ComplaintReferralDto {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ example: 'CMP-2026-000012' }) complaintNumber: string;
  @ApiProperty({ example: 'letter', description: 'The channel the complaint came in on' })
  complaintChannel: string;
  @ApiProperty({ example: 'other' }) category: string;
  @ApiProperty({ format: 'date-time' }) referredAt: string;
}

const CONSULTATION_STATUSES = ['open', 'answered', 'turned-into-claim'] as const;

/** What staff's and the customer's views of a consultation share. */
class ConsultationParts {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ example: 'claim-procedure' }) topic: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status: string;
  @ApiProperty({ example: 'My car was hit this morning. What do I need to claim?' }) question: string;
  @ApiProperty({ type: ContactDto }) contact: ContactDto;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({
    format: 'date-time',
    example: '2026-03-10T04:00:00.000Z',
    description: 'When an answer is promised by (the channel’s response promise)',
  })
  responseDueAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The claim it became' })
  claimId: string | null;
}

/** A consultation as staff see it: what every command on it answers staff, and GET shows them. */
export class ConsultationResponse extends ConsultationParts {
  @ApiProperty({ type: String, nullable: true, example: 'cust-1001' }) customerId: string | null;
  @ApiProperty({
    type: ComplaintReferralDto,
    nullable: true,
    description: 'The complaint it came from, when the complaint service declined it as not a complaint',
  })
  referredFrom: ComplaintReferralDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'agent-1',
    description: 'The first responder who owns it; null while it waits for a taker',
  })
  ownerId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'The team it was handed over to' })
  team: string | null;
  @ApiProperty({ type: AnswerResponse, nullable: true }) answer: AnswerResponse | null;
  @ApiProperty({ type: [HandoverResponse] }) handovers: HandoverResponse[];
}

export class CustomerAnswerResponse {
  @ApiProperty({ example: 'Please bring the accident report, photos of the damage and the repair estimate.' })
  text: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}

/**
 * A consultation as its customer sees it (GET and the registration, with a customer token): no
 * owner, team, handovers or internal measures of the answer.
 */
export class CustomerConsultationResponse extends ConsultationParts {
  @ApiProperty({ type: CustomerAnswerResponse, nullable: true }) answer: CustomerAnswerResponse | null;
}

const WORK_KINDS = ['consultation', 'claim-application'] as const;

export class WorkQueueQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only the cases this agent owns',
    pattern: ID_PATTERN.source,
    example: 'agent-1',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'ownerId must be a staff id' })
  ownerId?: string;

  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only cases that came in on this channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: WORK_KINDS, description: 'Only consultations, or only claim applications' })
  @IsOptional()
  @IsIn(WORK_KINDS)
  kind?: (typeof WORK_KINDS)[number];
}

export class WorkQueueItemResponse {
  @ApiProperty({ description: 'The consultation’s or the claim’s id', format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: WORK_KINDS }) kind: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CLM-2026-000001',
    description:
      'The claim number; for a consultation referred by the complaint service, the complaint number',
  })
  reference: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'agent-1' }) ownerId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) team: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ type: String, nullable: true, example: 'cust-1001' }) customerId: string | null;
  @ApiProperty({
    enum: ['open', 'collecting-documents', 'awaiting-supplementary-documents'],
    description: 'Why it waits for the front desk',
  })
  status: string;
  @ApiProperty({ format: 'date-time', description: 'When it entered the queue' }) openedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The promised response time',
  })
  responseDueAt: string | null;
  @ApiProperty({ type: 'integer', example: 90, description: 'Minutes since it entered the queue' })
  ageMinutes: number;
  @ApiProperty({ description: 'The response promise was not kept' }) overdue: boolean;
}

export class WorkQueuePage {
  @ApiProperty({ type: [WorkQueueItemResponse] }) items: WorkQueueItemResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}
