import { TimeLimit } from '@claims/working-calendar';
import { ProductLine } from './claim-facts';

/** The steps a case moves through, each with its own time limit. */
export const CASE_STEPS = [
  'acceptance',
  'review',
  'investigation',
  'approval-level-1',
  'approval-level-2',
  'payment',
  'closure',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** A handler-assignment rule: the first rule that matches the claim names the handlers who may take it. */
export interface AssignmentRule {
  readonly name: string;
  /** Matches every product line when omitted. */
  readonly productLines?: readonly ProductLine[];
  /** Matches claims whose estimated loss is at most this (minor units); no ceiling when omitted. */
  readonly maxEstimatedLossMinor?: number;
  /** Matches claims whose estimated loss is above this (minor units). */
  readonly minEstimatedLossMinor?: number;
  /** Among these, the one with the fewest open cases takes the claim (ties: first listed). */
  readonly handlers: readonly string[];
}

/** Approval authority: each level signs decisions up to its limit; the last level has none. */
export interface ApprovalLevel {
  readonly level: number;
  /** Highest amount (minor units) this level may sign; null = no limit. */
  readonly limitMinor: number | null;
}

/**
 * The business rules that are configuration data, not code: assignment, authority, fast track,
 * document checklists and time limits. Amounts are minor units of `currency`.
 */
export interface ClaimsReviewRules {
  readonly currency: string;
  readonly assignment: readonly AssignmentRule[];
  readonly authority: {
    /** Highest amount a handler may decide alone. */
    readonly handlerLimitMinor: number;
    readonly approvalLevels: readonly ApprovalLevel[];
    /** Approvers' levels by user id; an approver not listed is level 1; managers have the top level. */
    readonly approverLevels: Readonly<Record<string, number>>;
  };
  readonly fastTrack: {
    readonly enabled: boolean;
    /** Claims whose estimated loss is at most this may be decided automatically. */
    readonly limitMinor: number;
    readonly productLines: readonly ProductLine[];
  };
  /** The document kinds a complete claim has, per product line. */
  readonly requiredDocuments: Readonly<Record<ProductLine, readonly string[]>>;
  readonly timeLimits: Readonly<Record<CaseStep | 'customer-documents', TimeLimit>>;
  /** A step is at risk this many hours before it falls due. */
  readonly atRiskWithinHours: number;
  /** Working days between a payment instruction and the money reaching the customer. */
  readonly paymentArrivalWorkingDays: number;
  /** How often the time-limit check runs in production (ms); 0 disables the timer. */
  readonly timeLimitCheckIntervalMs: number;
}
