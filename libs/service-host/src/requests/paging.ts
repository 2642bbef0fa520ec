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
