import { MaskedCustomer, maskCustomer } from './masking';
import { ReceivedEvent, inFoldOrder } from './received-event';

export type CaseKind = 'claim' | 'complaint';

/** A claim's or complaint's archive record, folded from the integration events analytics received. */
export interface ArchivedCase {
  readonly caseId: string;
  readonly kind: CaseKind;
  readonly number: string | null;
  readonly policyNumber: string | null;
  readonly customer: MaskedCustomer | null;
  /** received, accepted, decided, paid, closed (claims); received, accepted, declined, resolved, closed... (complaints). */
  readonly status: string;
  /** approved / denied / paid (claims); upheld, not-upheld, declined, withdrawn... (complaints). */
  readonly outcome: string | null;
  /** The complaint's category, or the claim's kind of loss. */
  readonly category: string | null;
  readonly channel: string | null;
  readonly productLine: string | null;
  /** Not in any published event (see the README): always null for now. */
  readonly branch: string | null;
  readonly handlerId: string | null;
  readonly reasonCodes: string[];
  /** Milestone → first instant (ISO UTC). */
  readonly milestones: Record<string, string>;
  /** Hours from receipt to each milestone (two decimals). */
  readonly durations: Record<string, number>;
  readonly route: string | null;
  readonly supplementaryRounds: number;
  readonly escalations: number;
  readonly payoutMinor: number | null;
  readonly paidMinor: number | null;
  readonly currency: string | null;
  readonly timeLimitsAtRisk: string[];
  readonly timeLimitsExceeded: string[];
  /** Complaint clocks: clock → fulfilled within its limit (true), late (false), breached without fulfilment. */
  readonly clocks: Record<string, 'within' | 'late' | 'breached' | 'stopped' | 'running'>;
  readonly satisfaction: 'satisfied' | 'dissatisfied' | null;
  readonly reevaluations: number;
  readonly rootCause: string | null;
  readonly correctiveAction: boolean;
  readonly relatedNumbers: string[];
  readonly receivedAt: string | null;
  readonly closedAt: string | null;
  readonly reopened: number;
}

/** Reveals a claim's sealed personal fields (erased fields read as `[erased]`). */
export type RevealFields = (
  event: ReceivedEvent,
) => Promise<{ claimantName?: unknown; claimantPhone?: unknown } | undefined>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const money = (v: unknown): { amountMinor: number; currency: string } | null => {
  const m = v as { amountMinor?: unknown; currency?: unknown } | null;
  const amountMinor = int(m?.amountMinor);
  const currency = str(m?.currency);
  return amountMinor !== null && currency ? { amountMinor, currency } : null;
};

export function hoursBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 36_000) / 100;
}

const CLAIM_MILESTONES: Record<string, string> = {
  ClaimSubmitted: 'received',
  ClaimAccepted: 'accepted',
  ClaimApproved: 'decided',
  ClaimDenied: 'decided',
  PaymentInstructed: 'payment-instructed',
  PaymentConfirmed: 'paid',
  ClaimClosed: 'closed',
  ClaimReopened: 'reopened',
};
const COMPLAINT_MILESTONES: Record<string, string> = {
  ComplaintReceived: 'received',
  ComplaintAccepted: 'accepted',
  ComplaintDeclined: 'declined',
  ResolutionCommunicated: 'resolved',
  ComplaintWithdrawn: 'withdrawn',
  ComplaintClosed: 'closed',
  ComplaintArchived: 'archived',
};

/**
 * Folds one case's received events (v1; other versions are skipped) into its archive record.
 * Pure but for the reveal of sealed fields: the same events and vault state give the same record.
 */
