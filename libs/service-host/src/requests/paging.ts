import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** What a caller asks of a list: at most `limit` items, after the page `cursor` ended. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** A page of a list; give `nextCursor` as `cursor` for the next page; null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Every list of the platform pages: 50 items unless asked, never more than 100. */
export const PAGE_SIZE = { default: 50, max: 100 } as const;

const CURSOR = /^[A-Za-z0-9_-]{1,600}$/;

/** `limit` and `cursor`, the same on every list of every service; extend it with a list's filters. */
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

/** The page a list query asks for, with the defaults filled in. */
export function pageRequestOf(query: PageQuery): PageRequest {
  return { limit: query.limit ?? PAGE_SIZE.default, ...(query.cursor ? { cursor: query.cursor } : {}) };
}

/** The OpenAPI property of every page's `nextCursor`. */
export const NEXT_CURSOR = {
  type: String,
  nullable: true,
  description: 'Give it as `cursor` to read the next page; null on the last page',
  example: null,
} as const;
