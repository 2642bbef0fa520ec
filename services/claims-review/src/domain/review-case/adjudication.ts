import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import { DENIAL_REASONS, isDenialReason } from '../denial-reasons';
import { Money } from '../money';
import { PayoutCalculation, calculatePayout } from '../payout-calculation';
import { StepTimetable } from '../step-timetable';
import { DecidedAs, ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { Acting, ReviewTerms, caseIn, handlersCaseIn, stepStarted } from './review-case.guards';
import { AwaitingApproval, InReview, Proposal, ReviewCase } from './review-case.state';

export interface ProposeApproval extends Acting {
  /** What earlier claims on the policy were paid (confirmed payments of other claims). */
  readonly paidOnPolicyBefore: Money;
  readonly exclusionsApplied?: readonly string[];
  readonly explanation: string;
  readonly policyBasis: string;
}

/** 核赔: the handler computes the payout from the policy snapshot and proposes to approve it. */
export function proposeApproval(
  state: ReviewCase,
  command: ProposeApproval,
  terms: ReviewTerms,
): ReviewCaseEvent[] {
  const reviewed = handlersCaseIn(state, 'in-review', command.actor);
  const assessedLoss = readyForDecision(reviewed);
  const { claim } = reviewed;
  const calculation = calculatePayout({
    policy: claim.policy,
    accidentDate: terms.timetable.localDate(new Date(claim.accident.occurredAt)),
    cause: claim.accident.cause,
    assessedLoss,
    paidOnPolicyBefore: command.paidOnPolicyBefore,
    exclusionsApplied: command.exclusionsApplied,
  });
  if (!calculation.payable) {
    throw new DomainRuleViolation(
      'not-payable',
      'The policy pays nothing for this loss: propose a denial instead',
      {
        denialReason: calculation.denialReason,
        calculation,
      },
    );
  }
  const confirmed = suspicionsStanding(reviewed, 'confirmed');
  if (confirmed.length) {
    throw new DomainRuleViolation(
      'suspicion-confirmed',
      'An investigation confirmed a suspicion: the claim cannot be approved',
      { suspicions: confirmed },
    );
  }
  const { explanation, policyBasis } = command;
  return propose(
    reviewed,
    { outcome: 'approve', calculation, reasonCodes: [], explanation, policyBasis },
    calculation.payout,
    command,
    terms,
  );
}

export interface ProposeDenial extends Acting {
  readonly reasonCodes: readonly string[];
  readonly explanation: string;
  readonly policyBasis: string;
}

/** The handler proposes a denial citing reasons from the catalogue, with explanation and policy basis. */
export function proposeDenial(
  state: ReviewCase,
  command: ProposeDenial,
  terms: ReviewTerms,
): ReviewCaseEvent[] {
  const reviewed = handlersCaseIn(state, 'in-review', command.actor);
  const { reasonCodes, explanation, policyBasis } = command;
  const unknown = reasonCodes.filter((c) => !isDenialReason(c));
  if (!reasonCodes.length || unknown.length) {
    throw new DomainRuleViolation('unknown-denial-reason', 'Cite one or more reasons from the catalogue', {
      unknown,
      catalogue: Object.keys(DENIAL_REASONS),
    });
  }
  const atStake = reviewed.assessment?.assessedLoss ?? reviewed.claim.estimatedLoss;
  return propose(
    reviewed,
    { outcome: 'deny', reasonCodes: [...reasonCodes], explanation, policyBasis },
    atStake,
    command,
    terms,
  );
}

export interface SignOff extends Acting {
  /** The approver's comment, appended to the decision's explanation. */
  readonly comment?: string;
}

/** An approver of the required level (never the handler: four eyes) signs the proposed decision. */
export function approveDecision(state: ReviewCase, command: SignOff, terms: ReviewTerms): ReviewCaseEvent[] {
  const { case: waiting, proposal } = proposalAwaitingSignOff(state, command.actor, terms);
  const { actor, now, comment } = command;
  const approvalLevel = terms.authority.levelOf(actor.id, actor.role);
  const by: DecidedBy = { decidedBy: actor.id, decidedAs: 'approver', approvalLevel };
  const claim = { claimId: waiting.claimId, claimNumber: waiting.claim.claimNumber };
  return decisionEvents(claim, proposal, by, now, terms.timetable, comment);
}

/** The approver sends the proposal back to the handler with a comment; the review step starts again. */
export function sendBackDecision(
  state: ReviewCase,
  command: Acting & { readonly comment: string },
  terms: ReviewTerms,
): ReviewCaseEvent[] {
  const { case: waiting, proposal } = proposalAwaitingSignOff(state, command.actor, terms);
  const { actor, comment, now } = command;
  const data = {
    claimId: waiting.claimId,
    sentBackBy: actor.id,
    level: proposal.requiredLevel,
    comment,
    sentBackAt: now.toISOString(),
  };
  return [
    recordReviewCase('DecisionSentBack', data, { occurredAt: now }),
    stepStarted(waiting.claimId, 'review', now, terms.timetable),
  ];
}

/** Who decided: the handler within their authority, an approver, or the fast track. */
export interface DecidedBy {
  readonly decidedBy: string;
  readonly decidedAs: DecidedAs;
  /** The approver's level; 0 for the handler and the fast track. */
  readonly approvalLevel: number;
}

/** The decision on a proposal: approved (the payment step starts) or denied (the closure step starts). */
export function decisionEvents(
  claim: { readonly claimId: string; readonly claimNumber: string },
  proposal: Proposal,
  by: DecidedBy,
  now: Date,
  timetable: StepTimetable,
  comment?: string,
): ReviewCaseEvent[] {
  const { claimId, claimNumber } = claim;
  const common = {
    claimId,
    claimNumber,
    explanation: comment ? `${proposal.explanation}\nApprover: ${comment}` : proposal.explanation,
    policyBasis: proposal.policyBasis,
    proposedBy: proposal.proposedBy,
    ...by,
    decidedAt: now.toISOString(),
  };
  if (proposal.outcome === 'approve') {
    const { calculation } = proposal;
    return [
      recordReviewCase(
        'ClaimApproved',
        { ...common, payout: calculation.payout, calculation },
        { occurredAt: now },
      ),
      stepStarted(claimId, 'payment', now, timetable),
    ];
  }
  return [
    recordReviewCase(
      'ClaimDenied',
      { ...common, reasonCodes: [...proposal.reasonCodes] },
      { occurredAt: now },
    ),
    stepStarted(claimId, 'closure', now, timetable),
  ];
}

type ProposalDraft =
  | {
      outcome: 'approve';
      calculation: PayoutCalculation;
      reasonCodes: string[];
      explanation: string;
      policyBasis: string;
    }
  | { outcome: 'deny'; reasonCodes: string[]; explanation: string; policyBasis: string };

/** Within the handler's authority the proposal is decided at once; above it, it waits for its level. */
function propose(
  reviewed: InReview,
  draft: ProposalDraft,
  atStake: Money,
  command: Acting,
  terms: ReviewTerms,
): ReviewCaseEvent[] {
  const { actor, now } = command;
  const requiredLevel = terms.authority.requiredLevel(atStake.amountMinor);
  const proposal: Proposal = { ...draft, proposedBy: actor.id, requiredLevel };
  const calculation = proposal.outcome === 'approve' ? proposal.calculation : null;
  const { claimId, claimNumber } = reviewed.claim;
  const proposed = recordReviewCase(
    'DecisionProposed',
    {
      claimId,
      outcome: proposal.outcome,
      payout: calculation?.payout ?? null,
      calculation,
      reasonCodes: [...proposal.reasonCodes],
      explanation: proposal.explanation,
      policyBasis: proposal.policyBasis,
      proposedBy: actor.id,
      requiredLevel,
      proposedAt: now.toISOString(),
    },
    { occurredAt: now },
  );
  if (requiredLevel === 0) {
    const by: DecidedBy = { decidedBy: actor.id, decidedAs: 'handler', approvalLevel: 0 };
    return [proposed, ...decisionEvents({ claimId, claimNumber }, proposal, by, now, terms.timetable)];
  }
  const referred = { claimId, level: requiredLevel, amountAtStake: atStake, referredAt: now.toISOString() };
  return [
    proposed,
    recordReviewCase('DecisionReferredForApproval', referred, { occurredAt: now }),
    stepStarted(claimId, requiredLevel === 1 ? 'approval-level-1' : 'approval-level-2', now, terms.timetable),
  ];
}

/** The assessed loss, once every document is reviewed, none has open problems and no suspicion waits. */
function readyForDecision(reviewed: InReview): Money {
  if (!reviewed.assessment) {
    throw new DomainRuleViolation('loss-not-assessed', 'Assess the loss before proposing an approval');
  }
  const unreviewed = reviewed.documents.map((d) => d.documentId).filter((id) => !reviewed.findings[id]);
  if (unreviewed.length) {
    throw new DomainRuleViolation('documents-not-reviewed', 'Review every document first', {
      documents: unreviewed,
    });
  }
  if (reviewed.documentsWithProblems.length) {
    throw new DomainRuleViolation(
      'document-problems-open',
      'Documents with problems must be replaced through a supplementary request',
      { documents: [...reviewed.documentsWithProblems] },
    );
  }
  const raised = suspicionsStanding(reviewed, 'raised');
  if (raised.length) {
    throw new DomainRuleViolation(
      'investigation-required',
      'Suspicions must be investigated before approval',
      {
        suspicions: raised,
      },
    );
  }
  return reviewed.assessment.assessedLoss;
}

function suspicionsStanding(reviewed: InReview, standing: 'raised' | 'confirmed'): string[] {
  return Object.entries(reviewed.suspicions)
    .filter(([, s]) => s === standing)
    .map(([suspicion]) => suspicion);
}

/** The proposal waiting for this approver: four eyes, then authority. */
function proposalAwaitingSignOff(
  state: ReviewCase,
  approver: Actor,
  terms: ReviewTerms,
): { case: AwaitingApproval; proposal: Proposal } {
  const waiting = caseIn(state, 'awaiting-approval', 'sign off a decision');
  const { proposal } = waiting;
  if (approver.id === proposal.proposedBy || approver.id === waiting.handlerId) {
    throw new DomainRuleViolation(
      'four-eyes',
      'The approver must not be the handler who proposed the decision',
      {
        proposedBy: proposal.proposedBy,
      },
    );
  }
  const level = terms.authority.levelOf(approver.id, approver.role);
  if (level < proposal.requiredLevel) {
    throw new DomainRuleViolation(
      'above-authority',
      `This decision needs approval level ${proposal.requiredLevel}; yours is ${level}`,
      { requiredLevel: proposal.requiredLevel, approverLevel: level },
    );
  }
  return { case: waiting, proposal };
}