export async function foldCase(
  caseId: string,
  received: readonly ReceivedEvent[],
  reveal: RevealFields,
): Promise<ArchivedCase | null> {
  const events = inFoldOrder(received).filter((e) => e.schemaVersion === 1);
  const kind: CaseKind | null = events.some((e) => e.topic.endsWith('.complaint'))
    ? 'complaint'
    : events.length > 0
      ? 'claim'
      : null;
  if (!kind) return null;
  const c = {
    caseId,
    kind,
    number: null as string | null,
    policyNumber: null as string | null,
    customer: null as MaskedCustomer | null,
    status: 'received',
    outcome: null as string | null,
    category: null as string | null,
    channel: null as string | null,
    productLine: null as string | null,
    branch: null as string | null,
    handlerId: null as string | null,
    reasonCodes: [] as string[],
    milestones: {} as Record<string, string>,
    durations: {} as Record<string, number>,
    route: null as string | null,
    supplementaryRounds: 0,
    escalations: 0,
    payoutMinor: null as number | null,
    paidMinor: null as number | null,
    currency: null as string | null,
    timeLimitsAtRisk: [] as string[],
    timeLimitsExceeded: [] as string[],
    clocks: {} as ArchivedCase['clocks'],
    satisfaction: null as ArchivedCase['satisfaction'],
    reevaluations: 0,
    rootCause: null as string | null,
    correctiveAction: false,
    relatedNumbers: [] as string[],
    receivedAt: null as string | null,
    closedAt: null as string | null,
    reopened: 0,
  };
  const milestones = kind === 'claim' ? CLAIM_MILESTONES : COMPLAINT_MILESTONES;
  for (const e of events) {
    const d = e.data;
    const milestone = milestones[e.type];
    if (milestone && !c.milestones[milestone]) c.milestones[milestone] = e.time;
    c.number = c.number ?? str(kind === 'claim' ? d['claimNumber'] : d['complaintNumber']);
    switch (e.type) {
      case 'ClaimSubmitted': {
        const policy = (d['policy'] ?? {}) as Record<string, unknown>;
        c.policyNumber = str(policy['policyNumber']);
        c.productLine = str(policy['productLine']);
        c.channel = str(d['channel']);
        c.category = str((d['accident'] as Record<string, unknown> | undefined)?.['lossKind']);
        c.receivedAt = str(d['submittedAt']) ?? e.time;
        c.milestones['received'] = c.receivedAt;
        c.customer = maskCustomer(str(d['customerId']), await reveal(e));
        break;
      }
      case 'ClaimAccepted':
        c.status = 'accepted';
        c.route = str(d['route']);
        break;
      case 'HandlerAssigned':
        c.handlerId = str(d['handlerId']) ?? c.handlerId;
        break;
      case 'HandlerReassigned':
        c.handlerId = str(d['toHandlerId']) ?? c.handlerId;
        break;
      case 'SupplementaryDocumentsRequested':
        c.supplementaryRounds = Math.max(c.supplementaryRounds, int(d['round']) ?? c.supplementaryRounds + 1);
        c.status = 'documents-requested';
        break;
      case 'SupplementaryDocumentsProvided':
        c.status = 'under-review';
        break;
      case 'DecisionReferredForApproval':
        c.escalations += 1;
        break;
      case 'ClaimApproved': {
        const payout = money(d['payout']);
        c.status = 'approved';
        c.outcome = 'approved';
        c.payoutMinor = payout?.amountMinor ?? null;
        c.currency = payout?.currency ?? c.currency;
        c.reasonCodes = [];
        break;
      }
      case 'ClaimDenied':
        c.status = 'denied';
        c.outcome = 'denied';
        c.reasonCodes = Array.isArray(d['reasonCodes'])
          ? d['reasonCodes'].filter((r) => typeof r === 'string')
          : [];
        break;
      case 'PaymentInstructed':
        c.status = 'payment-instructed';
        break;
      case 'PaymentConfirmed': {
        const amount = money(d['amount']);
        c.status = 'paid';
        c.outcome = 'paid';
        c.paidMinor = (c.paidMinor ?? 0) + (amount?.amountMinor ?? 0);
        c.currency = amount?.currency ?? c.currency;
        c.policyNumber = c.policyNumber ?? str(d['policyNumber']);
        break;
      }
      case 'ClaimClosed':
      case 'ComplaintClosed':
        c.status = 'closed';
        c.closedAt = e.time;
        if (e.type === 'ComplaintClosed') {
          c.outcome = str(d['outcome']) ?? c.outcome;
          c.category = str(d['category']) ?? c.category;
          c.rootCause = str(d['rootCause']);
          c.correctiveAction = Boolean(
            (d['correctiveAction'] as Record<string, unknown> | null)?.['description'],
          );
        } else
          c.outcome =
            c.outcome === 'approved' || c.outcome === 'paid' ? 'paid' : (str(d['outcome']) ?? c.outcome);
        break;
      case 'ClaimReopened':
        c.status = 'reopened';
        c.closedAt = null;
        c.reopened += 1;
        break;
      case 'TimeLimitAtRisk':
        c.timeLimitsAtRisk.push(str(d['step']) ?? 'unknown');
        break;
      case 'TimeLimitExceeded':
        c.timeLimitsExceeded.push(str(d['step']) ?? 'unknown');
        break;
      case 'ComplaintReceived':
        c.channel = str(d['channel']);
        c.category = str(d['category']);
        c.policyNumber = str(d['policyNumber']);
        c.receivedAt = str(d['receivedAt']) ?? e.time;
        c.milestones['received'] = c.receivedAt;
        c.relatedNumbers = Array.isArray(d['relatedClaimNumbers'])
          ? d['relatedClaimNumbers'].filter((n): n is string => typeof n === 'string')
          : [];
        c.customer = maskCustomer(str(d['customerId']), {});
        break;
      case 'ComplaintAccepted':
        c.status = 'accepted';
        break;
      case 'ComplaintDeclined':
        c.status = 'declined';
        c.outcome = 'declined';
        c.reasonCodes = str(d['reason']) ? [String(d['reason'])] : [];
        break;
      case 'ResolutionCommunicated':
        c.status = 'resolved';
        c.outcome = str(d['outcome']) ?? c.outcome;
        break;
      case 'CustomerSatisfactionRecorded':
        c.satisfaction = 'satisfied';
        break;
      case 'CustomerDissatisfactionRecorded':
        c.satisfaction = 'dissatisfied';
        if (d['next'] === 're-evaluation') c.reevaluations += 1;
        break;
      case 'ComplaintWithdrawn':
        c.status = 'withdrawn';
        c.outcome = 'withdrawn';
        break;
      case 'ComplaintArchived':
        c.status = 'archived';
        break;
      case 'ClockStarted': {
        const clock = str(d['clock']);
        if (clock) c.clocks[clock] = 'running';
        break;
      }
      case 'ClockBreached': {
        const clock = str(d['clock']);
        if (clock && c.clocks[clock] !== 'within') c.clocks[clock] = 'breached';
        break;
      }
      case 'ClockFulfilled': {
        const clock = str(d['clock']);
        if (clock) c.clocks[clock] = d['withinLimit'] === true ? 'within' : 'late';
        break;
      }
      case 'ClockStopped': {
        const clock = str(d['clock']);
        if (clock && c.clocks[clock] === 'running') c.clocks[clock] = 'stopped';
        break;
      }
    }
  }
  c.receivedAt = c.receivedAt ?? events[0].time;
  if (c.milestones['received']) {
    for (const [name, at] of Object.entries(c.milestones)) {
      if (name !== 'received') c.durations[name] = hoursBetween(c.receivedAt, at);
    }
  }
  c.milestones = sortedKeys(c.milestones);
  c.durations = sortedKeys(c.durations);
  c.clocks = sortedKeys(c.clocks);
  return c;
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

/** Folds every case of a history (the rebuild, and the report's recomputation). */
export async function foldAll(
  events: readonly ReceivedEvent[],
  reveal: RevealFields,
): Promise<ArchivedCase[]> {
  const byCase = new Map<string, ReceivedEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  const cases: ArchivedCase[] = [];
  for (const id of [...byCase.keys()].sort()) {
    const folded = await foldCase(id, byCase.get(id) ?? [], reveal);
    if (folded) cases.push(folded);
  }
  return cases;
}
