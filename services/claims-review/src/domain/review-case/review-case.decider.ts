import { Decider, unknownEvent } from '@claims/event-sourcing';
import { ClaimantDetails, SubmittedDocument } from '../claim-facts';
import { ReviewCaseEvent, ReviewCaseEvents } from './review-case.events';
import {
  ApprovedDecision,
  ConfirmedPayment,
  Decision,
  DeniedDecision,
  Handled,
  InstructedPayment,
  Investigation,
  OpenedCase,
  Proposal,
  ReviewCase,
  Step,
  hasStatus,
} from './review-case.state';

/**
 * What a review case's history means. Each event moves the case only from the statuses it can
 * follow; anywhere else it changes nothing. An event type without a case here fails `tsc`.
 */
export const reviewCaseDecider: Decider<ReviewCase, ReviewCaseEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ReviewCaseOpened': {
        if (state.status !== 'none') return state;
        const { openedAt: _openedAt, ...claim } = event.data;
        const claimant: ClaimantDetails | undefined = event.personalData?.fields;
        return {
          status: 'awaiting-acceptance',
          claimId: claim.claimId,
          claim,
          ...(claimant ? { claimant } : {}),
          documents: claim.documents,
          fastTracked: false,
        };
      }
      case 'StepStarted': {
        const { step, startedAt, dueAt } = event.data;
        return withStep(state, () => ({
          name: step,
          startedAt,
          pauses: [],
          alerts: [],
          clock: 'running',
          dueAt,
        }));
      }
      case 'StepClockPaused':
        return withStep(state, (step) => {
          if (!step) return step;
          const { name, startedAt, pauses, alerts } = step;
          const { pausedAt: pausedSince, customerRespondBy } = event.data;
          return { name, startedAt, pauses, alerts, clock: 'paused', pausedSince, customerRespondBy };
        });
      case 'StepClockResumed':
        return withStep(state, (step) => {
          if (!step) return step;
          const { resumedAt, dueAt } = event.data;
          const from = step.clock === 'paused' ? step.pausedSince : resumedAt;
          const pauses = [...step.pauses, { from, to: resumedAt }];
          return { name: step.name, startedAt: step.startedAt, pauses, alerts: [], clock: 'running', dueAt };
        });
      case 'TimeLimitAtRisk':
        return withStep(state, (step) => step && { ...step, alerts: [...step.alerts, 'at-risk'] });
      case 'TimeLimitExceeded':
        return withStep(state, (step) => step && { ...step, alerts: [...step.alerts, 'overdue'] });
      case 'FastTrackApplied':
        return state.status === 'none' ? state : { ...state, fastTracked: true };
      case 'FastTrackDeclined':
        return state; // the case waits for an acceptor
      case 'ClaimAccepted':
        return state; // in review once its handler is assigned: HandlerAssigned is always recorded with it
      case 'HandlerAssigned': {
        const { handlerId } = event.data;
        if (!hasStatus(state, 'awaiting-acceptance'))
          return isHandled(state) ? { ...state, handlerId } : state;
        const { claimId, claim, claimant, documents, fastTracked } = state;
        const nothingFoundYet = {
          findings: {},
          documentsWithProblems: [],
          supplementaryRounds: 0,
          suspicions: {},
        };
        return {
          ...{ claimId, claim, ...(claimant ? { claimant } : {}), documents, fastTracked, handlerId },
          ...nothingFoundYet,
          paidSoFarMinor: 0,
          status: 'in-review',
          ...stepPart(state),
        };
      }
      case 'HandlerReassigned':
        return isHandled(state) ? { ...state, handlerId: event.data.toHandlerId } : state;
      case 'DocumentsReviewed': {
        if (!isHandled(state)) return state;
        const findings = { ...state.findings };
        const problems = new Set(state.documentsWithProblems);
        for (const finding of event.data.findings) {
          findings[finding.documentId] = finding;
          if (finding.authentic && finding.complete && finding.compliant) problems.delete(finding.documentId);
          else problems.add(finding.documentId);
        }
        return { ...state, findings, documentsWithProblems: [...problems] };
      }
      case 'SupplementaryDocumentsRequested': {
        if (!hasStatus(state, 'in-review')) return state;
        const { round, items, requestedAt } = event.data;
        const rounds = { supplementaryRounds: round, documentsWithProblems: [] };
        const request = { round, items, requestedAt };
        return {
          ...handledPart(state),
          ...rounds,
          request,
          status: 'awaiting-documents',
          ...stepPart(state),
        };
      }
      case 'SupplementaryDocumentsReceived': {
        if (!hasStatus(state, 'awaiting-documents')) return state;
        const documents = withDocuments(state.documents, event.data.documents);
        return { ...handledPart(state), documents, status: 'in-review', ...stepPart(state) };
      }
      case 'SuspicionFlagged':
        if (!isHandled(state)) return state;
        return { ...state, suspicions: { ...state.suspicions, [event.data.suspicion]: 'raised' } };
      case 'InvestigationOpened': {
        if (!hasStatus(state, 'in-review')) return state;
        const { investigatorId, mode } = event.data;
        const investigation: Investigation = { state: 'open', investigatorId, mode };
        return { ...handledPart(state), investigation, status: 'under-investigation', ...stepPart(state) };
      }
      case 'InvestigationCompleted': {
        if (!hasStatus(state, 'under-investigation')) return state;
        const { findings, confirmedSuspicions, clearedSuspicions } = event.data;
        const { investigatorId, mode } = state.investigation;
        const suspicions = { ...state.suspicions };
        confirmedSuspicions.forEach((s) => (suspicions[s] = 'confirmed'));
        clearedSuspicions.forEach((s) => (suspicions[s] = 'cleared'));
        const investigation: Investigation = { state: 'completed', investigatorId, mode, findings };
        return { ...handledPart(state), investigation, suspicions, status: 'in-review', ...stepPart(state) };
      }
      case 'LossAssessed': {
        if (!isHandled(state)) return state;
        const { assessedLoss, breakdown, method } = event.data;
        return { ...state, assessment: { assessedLoss, breakdown, method } };
      }
      case 'DecisionProposed':
        return hasStatus(state, 'in-review') ? { ...state, proposal: proposalFrom(event.data) } : state;
      case 'DecisionReferredForApproval':
        if (!hasStatus(state, 'in-review') || !state.proposal) return state;
        return {
          ...handledPart(state),
          proposal: state.proposal,
          status: 'awaiting-approval',
          ...stepPart(state),
        };
      case 'DecisionSentBack':
        if (!hasStatus(state, 'awaiting-approval')) return state;
        return { ...handledPart(state), status: 'in-review', ...stepPart(state) };
      case 'ClaimApproved': {
        if (!hasStatus(state, 'in-review', 'awaiting-approval')) return state;
        const { payout, calculation } = event.data;
        const decision: ApprovedDecision = {
          ...decisionTerms(event.data),
          outcome: 'approved',
          payout,
          calculation,
        };
        return {
          ...handledPart(state),
          ...proposalPart(state),
          decision,
          status: 'approved',
          ...stepPart(state),
        };
      }
      case 'ClaimDenied': {
        if (!hasStatus(state, 'in-review', 'awaiting-approval')) return state;
        const { reasonCodes } = event.data;
        const decision: DeniedDecision = { ...decisionTerms(event.data), outcome: 'denied', reasonCodes };
        return {
          ...handledPart(state),
          ...proposalPart(state),
          decision,
          status: 'denied',
          ...stepPart(state),
        };
      }
      case 'PaymentInstructed': {
        if (!hasStatus(state, 'approved')) return state;
        const { amount, instructedAt, expectedArrivalDate } = event.data;
        const payment: InstructedPayment = { state: 'instructed', amount, instructedAt, expectedArrivalDate };
        return { ...state, payment, status: 'payment-instructed' };
      }
      case 'PaymentConfirmed': {
        if (!hasStatus(state, 'payment-instructed')) return state;
        const { reference, paidOn, amount } = event.data;
        const payment: ConfirmedPayment = { ...state.payment, state: 'confirmed', reference, paidOn };
        const paidSoFarMinor = state.paidSoFarMinor + amount.amountMinor;
        return { ...state, payment, paidSoFarMinor, status: 'paid' };
      }
      case 'ClaimClosed': {
        if (!hasStatus(state, 'approved', 'denied', 'payment-instructed', 'paid')) return state;
        const decision: Decision = state.decision;
        return {
          ...handledPart(state),
          ...proposalPart(state),
          decision,
          status: 'closed',
          closedAt: event.data.closedAt,
        };
      }
      case 'ClaimReopened': {
        // the review step starts with the StepStarted recorded with the reopening
        if (!hasStatus(state, 'closed')) return state;
        const complaintNumber = event.data.complaint?.complaintNumber;
        const reexaminations = complaintNumber
          ? [...(state.reexaminations ?? []), complaintNumber]
          : state.reexaminations;
        return { ...handledPart({ ...state, reexaminations }), status: 'in-review' };
      }
      default:
        return unknownEvent(event);
    }
  },
};

