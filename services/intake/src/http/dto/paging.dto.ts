import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PAGE_SIZE, PageRequest } from '../../application/ports';

const CURSOR = /^[A-Za-z0-9_-]{1,600}$/;

/** `limit` and `cursor`, the same on every list of intake. */
export class PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
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
    description: 'Opaque: the `nextCursor` of the previous page of the same list, to read the page after it',
    pattern: CURSOR.source,
    example: 'eyJsIjoiY2xhaW1zIiwiayI6WyIyMDI2LTAzLTEwVDAyOjAwOjAwLjAwMFoiLCJ4Il19',
  })
  @IsOptional()
  @Matches(CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export function pageRequestOf(query: PageQuery): PageRequest {
  return { limit: query.limit ?? PAGE_SIZE.default, ...(query.cursor ? { cursor: query.cursor } : {}) };
}

export const NEXT_CURSOR = {
  type: String,
  nullable: true,
  description: 'Give it as `cursor` to read the next page; null on the last page',
  example: null,
} as const;
