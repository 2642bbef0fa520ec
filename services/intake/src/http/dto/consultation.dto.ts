import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CHANNELS, Channel } from '../../domain/vocabulary';
import { ID_PATTERN } from './money-and-ids.dto';

export class ContactDto {
  @ApiPropertyOptional({ example: 'Li Na' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: '+86 138 0000 1001' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'li.na@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;
}

export class RegisterConsultationRequest {
  @ApiProperty({ enum: CHANNELS, example: 'hotline' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'claim-procedure', description: 'What the question is about' })
  @IsString()
  @Length(1, 100)
  topic: string;

  @ApiProperty({ example: 'My car was hit at a junction this morning. What do I need to bring to claim?' })
  @IsString()
  @Length(1, 4000)
  question: string;

  @ApiProperty({ type: ContactDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiPropertyOptional({ example: 'cust-1001', description: 'The customer, if known (ignored for customers: always themself)' })
  @IsOptional()
  @Matches(ID_PATTERN)
  customerId?: string;
}

export class HandOverConsultationRequest {
  @ApiPropertyOptional({ example: 'agent-7', description: 'Give either an agent or a team' })
  @IsOptional()
  @Matches(ID_PATTERN)
  toAgentId?: string;

  @ApiPropertyOptional({ example: 'motor-claims-desk' })
  @IsOptional()
  @Matches(ID_PATTERN)
  toTeam?: string;

  @ApiProperty({ example: 'Needs a motor claims specialist' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class AnswerConsultationRequest {
  @ApiProperty({ example: 'Please bring the accident report, photos of the damage, the repair estimate and your driving licence.' })
  @IsString()
  @Length(1, 4000)
  answer: string;
}

export class ConsultationOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ nullable: true, example: 'customer-service-1' }) ownerId: string | null;
  @ApiProperty({ example: '2026-03-10T04:00:00.000Z' }) responseDueAt: string;
  @ApiProperty({ example: 'open' }) status: string;
}

export class WorkQueueFilter {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) ownerId?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional({ enum: ['consultation', 'claim-application'] }) @IsOptional() @IsIn(['consultation', 'claim-application']) kind?: string;
}

export class WorkQueueItemResponse {
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: ['consultation', 'claim-application'] }) kind: string;
  @ApiProperty({ nullable: true, example: 'CLM-2026-000001' }) reference: string | null;
  @ApiProperty({ nullable: true }) ownerId: string | null;
  @ApiProperty({ nullable: true }) team: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ nullable: true }) customerId: string | null;
  @ApiProperty() status: string;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true }) responseDueAt: string | null;
  @ApiProperty() ageMinutes: number;
  @ApiProperty({ description: 'The response promise was not kept' }) overdue: boolean;
}
