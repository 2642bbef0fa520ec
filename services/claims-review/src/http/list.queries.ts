import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, PageQuery } from '@claims/service-host';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CASE_STATUSES, CaseStatus } from '../domain/review-case/review-case.state';
import { ID_PATTERN } from './review-case.requests';

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'Staff only', example: 'in-review' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({
    description: 'The handler the cases are assigned to (staff only)',
    pattern: ID_PATTERN.source,
    example: 'handler-motor-1',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'assignee must be a staff id' })
  assignee?: string;

  @ApiPropertyOptional({
    description: 'Cases whose running step is due at or before this instant (staff only)',
    format: 'date-time',
    example: '2026-11-23T18:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;
}

export const TIME_LIMIT_STANDINGS = ['at-risk', 'overdue'] as const;

export class TimeLimitQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TIME_LIMIT_STANDINGS, description: 'Only this standing (default: both)' })
  @IsOptional()
  @IsIn(TIME_LIMIT_STANDINGS)
  standing?: (typeof TIME_LIMIT_STANDINGS)[number];
}