type Handling = Extract<OpenedCase, Handled>;

function isHandled(state: ReviewCase): state is Handling {
  return state.status !== 'none' && state.status !== 'awaiting-acceptance';
}

/** A new step, or a change to the running one; a closed case (or none) has no step. */
function withStep(state: ReviewCase, change: (step: Step | undefined) => Step | undefined): ReviewCase {
  if (state.status === 'none' || state.status === 'closed') return state;
  const step = change(state.step);
  return step ? { ...state, step } : state;
}

const stepPart = (state: { step?: Step }) => (state.step ? { step: state.step } : {});
const proposalPart = (state: { proposal?: Proposal }) => (state.proposal ? { proposal: state.proposal } : {});

/** Exactly the fields every handled case has, whatever its status (none of a status's own). */
function handledPart(state: Handled): Handled {
  const { claimId, claim, claimant, documents, fastTracked, handlerId, findings, documentsWithProblems } =
    state;
  const { supplementaryRounds, suspicions, investigation, assessment, payment, paidSoFarMinor } = state;
  const { reexaminations } = state;
  return {
    claimId,
    claim,
    ...(claimant ? { claimant } : {}),
    documents,
    fastTracked,
    handlerId,
    findings,
    documentsWithProblems,
    supplementaryRounds,
    suspicions,
    ...(investigation ? { investigation } : {}),
    ...(assessment ? { assessment } : {}),
    ...(payment ? { payment } : {}),
    paidSoFarMinor,
    ...(reexaminations ? { reexaminations } : {}),
  };
}

/** Documents supplied again under an id already on file replace it in place; new ones are added. */
function withDocuments(
  onFile: readonly SubmittedDocument[],
  supplied: readonly SubmittedDocument[],
): readonly SubmittedDocument[] {
  const byId = new Map(onFile.map((d) => [d.documentId, d]));
  supplied.forEach((d) => byId.set(d.documentId, d));
  return [...byId.values()];
}

function proposalFrom(data: ReviewCaseEvents['DecisionProposed']): Proposal {
  const { reasonCodes, explanation, policyBasis, proposedBy, requiredLevel, calculation } = data;
  const terms = { reasonCodes, explanation, policyBasis, proposedBy, requiredLevel };
  if (data.outcome === 'deny') return { ...terms, outcome: 'deny' };
  if (!calculation) throw new Error(`DecisionProposed to approve claim ${data.claimId} has no calculation`);
  return { ...terms, outcome: 'approve', calculation };
}

function decisionTerms(data: ReviewCaseEvents['ClaimApproved'] | ReviewCaseEvents['ClaimDenied']) {
  const { explanation, policyBasis, proposedBy, decidedBy, decidedAs } = data;
  return { explanation, policyBasis, proposedBy, decidedBy, decidedAs };
}
