import { DeciderRepository } from '@claims/event-sourcing';
import { Money } from '../domain/money';
import { CaseStatus, ReviewCase } from '../domain/review-case/review-case.state';
import { ReviewCaseEvent } from '../domain/review-case/review-case.events';
import { PAGE_SIZE, type Page, type PageRequest } from '@claims/service-host';

/**
 * What the application needs from the outside, by DI token. The clock is CLOCK of
 * @claims/working-calendar; read-your-writes is ReadModelProgress of @claims/service-host.
 */

/** The review cases' histories (streams `claim-review-<claimId>`), read and appended through the decider. */
export const REVIEW_CASES = Symbol('REVIEW_CASES');
export type ReviewCaseHistories = DeciderRepository<ReviewCase, ReviewCaseEvent>;

/** Read your writes: a `ReadModelProgress` that resolves once the review-case read models show an append. */
export const REVIEW_CASE_READ_MODELS = Symbol('REVIEW_CASE_READ_MODELS');

/** The `ClaimsReviewRules` in force (configuration data: assignment, authority, fast track, time limits). */
export const REVIEW_RULES = Symbol('REVIEW_RULES');

/** The rules' working-day `StepTimetable` and `ApprovalAuthority`, as the domain's `ReviewTerms`. */
export const REVIEW_TERMS = Symbol('REVIEW_TERMS');

/** One case as the work queues list it (the case view shows the same fields, and more). */
export interface CaseSummary {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly policyNumber: string;
  readonly productLine: string;
  readonly status: string;
  readonly handlerId: string | null;
  readonly investigatorId: string | null;
  /** The approval level a proposed decision waits for. */
  readonly approvalLevel: number | null;
  readonly currentStep: string | null;
  /** Null while the customer's documents are awaited (clock paused), and once closed. */
  readonly stepDueAt: string | null;
  readonly pausedSince: string | null;
  readonly customerRespondBy: string | null;
  /** The last time-limit alert recorded for the current step. */
  readonly timeLimitAlert: string | null;
  readonly estimatedLoss: Money;
  readonly assessedLoss: Money | null;
  readonly payout: Money | null;
  readonly paid: Money;
  readonly supplementaryRounds: number;
  readonly suspicions: Readonly<Record<string, string>>;
  readonly fastTracked: boolean;
  readonly expectedArrivalDate: string | null;
  readonly submittedAt: string;
  readonly closedAt: string | null;
}

/** One page of a list: at most `limit` items after `cursor` (opaque: the previous page's `nextCursor`). */
/** Lists page the platform's one way. */
export type { Page, PageRequest };
export { PAGE_SIZE };

export interface CaseListFilter {
  readonly status?: CaseStatus;
  readonly assignee?: string;
  /** Cases whose running step is due at or before this instant (ISO 8601, UTC, normalised). */
  readonly dueBefore?: string;
  /** Only this customer's cases (a customer sees no one else's). */
  readonly customerId?: string;
}

/** Running steps due in a window (ISO 8601 UTC): `before` exclusive, `from` and `until` inclusive. */
export interface DueWindow {
  readonly before?: string;
  readonly from?: string;
  readonly until?: string;
}

/**
 * The work queues' read model. Every list is sorted soonest due first (no due time last), then by
 * submission and claim id, and pages by an opaque cursor; a cursor it did not give is refused (400).
 */
export const WORK_QUEUES = Symbol('WORK_QUEUES');
export interface WorkQueues {
  list(filter: CaseListFilter, page: PageRequest): Promise<Page<CaseSummary>>;
  awaitingAcceptance(page: PageRequest): Promise<Page<CaseSummary>>;
  /** A handler's open cases, except those waiting for an approver or an investigator. */
  handledBy(handlerId: string, page: PageRequest): Promise<Page<CaseSummary>>;
  underInvestigationBy(investigatorId: string, page: PageRequest): Promise<Page<CaseSummary>>;
  /** Decisions waiting for approval at this level or below that `approverId` neither handles nor proposed. */
  awaitingApprovalUpTo(level: number, approverId: string, page: PageRequest): Promise<Page<CaseSummary>>;
  /** Cases whose running step (not paused, not closed) is due within the window. */
  due(window: DueWindow, page: PageRequest): Promise<Page<CaseSummary>>;
  /** How many cases `due` would list. */
  countDue(window: DueWindow): Promise<number>;
}

/** The case view's read model: whether a case is shown yet, and whose it is. */
export const CASE_VIEWS = Symbol('CASE_VIEWS');
export interface CaseViews {
  /** The case's customer id, or null while the read models do not show the case. */
  customerOf(claimId: string): Promise<string | null>;
}

/** Open cases per handler id: the workload part of the assignment rules. */
export const HANDLER_WORKLOAD = Symbol('HANDLER_WORKLOAD');
export interface HandlerWorkload {
  openCasesByHandler(): Promise<Record<string, number>>;
}

/** What a policy's other claims have been paid (confirmed payments): the remaining sum insured. */
export const PAID_ON_POLICY = Symbol('PAID_ON_POLICY');
export interface PaidOnPolicy {
  /** Paid on the policy less what this claim itself was paid (a reopened claim is not capped by its own payment). */
  paidByOtherClaims(policyNumber: string, currency: string, claimId: string): Promise<Money>;
}
