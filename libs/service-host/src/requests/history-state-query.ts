import { ApiPropertyOptional } from '@nestjs/swagger';
import { HistoryCut, InvalidInputRefusal } from '@claims/event-sourcing';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from './field-rules';

/**
 * The auditors' cut of a history, the same on every service: `GET …/:id/history/state?at=…`
 * (an instant on the domain clock) and/or `revision=…` (a stream revision).
 */
export class HistoryStateQuery {
  @ApiPropertyOptional({
    description: 'ISO 8601 instant with offset: the state after what had happened by then',
    example: '2026-11-23T09:30:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Stream revision (0-based): the state after that event',
    minimum: 0,
    example: 3,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  revision?: number;
}

/** The cut a query names; refuses a query that names neither an instant nor a revision. */
export function historyCutOf(query: HistoryStateQuery): HistoryCut {
  if (query.at === undefined && query.revision === undefined) {
    throw new InvalidInputRefusal('Give `at` (an ISO 8601 instant) or `revision`', [
      { path: 'at', message: 'at or revision is required' },
    ]);
  }
  return { at: query.at === undefined ? undefined : new Date(query.at), revision: query.revision };
}
