import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';

export class QuietHoursRequest {
  @ApiProperty({ example: '21:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) from: string;
  @ApiProperty({ example: '08:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) to: string;
}

export class PreferencesRequest {
  @ApiProperty({ enum: ['sms', 'email', 'call-task'] })
  @IsIn(['sms', 'email', 'call-task'])
  preferredChannel: 'sms' | 'email' | 'call-task';

  @ApiProperty({
    description: 'Template ids of optional messages not wanted, or `*`',
    example: ['claim-closed'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  optOuts: string[];

  @ApiPropertyOptional({ type: QuietHoursRequest, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursRequest)
  quietHours?: QuietHoursRequest | null;

  @ApiPropertyOptional({ description: 'Minutes east of UTC (China: 480)', example: 480 })
  @IsOptional()
  @IsInt()
  @Min(-720)
  @Max(840)
  utcOffsetMinutes?: number;
}

export class CallOutcomeRequest {
  @ApiProperty({ enum: ['reached', 'not-reached', 'call-back-at'] })
  @IsIn(['reached', 'not-reached', 'call-back-at'])
  outcome: 'reached' | 'not-reached' | 'call-back-at';

  @ApiPropertyOptional({ description: 'With `call-back-at`: when the customer asked to be called' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}
