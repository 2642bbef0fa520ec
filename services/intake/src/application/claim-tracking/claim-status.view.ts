import { CustomerStage } from '../../domain/claim-application/customer-stage';
import { Money } from '../../domain/vocabulary';
import { ClaimStatusEntry, RequestedDocuments } from '../ports';
import { denialReasonInWords, stageInWords } from './customer-words';

/** Where the claim stands, as the customer is told it. */
export interface ClaimProgress {
  readonly stage: CustomerStage;
  readonly description: string;
}

/**
 * A claim's status as its customer sees it, from the report to closure: progress in plain words,
 * the documents asked of them, the decision with its reasons and policy basis, the payment. Never
 * staff ids, the front desk's workload, internal statuses or how claims review reached it.
 */
export interface CustomerClaimStatus {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly policyNumber: string;
  readonly productLine: string;
  readonly progress: ClaimProgress;
  readonly requestedDocuments: RequestedDocuments | null;
  readonly decision: {
    readonly outcome: 'approved' | 'denied';
    readonly payout: Money | null;
    readonly reasons: ReadonlyArray<{ readonly code: string; readonly description: string }>;
    readonly explanation: string;
    readonly policyBasis: string;
    readonly decidedAt: string;
  } | null;
  readonly payment: {
    readonly amount: Money;
    readonly expectedArrivalDate: string;
    readonly paid: boolean;
    readonly paidOn: string | null;
  } | null;
  readonly reportedAt: string;
  readonly submittedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}

/** A claim's status as staff see it: everything the read model holds, and the customer's progress. */
export type StaffClaimStatus = ClaimStatusEntry & { readonly progress: ClaimProgress };

export type ClaimStatusForCaller = StaffClaimStatus | CustomerClaimStatus;

export function progressOf(entry: ClaimStatusEntry): ClaimProgress {
  const facts = {
    payout: entry.decision?.payout,
    payment: entry.payment,
    reopened: entry.reopened !== null,
    denied: entry.decision?.outcome === 'denied',
  };
  return { stage: entry.stage, description: stageInWords(entry.stage, facts) };
}

export function staffClaimStatus(entry: ClaimStatusEntry): StaffClaimStatus {
  return { ...entry, progress: progressOf(entry) };
}

export function customerClaimStatus(entry: ClaimStatusEntry): CustomerClaimStatus {
  const { decision, payment, requestedDocuments } = entry;
  return {
    claimId: entry.claimId,
    claimNumber: entry.claimNumber,
    policyNumber: entry.policyNumber,
    productLine: entry.productLine,
    progress: progressOf(entry),
    requestedDocuments: requestedDocuments && {
      round: requestedDocuments.round,
      items: requestedDocuments.items.map(({ documentKind, reason }) => ({ documentKind, reason })),
      requestedAt: requestedDocuments.requestedAt,
    },
    decision: decision && {
      outcome: decision.outcome,
      payout: decision.payout,
      reasons: decision.reasonCodes.map(denialReasonInWords),
      explanation: decision.explanation,
      policyBasis: decision.policyBasis,
      decidedAt: decision.decidedAt,
    },
    payment: payment && {
      amount: payment.amount,
      expectedArrivalDate: payment.expectedArrivalDate,
      paid: payment.paidOn !== null,
      paidOn: payment.paidOn,
    },
    reportedAt: entry.reportedAt,
    submittedAt: entry.submittedAt,
    closedAt: entry.closedAt,
    updatedAt: entry.updatedAt,
  };
}
