import { DeadlineStatus } from '@claims/working-calendar';
import { Accident, ClaimantDetails, PolicySnapshot, SubmittedDocument } from '../../domain/claim-facts';
import { Money } from '../../domain/money';
import { PayoutCalculation } from '../../domain/payout-calculation';
import { DecidedAs, DocumentFinding, InvestigationMode } from '../../domain/review-case/review-case.events';
import {
  Decision,
  LossAssessment,
  OpenedCase,
  Proposal,
  Step,
} from '../../domain/review-case/review-case.state';
import { StepTimetable } from '../../domain/step-timetable';
import { CaseSummary } from '../ports';

/**
 * The one shape of "the case": what `GET cases/:claimId` answers, what every command on the
 * case answers, and (with `asOf` and `revision`) what auditors see at a cut of its history.
 */
export interface ReviewCaseView extends CaseSummary {
  /** The current step's standing against its time limit, at the view's instant (null without one). */
  readonly standing: DeadlineStatus | null;
  readonly step: {
    readonly name: string;
    readonly startedAt: string;
    readonly dueAt: string | null;
    readonly pausedSince: string | null;
  } | null;
  readonly payoutWorking: PayoutCalculation | null;
  readonly decision: DecisionView | null;
  readonly documents: (SubmittedDocument & { readonly finding: DocumentFinding | null })[];
  readonly assessment: LossAssessment | null;
  readonly investigation: {
    readonly investigatorId: string;
    readonly mode: InvestigationMode;
    readonly completed: boolean;
    readonly findings?: string;
  } | null;
  readonly proposal: ProposalView | null;
  readonly payment: {
    readonly amount: Money;
    readonly expectedArrivalDate: string;
    readonly reference?: string;
    readonly paidOn?: string;
  } | null;
  readonly policy: PolicySnapshot;
  readonly accident: Accident;
  /** For staff only (a customer's view has none); every field `[erased]` once the customer was forgotten. */
  readonly claimant?: ClaimantDetails | null;
}

export type DecisionView = {
  readonly explanation: string;
  readonly policyBasis: string;
  readonly decidedBy: string;
  readonly decidedAs: DecidedAs;
} & (
  | { readonly outcome: 'approved'; readonly payout: Money }
  | { readonly outcome: 'denied'; readonly reasonCodes: readonly string[] }
);

export interface ProposalView {
  readonly outcome: 'approve' | 'deny';
  readonly calculation: PayoutCalculation | null;
  readonly reasonCodes: readonly string[];
  readonly explanation: string;
  readonly policyBasis: string;
  readonly proposedBy: string;
  readonly requiredLevel: number;
}

export interface ViewOptions {
  readonly timetable: StepTimetable;
  /** The instant the standing is judged at; null: no standing (e.g. an auditor's cut by revision). */
  readonly at: Date | null;
  /** Whether the claimant's details are shown (staff: yes; customers and auditors: no). */
  readonly withClaimant: boolean;
}

/** The case view of a review case's state. */
export function reviewCaseView(state: OpenedCase, options: ViewOptions): ReviewCaseView {
  const { claim } = state;
  const money = (amountMinor: number): Money => ({ amountMinor, currency: claim.estimatedLoss.currency });
  const step = state.status === 'closed' ? undefined : state.step;
  const stepDueAt = step?.clock === 'running' ? step.dueAt : null;
  const handled = state.status === 'awaiting-acceptance' ? undefined : state;
  const proposal = 'proposal' in state ? state.proposal : undefined;
  const decision = 'decision' in state ? state.decision : undefined;
  const calculation = decision?.outcome === 'approved' ? decision.calculation : proposalCalculation(proposal);
  const findings = handled?.findings ?? {};
  const investigation = handled?.investigation;
  const payment = handled?.payment;
  const summary: CaseSummary = {
    claimId: state.claimId,
    claimNumber: claim.claimNumber,
    customerId: claim.customerId,
    policyNumber: claim.policy.policyNumber,
    productLine: claim.policy.productLine,
    status: state.status,
    handlerId: handled?.handlerId ?? null,
    investigatorId: investigation?.investigatorId ?? null,
    approvalLevel: state.status === 'awaiting-approval' ? state.proposal.requiredLevel : null,
    currentStep: step?.name ?? null,
    stepDueAt,
    pausedSince: step?.clock === 'paused' ? step.pausedSince : null,
    customerRespondBy: step?.clock === 'paused' ? step.customerRespondBy : null,
    timeLimitAlert: step?.alerts.at(-1) ?? null,
    estimatedLoss: claim.estimatedLoss,
    assessedLoss: handled?.assessment?.assessedLoss ?? null,
    payout: calculation?.payout ?? null,
    paid: money(handled?.paidSoFarMinor ?? 0),
    supplementaryRounds: handled?.supplementaryRounds ?? 0,
    suspicions: { ...handled?.suspicions },
    fastTracked: state.fastTracked,
    expectedArrivalDate: payment?.expectedArrivalDate ?? null,
    submittedAt: claim.submittedAt,
    closedAt: state.status === 'closed' ? state.closedAt : null,
  };
  return {
    ...summary,
    standing: stepDueAt && options.at ? options.timetable.standing(new Date(stepDueAt), options.at) : null,
    step: step ? stepView(step) : null,
    payoutWorking: calculation ?? null,
    decision: decision ? decisionView(decision) : null,
    documents: state.documents.map((d) => ({ ...d, finding: findings[d.documentId] ?? null })),
    assessment: handled?.assessment ?? null,
    investigation: investigation
      ? {
          investigatorId: investigation.investigatorId,
          mode: investigation.mode,
          completed: investigation.state === 'completed',
          ...(investigation.state === 'completed' ? { findings: investigation.findings } : {}),
        }
      : null,
    proposal: proposal ? proposalView(proposal) : null,
    payment: payment
      ? {
          amount: payment.amount,
          expectedArrivalDate: payment.expectedArrivalDate,
          ...(payment.state === 'confirmed' ? { reference: payment.reference, paidOn: payment.paidOn } : {}),
        }
      : null,
    policy: claim.policy,
    accident: claim.accident,
    ...(options.withClaimant ? { claimant: state.claimant ?? null } : {}),
  };
}

function proposalCalculation(proposal: Proposal | undefined): PayoutCalculation | undefined {
  return proposal?.outcome === 'approve' ? proposal.calculation : undefined;
}

function stepView(step: Step): NonNullable<ReviewCaseView['step']> {
  const { name, startedAt } = step;
  return step.clock === 'running'
    ? { name, startedAt, dueAt: step.dueAt, pausedSince: null }
    : { name, startedAt, dueAt: null, pausedSince: step.pausedSince };
}

function decisionView(decision: Decision): DecisionView {
  const { explanation, policyBasis, decidedBy, decidedAs } = decision;
  return decision.outcome === 'approved'
    ? { outcome: 'approved', payout: decision.payout, explanation, policyBasis, decidedBy, decidedAs }
    : {
        outcome: 'denied',
        reasonCodes: decision.reasonCodes,
        explanation,
        policyBasis,
        decidedBy,
        decidedAs,
      };
}

function proposalView(proposal: Proposal): ProposalView {
  const { outcome, reasonCodes, explanation, policyBasis, proposedBy, requiredLevel } = proposal;
  const calculation = proposalCalculation(proposal) ?? null;
  return { outcome, calculation, reasonCodes, explanation, policyBasis, proposedBy, requiredLevel };
}
