import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from '@claims/service-host';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PAGE_SIZE, PageRequest } from '../application/ports';
import { CASE_STATUSES, CaseStatus } from '../domain/review-case/review-case.state';
import { ID_PATTERN } from './review-case.requests';

/** `limit` and `cursor`, the same on every list. */
export class PageQuery {
  @ApiPropertyOptional({
    description: `Most items in the page (default ${PAGE_SIZE.default}, at most ${PAGE_SIZE.max})`,
    minimum: 1,
    maximum: PAGE_SIZE.max,
    default: PAGE_SIZE.default,
    example: 20,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE.max)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Opaque: the `nextCursor` of the previous page, to read the page after it',
    pattern: '^[A-Za-z0-9_-]{1,600}$',
    example: 'eyJkdWUiOm51bGwsInN1Ym1pdHRlZCI6IjIwMjUtMDYtMDJUMDE6MDA6MDBaIiwiY2xhaW0iOiJ4In0',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,600}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export function pageOf(query: PageQuery): PageRequest {
  return { limit: query.limit ?? PAGE_SIZE.default, ...(query.cursor ? { cursor: query.cursor } : {}) };
}

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
