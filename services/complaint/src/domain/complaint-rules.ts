import { TimeLimit } from '@claims/working-calendar';

/** Every channel a complaint arrives on, the regulator's transfers included. */
export const COMPLAINT_CHANNELS = [
  'hotline',
  'counter',
  'website',
  'mobile-app',
  'wechat',
  'email',
  'letter',
  'regulator-transfer',
] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/**
 * The time limits of a complaint. The internal ones (24 h review, 3 working days' investigation,
 * 7 working days to a plan told to the customer, the re-evaluation after a dissatisfaction) and
 * the regulatory outer limit (15 days from receipt, extensible to 30 and 60).
 */
export const CLOCKS = [
  'initial-review',
  'investigation',
  'resolution',
  're-evaluation',
  'regulatory',
] as const;
export type ClockName = (typeof CLOCKS)[number];

/** The internal clocks stop while the insurer waits on the customer; the regulatory one never does. */
export const PAUSABLE_CLOCKS: readonly ClockName[] = ['investigation', 'resolution', 're-evaluation'];

/** A working-calendar limit, or "within N days" counted in calendar days (the regulator's rule). */
export type ComplaintTimeLimit = TimeLimit | { readonly kind: 'calendar-days'; readonly count: number };

export interface Coded {
  readonly code: string;
  readonly label: string;
}

export interface RiskFactor extends Coded {
  /** Adds to the risk score that sets the complaint's priority. */
  readonly weight: number;
  /** A complaint with this factor is major: its resolution plan goes to a manager. */
  readonly major?: boolean;
}

export type Priority = 'urgent' | 'high' | 'normal';

export interface ApprovalLevel {
  readonly level: number;
  /** Highest remedy total (minor units) this level may approve; null = no limit. */
  readonly limitMinor: number | null;
}

/**
 * A complaint's business rules, as data (COMPLAINT_RULES_FILE or `ComplaintModule.register({ rules })`):
 * the taxonomies, risk weights, authority and every time limit. Amounts are minor units of `currency`.
 */
export interface ComplaintRules {
  readonly currency: string;
  /** What a complaint is about (claim denied, payout amount, delay…). */
  readonly categories: readonly Coded[];
  /** Why it happened, recorded at closure for the quarterly analysis. */
  readonly rootCauses: readonly Coded[];
  readonly riskFactors: readonly RiskFactor[];
  /** Risk score at or above which a complaint is urgent / high; anything less is normal. */
  readonly priorityFrom: { readonly urgent: number; readonly high: number };
  readonly authority: {
    /** Highest remedy total a handler may adopt alone (a major complaint always goes up). */
    readonly handlerLimitMinor: number;
    readonly approvalLevels: readonly ApprovalLevel[];
    /** Approval levels of named staff; an approver not listed is level 1; a manager has the top level; anyone else none. */
    readonly approverLevels: Readonly<Record<string, number>>;
  };
  readonly timeLimits: Readonly<Record<ClockName, ComplaintTimeLimit>>;
  /** The regulatory limit's extensions, in order: the total days each allows and who may grant it. */
  readonly regulatoryExtensions: readonly {
    readonly totalDays: number;
    readonly grantedBy: 'handler' | 'manager';
  }[];
  /** A clock is at risk this many hours before it falls due. */
  readonly atRiskWithinHours: Readonly<Record<ClockName, number>>;
  /** The remedies the decision tells the customer of, should they not be satisfied. */
  readonly externalRemedies: readonly string[];
  /** A group complaining in person names at most this many representatives. */
  readonly maxGroupRepresentatives: number;
}

/** Priority from the risk factors' weights. */
export function priorityOf(
  rules: ComplaintRules,
  factors: readonly string[],
): { score: number; priority: Priority } {
  const score = factors.reduce(
    (sum, code) => sum + (rules.riskFactors.find((f) => f.code === code)?.weight ?? 0),
    0,
  );
  const priority =
    score >= rules.priorityFrom.urgent ? 'urgent' : score >= rules.priorityFrom.high ? 'high' : 'normal';
  return { score, priority };
}
