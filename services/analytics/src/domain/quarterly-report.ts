import { ArchivedCase } from './case-archive';
import { Positions } from './received-event';

/** Quarters are the business's: China Standard Time (UTC+8), e.g. 2026-Q1 = 2026-01-01 to 2026-03-31 in Beijing. */
const OFFSET_MS = 8 * 3_600_000;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export interface QuarterRange {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
}

export function isQuarter(value: string): boolean {
  return QUARTER.test(value);
}

export function quarterRange(quarter: string): QuarterRange {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const from = Date.UTC(year, (q - 1) * 3, 1) - OFFSET_MS;
  const to = Date.UTC(year, q * 3, 1) - OFFSET_MS;
  return { quarter, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function previousQuarter(quarter: string): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const q = Number(m[2]);
  return q === 1 ? `${Number(m[1]) - 1}-Q4` : `${m[1]}-Q${q - 1}`;
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

/** Nearest-rank percentiles of the values (hours). */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return {
    count: sorted.length,
    p50: rank(0.5),
    p90: rank(0.9),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

/** A share as a fraction with four decimals; null when nothing to divide by. */
export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function countBy(values: readonly (string | null)[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? 'unknown', (counts.get(v ?? 'unknown') ?? 0) + 1);
  return Object.fromEntries([...counts.keys()].sort().map((k) => [k, counts.get(k) ?? 0]));
}

const inRange = (at: string | null, range: QuarterRange) => at !== null && at >= range.from && at < range.to;

export function claimFigures(cases: readonly ArchivedCase[], range: QuarterRange) {
  const claims = cases.filter((c) => c.kind === 'claim' && inRange(c.receivedAt, range));
  const accepted = claims.filter((c) => c.milestones['accepted']);
  const decided = claims.filter((c) => c.milestones['decided']);
  const denied = decided.filter((c) => c.reasonCodes.length > 0 || c.outcome === 'denied');
  const approved = decided.filter((c) => !denied.includes(c));
  const payouts = new Map<string, number>();
  for (const c of claims) {
    if (c.paidMinor !== null && c.currency)
      payouts.set(c.currency, (payouts.get(c.currency) ?? 0) + c.paidMinor);
  }
  const fraudFlags = denied.filter((c) =>
    c.reasonCodes.some((r) => r === 'fraud' || r === 'misrepresentation'),
  );
  const incomplete = claims.filter((c) => c.supplementaryRounds > 0);
  const rounds = claims.reduce((n, c) => n + c.supplementaryRounds, 0);
  return {
    received: claims.length,
    byChannel: countBy(claims.map((c) => c.channel)),
    byProductLine: countBy(claims.map((c) => c.productLine)),
    accepted: accepted.length,
    fastTrack: accepted.filter((c) => c.route === 'fast-track').length,
    fastTrackShare: ratio(accepted.filter((c) => c.route === 'fast-track').length, accepted.length),
    hoursToAcceptance: percentiles(accepted.map((c) => c.durations['accepted'])),
    hoursToDecision: percentiles(decided.map((c) => c.durations['decided'])),
    hoursToPayment: percentiles(
      claims.filter((c) => c.durations['paid'] !== undefined).map((c) => c.durations['paid']),
    ),
    decided: decided.length,
    approved: approved.length,
    denied: denied.length,
    approvalRate: ratio(approved.length, decided.length),
    denialRate: ratio(denied.length, decided.length),
    denialReasonCodes: countBy(denied.flatMap((c) => c.reasonCodes)),
    incompleteFirstSubmissions: incomplete.length,
    incompleteFirstSubmissionShare: ratio(incomplete.length, claims.length),
    supplementaryRounds: rounds,
    supplementaryRoundsPerCase: ratio(rounds, claims.length),
    escalatedCases: claims.filter((c) => c.escalations > 0).length,
    escalations: claims.reduce((n, c) => n + c.escalations, 0),
    payoutTotalsMinor: Object.fromEntries([...payouts.keys()].sort().map((k) => [k, payouts.get(k) ?? 0])),
    fraudOrMisrepresentationDenials: fraudFlags.length,
    timeLimitsAtRisk: countBy(claims.flatMap((c) => c.timeLimitsAtRisk)),
    timeLimitsExceeded: countBy(claims.flatMap((c) => c.timeLimitsExceeded)),
    reopened: claims.filter((c) => c.reopened > 0).length,
  };
}

const beijingMonth = (at: string | null) =>
  at ? new Date(Date.parse(at) + OFFSET_MS).toISOString().slice(0, 7) : 'unknown';

function satisfactionBy(
  cases: readonly ArchivedCase[],
  keyOf: (c: ArchivedCase) => string,
): Record<string, { satisfied: number; dissatisfied: number }> {
  const found = new Map<string, { satisfied: number; dissatisfied: number }>();
  for (const c of cases) {
    if (!c.satisfaction) continue;
    const entry = found.get(keyOf(c)) ?? { satisfied: 0, dissatisfied: 0 };
    entry[c.satisfaction] += 1;
    found.set(keyOf(c), entry);
  }
  return Object.fromEntries(
    [...found.keys()].sort().map((k) => [k, found.get(k) as { satisfied: number; dissatisfied: number }]),
  );
}

const CLOCKS = ['initial-review', 'investigation', 'resolution', 're-evaluation', 'regulatory'] as const;

export function complaintFigures(cases: readonly ArchivedCase[], range: QuarterRange) {
  const complaints = cases.filter((c) => c.kind === 'complaint' && inRange(c.receivedAt, range));
  const compliance = Object.fromEntries(
    CLOCKS.map((clock) => {
      const states = complaints.map((c) => c.clocks[clock]).filter((s) => s !== undefined);
      const within = states.filter((s) => s === 'within').length;
      const late = states.filter((s) => s === 'late' || s === 'breached').length;
      return [clock, { started: states.length, within, late, compliance: ratio(within, within + late) }];
    }),
  );
  const satisfied = complaints.filter((c) => c.satisfaction === 'satisfied').length;
  const dissatisfied = complaints.filter((c) => c.satisfaction === 'dissatisfied').length;
  const closed = complaints.filter((c) => c.durations['closed'] !== undefined);
  return {
    received: complaints.length,
    byCategory: countBy(complaints.map((c) => c.category)),
    byChannel: countBy(complaints.map((c) => c.channel)),
    accepted: complaints.filter((c) => c.milestones['accepted']).length,
    declined: complaints.filter((c) => c.milestones['declined']).length,
    declineReasons: countBy(complaints.filter((c) => c.milestones['declined']).flatMap((c) => c.reasonCodes)),
    withdrawn: complaints.filter((c) => c.milestones['withdrawn']).length,
    outcomes: countBy(complaints.filter((c) => c.outcome).map((c) => c.outcome)),
    timeLimitCompliance: compliance,
    hoursToResolution: percentiles(
      complaints.filter((c) => c.durations['resolved'] !== undefined).map((c) => c.durations['resolved']),
    ),
    hoursToClosure: percentiles(closed.map((c) => c.durations['closed'])),
    reevaluations: complaints.reduce((n, c) => n + c.reevaluations, 0),
    maliciousFlags: complaints.filter((c) => c.outcome === 'flagged-malicious').length,
    rootCauses: countBy(complaints.filter((c) => c.rootCause).map((c) => c.rootCause)),
    withCorrectiveAction: complaints.filter((c) => c.correctiveAction).length,
    satisfaction: { satisfied, dissatisfied, satisfiedShare: ratio(satisfied, satisfied + dissatisfied) },
    satisfactionByChannel: satisfactionBy(complaints, (c) => c.channel ?? 'unknown'),
    /** By the month (Beijing time) the complaint was received in. */
    satisfactionByMonth: satisfactionBy(complaints, (c) => beijingMonth(c.receivedAt)),
  };
}

/** Figures the business asks for that the published events do not carry (docs/event-catalogue.md). */
export const MISSING_FIGURES: readonly { figure: string; why: string }[] = [
  {
    figure: 'consultations: top topics, first-response compliance',
    why: 'intake publishes no consultation event (ConsultationRegistered/Answered stay private)',
  },
  { figure: 'branch (claims and complaints)', why: 'no published event names a branch' },
  {
    figure: 'complaints by product line',
    why: 'ComplaintReceived carries the policy number, not its product line',
  },
  {
    figure: 'fraud and misrepresentation flags raised',
    why: 'SuspicionFlagged is private to claims review; only denials citing fraud or misrepresentation are counted',
  },
  {
    figure: 'satisfaction by step and team; satisfaction scores (by channel and month are given)',
    why: "only complaint satisfaction is published, as satisfied/dissatisfied without a score or the customer's words",
  },
  {
    figure: 'complaint time limits in working days as such',
    why: 'compliance is read from the published clock events (ClockFulfilled.withinLimit, ClockBreached), not recomputed',
  },
];

export interface QuarterlyReport {
  readonly quarter: string;
  readonly range: QuarterRange;
  readonly previous: QuarterRange;
  /** The received-event positions (topic/partition → offset) the report was computed from. */
  readonly basis: { readonly positions: Positions; readonly events: number };
  readonly claims: {
    readonly current: ReturnType<typeof claimFigures>;
    readonly previous: ReturnType<typeof claimFigures>;
  };
  readonly complaints: {
    readonly current: ReturnType<typeof complaintFigures>;
    readonly previous: ReturnType<typeof complaintFigures>;
  };
  readonly missing: typeof MISSING_FIGURES;
}

/** The report of a quarter beside the previous one, from the cases folded at the given positions. */
export function quarterlyReport(
  quarter: string,
  cases: readonly ArchivedCase[],
  basis: { positions: Positions; events: number },
): QuarterlyReport {
  const range = quarterRange(quarter);
  const previous = quarterRange(previousQuarter(quarter));
  return {
    quarter,
    range,
    previous,
    basis,
    claims: { current: claimFigures(cases, range), previous: claimFigures(cases, previous) },
    complaints: { current: complaintFigures(cases, range), previous: complaintFigures(cases, previous) },
    missing: MISSING_FIGURES,
  };
}

/** The report as one JSON text: the bytes a closed quarter keeps and a recomputation must equal. */
export function reportJson(report: QuarterlyReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** The report flattened to `section,figure,key,current,previous` rows. */
export function reportCsv(report: QuarterlyReport): string {
  const rows: string[][] = [['section', 'figure', 'key', report.quarter, report.previous.quarter]];
  const flatten = (section: string, current: Record<string, unknown>, previous: Record<string, unknown>) => {
    for (const figure of Object.keys(current)) {
      const c = current[figure];
      const p = previous[figure];
      if (c !== null && typeof c === 'object') {
        const keys = [...new Set([...Object.keys(c), ...Object.keys((p ?? {}) as object)])].sort();
        for (const key of keys) {
          const cv = (c as Record<string, unknown>)[key];
          const pv = ((p ?? {}) as Record<string, unknown>)[key];
          if (cv !== null && typeof cv === 'object') {
            for (const sub of Object.keys(cv))
              rows.push([
                section,
                figure,
                `${key}.${sub}`,
                cell((cv as Record<string, unknown>)[sub]),
                cell(((pv ?? {}) as Record<string, unknown>)[sub]),
              ]);
          } else rows.push([section, figure, key, cell(cv), cell(pv)]);
        }
      } else rows.push([section, figure, '', cell(c), cell(p)]);
    }
  };
  flatten('claims', report.claims.current, report.claims.previous);
  flatten('complaints', report.complaints.current, report.complaints.previous);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** RFC 4180, and a leading =, +, - or @ quoted away so a spreadsheet does not run it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
