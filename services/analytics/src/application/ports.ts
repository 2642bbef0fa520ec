import type { Page, PageRequest } from '@claims/service-host';
import type { ArchivedCase } from '../domain/case-archive';
import type { Positions, ReceivedEvent } from '../domain/received-event';

export type { Page, PageRequest };

export const ARCHIVE = Symbol('ARCHIVE');
export const RECEIVED_HISTORY = Symbol('RECEIVED_HISTORY');
export const CLOSED_QUARTERS = Symbol('CLOSED_QUARTERS');

export interface ArchiveFilter {
  readonly kind?: 'claim' | 'complaint';
  readonly number?: string;
  readonly policyNumber?: string;
  /** Received on or after (ISO instant or date). */
  readonly from?: string;
  /** Received before (ISO instant or date). */
  readonly to?: string;
  readonly status?: string;
  readonly outcome?: string;
  readonly category?: string;
  readonly channel?: string;
  readonly productLine?: string;
}

/** The archive read model: cases by filter, newest received first, keyset-paged. */
export interface Archive {
  search(filter: ArchiveFilter, page: PageRequest): Promise<Page<ArchivedCase>>;
  /** Every matching case, in pages of `batch`, for a streaming export. */
  scan(filter: ArchiveFilter, batch: number): AsyncIterable<ArchivedCase>;
  byNumber(number: string): Promise<ArchivedCase | null>;
  /** Every case (the rebuild comparison). */
  all(): Promise<ArchivedCase[]>;
}

/** What analytics received: the consumed history. */
export interface ReceivedHistory {
  /** Every received event within the positions (all of them when none are given). */
  events(positions?: Positions): Promise<ReceivedEvent[]>;
  ofCases(caseIds: readonly string[]): Promise<ReceivedEvent[]>;
  /** Reveals a claim's sealed personal fields (erased once the customer was forgotten). */
  reveal(event: ReceivedEvent): Promise<{ claimantName?: unknown; claimantPhone?: unknown } | undefined>;
}

export interface ClosedQuarter {
  readonly quarter: string;
  readonly json: string;
  readonly closedAt: string;
  readonly closedBy: string;
}

export interface ClosedQuarters {
  find(quarter: string): Promise<ClosedQuarter | null>;
  /** Keeps the first closing; false when the quarter was closed already. */
  close(closed: ClosedQuarter): Promise<boolean>;
}
