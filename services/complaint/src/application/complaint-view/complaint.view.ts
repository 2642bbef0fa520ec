import { ClockName } from '../../domain/complaint-rules';
import { isAssigned, isReviewed } from '../../domain/complaint/complaint.decider';
import { Complaint, OpenedComplaint, Plan } from '../../domain/complaint/complaint.state';
import { RelatedClaim } from '../ports';

export interface ClockView {
  readonly clock: ClockName;
  readonly state: 'running' | 'paused' | 'fulfilled' | 'stopped';
  readonly startedAt: string;
  readonly dueAt: string;
  readonly pausedSince: string | null;
  readonly alerts: readonly string[];
  readonly endedAt: string | null;
  readonly withinLimit: boolean | null;
}

/** A complaint as staff see it: everything, internal notes and risk included (never to a customer). */
export interface ComplaintView {
  readonly complaintId: string;
  readonly complaintNumber: string;
  readonly status: string;
  readonly channel: string;
  readonly regulatorReference: string | null;
  readonly customerId: string | null;
  /** The complainant's details, revealed (`[erased]` once forgotten); null in auditors' views. */
  readonly complainant: Record<string, unknown> | null;
  readonly agent: unknown;
  readonly relatedClaimNumbers: readonly string[];
  readonly policyNumber: string | null;
  readonly category: string;
  readonly requestedRemedies: readonly string[];
  readonly amountClaimed: unknown;
  readonly attachments: readonly unknown[];
  readonly receivedAt: string;
  readonly risk: unknown;
  readonly round: number | null;
  readonly handlerId: string | null;
  readonly previousHandlers: readonly string[];
  readonly contacts: readonly unknown[];
  readonly evidence: readonly unknown[];
  readonly investigation: unknown;
  readonly plan: Plan | null;
  readonly communicated: Plan | null;
  readonly dissatisfactions: readonly unknown[];
  readonly customerSatisfied: boolean | null;
  readonly decline: unknown;
  readonly malicious: unknown;
  readonly regulatoryExtensions: number;
  readonly clocks: readonly ClockView[];
  readonly closure: unknown;
  /** What this service knows of the related claims (claims review's events): ask the customer for none of it. */
  readonly relatedClaims: readonly RelatedClaim[];
}

export function complaintView(
  state: OpenedComplaint,
  options: { readonly relatedClaims?: readonly RelatedClaim[]; readonly withComplainant: boolean },
): ComplaintView {
  const reviewed = isReviewed(state) ? state : null;
  return {
    complaintId: state.complaintId,
    complaintNumber: state.complaintNumber,
    status: state.status,
    channel: state.channel,
    regulatorReference: state.regulatorReference,
    customerId: state.customerId,
    complainant: options.withComplainant && state.complainant ? { ...state.complainant } : null,
    agent: state.agent,
    relatedClaimNumbers: state.relatedClaimNumbers,
    policyNumber: state.policyNumber,
    category: state.category,
    requestedRemedies: state.requestedRemedies,
    amountClaimed: state.amountClaimed,
    attachments: state.attachments,
    receivedAt: state.receivedAt,
    risk: reviewed?.risk ?? null,
    round: reviewed?.round ?? null,
    handlerId: isAssigned(state) ? state.handlerId : null,
    previousHandlers: reviewed?.previousHandlers ?? [],
    contacts: reviewed?.contacts ?? [],
    evidence: reviewed?.evidence ?? [],
    investigation: reviewed?.investigation ?? null,
    plan: 'plan' in state ? state.plan : null,
    communicated: reviewed?.communicated ?? null,
    dissatisfactions: reviewed?.dissatisfactions ?? [],
    customerSatisfied: state.status === 'resolved' ? state.customerSatisfied : null,
    decline: state.status === 'declined' ? state.decline : null,
    malicious: state.malicious ?? null,
    regulatoryExtensions: state.regulatoryExtensions,
    clocks: clockViews(state),
    closure: 'closure' in state ? (state.closure ?? null) : null,
    relatedClaims: options.relatedClaims ?? [],
  };
}

export function clockViews(state: OpenedComplaint): ClockView[] {
  return Object.values(state.clocks).map((c) => ({
    clock: c.clock,
    state: c.state,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    pausedSince: c.pausedSince ?? null,
    alerts: c.alerts,
    endedAt: c.endedAt ?? null,
    withinLimit: c.withinLimit ?? null,
  }));
}

/** What the customer is told of their complaint's standing, in their words. */
const CUSTOMER_STAGES: Record<OpenedComplaint['status'], string> = {
  received: 'received',
  declined: 'declined',
  'awaiting-assignment': 'in-progress',
  investigating: 'in-progress',
  'awaiting-approval': 'in-progress',
  'plan-adopted': 'in-progress',
  'awaiting-customer': 'awaiting-your-answer',
  resolved: 'resolved',
  withdrawn: 'withdrawn',
  closed: 'closed',
  archived: 'closed',
};

/**
 * A complaint as its complainant sees it: no internal notes, no risk rating, no staff ids, no
 * other complainant; the decision told to them with the remedies open to them, and the deadline
 * the regulator sets.
 */
export interface CustomerComplaintView {
  readonly complaintId: string;
  readonly complaintNumber: string;
  readonly stage: string;
  readonly category: string;
  readonly relatedClaimNumbers: readonly string[];
  readonly receivedAt: string;
  /** By when the insurer decides (the regulatory limit, as extended); null once decided. */
  readonly decisionDueBy: string | null;
  readonly regulatoryExtensions: number;
  readonly decision: {
    readonly outcome: string;
    readonly summary: string;
    readonly nextSteps: string;
    readonly remedies: readonly {
      readonly kind: string;
      readonly description: string;
      readonly amount: unknown;
    }[];
    readonly externalRemedies: readonly string[];
  } | null;
  readonly declineReason: string | null;
  /** What the customer may do now. */
  readonly mayAnswer: boolean;
  readonly mayWithdraw: boolean;
}

export function customerComplaintView(
  state: OpenedComplaint,
  externalRemedies: readonly string[],
): CustomerComplaintView {
  const regulatory = state.clocks.regulatory;
  const communicated = isReviewed(state) ? state.communicated : undefined;
  const ended = ['declined', 'withdrawn', 'closed', 'archived'].includes(state.status);
  return {
    complaintId: state.complaintId,
    complaintNumber: state.complaintNumber,
    stage: CUSTOMER_STAGES[state.status],
    category: state.category,
    relatedClaimNumbers: state.relatedClaimNumbers,
    receivedAt: state.receivedAt,
    decisionDueBy:
      regulatory && (regulatory.state === 'running' || regulatory.state === 'paused')
        ? regulatory.dueAt
        : null,
    regulatoryExtensions: state.regulatoryExtensions,
    decision: communicated
      ? {
          outcome: communicated.outcome,
          summary: communicated.summary,
          nextSteps: communicated.nextSteps,
          remedies: communicated.remedies.map(({ kind, description, amount }) => ({
            kind,
            description,
            amount,
          })),
          externalRemedies,
        }
      : null,
    declineReason: state.status === 'declined' ? state.decline.reason : null,
    mayAnswer: state.status === 'awaiting-customer',
    mayWithdraw: !ended,
  };
}

export type { Complaint };
