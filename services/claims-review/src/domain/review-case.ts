import { Actor, DomainEvent, DomainRuleViolation, EventSourcedAggregate, PersonalData } from '@claims/event-sourcing';
import { Clock, Pause } from '@claims/working-calendar';
import { ApprovalAuthority } from './approval-authority';
import { ClaimantDetails, SubmittedClaim, SubmittedDocument } from './claim-facts';
import {
  AssessmentMethod,
  DocumentFinding,
  InvestigationMode,
  LossItem,
  OCCURRED_AT,
  PaymentMethod,
  ReviewCaseEventType,
  ReviewCaseEvents,
  Suspicion,
} from './claim-review-events';
import { DENIAL_REASONS, isDenialReason } from './denial-reasons';
import { FastTrackVerdict } from './fast-track';
import { HandlerChoice } from './handler-assignment';
import { Money, assertSameCurrency, assertValidMoney } from './money';
import { PayoutCalculation, calculatePayout } from './payout-calculation';
import { CaseStep } from './review-rules';
import { StepTimetable } from './step-timetable';

export type CaseStatus =
  | 'awaiting-acceptance'
  | 'in-review'
  | 'awaiting-documents'
  | 'under-investigation'
  | 'awaiting-approval'
  | 'approved'
  | 'denied'
  | 'payment-instructed'
  | 'paid'
  | 'closed';

/** What a case needs besides its history: the time, the calendar and the authority limits. */
export interface ReviewCaseDependencies {
  readonly clock: Clock;
  readonly timetable: StepTimetable;
  readonly authority: ApprovalAuthority;
}

type Event<T extends ReviewCaseEventType> = DomainEvent<ReviewCaseEvents[T]>;

interface StepState {
  name: CaseStep;
  startedAt: string;
  dueAt: string | null;
  pauses: { from: string; to: string }[];
  pausedSince: string | null;
  alerted: Set<'at-risk' | 'overdue'>;
}

interface Proposal {
  outcome: 'approve' | 'deny';
  calculation: PayoutCalculation | null;
  reasonCodes: string[];
  explanation: string;
  policyBasis: string;
  proposedBy: string;
  requiredLevel: number;
}

/**
 * One claim under review, from the submission intake handed over to closure: acceptance,
 * material review, investigation and loss assessment, adjudication with tiered authority and
 * four eyes, payment and closure. Every decision it takes is a past-tense event.
 */
export class ReviewCase extends EventSourcedAggregate {
  private claim: SubmittedClaim | null = null;
  private claimantDetails: ClaimantDetails | null = null;
  private status: CaseStatus = 'awaiting-acceptance';
  private handlerId: string | null = null;
  private documents = new Map<string, SubmittedDocument>();
  private findings = new Map<string, DocumentFinding>();
  /** Documents found wanting that no supplementary request has asked to replace yet. */
  private unresolvedProblems = new Set<string>();
  private rounds = 0;
  private suspicions = new Map<Suspicion, 'raised' | 'confirmed' | 'cleared'>();
  private investigation: { investigatorId: string; mode: InvestigationMode; completed: boolean; findings?: string } | null = null;
  private assessment: { assessedLoss: Money; breakdown: LossItem[]; method: AssessmentMethod } | null = null;
  private proposal: Proposal | null = null;
  private decision: { outcome: 'approved' | 'denied'; payout: Money | null; decidedBy: string; decidedAs: string } | null = null;
  private payment: { amount: Money; expectedArrivalDate: string; reference?: string; paidOn?: string } | null = null;
  private paidSoFarMinor = 0;
  private fastTracked = false;
  private step: StepState | null = null;

  constructor(id: string, private readonly deps: ReviewCaseDependencies) {
    super(id);
  }

  // ----- acceptance -----

  open(claim: SubmittedClaim, claimant?: ClaimantDetails): void {
    if (this.claim) return;
    const personalData: PersonalData | undefined = claimant
      ? { subjectId: claim.customerId, fields: { ...claimant } as Record<string, unknown> }
      : undefined;
    this.record('ReviewCaseOpened', { ...claim, documents: [...claim.documents], openedAt: this.now() }, personalData);
    this.startStep('acceptance');
  }

  accept(acceptor: Actor, choice: HandlerChoice): void {
    this.require('awaiting-acceptance', 'accept');
    this.record('ClaimAccepted', { claimId: this.id, claimNumber: this.facts().claimNumber, acceptedBy: acceptor.id, route: 'manual', acceptedAt: this.now() });
    this.record('HandlerAssigned', { claimId: this.id, handlerId: choice.handlerId, rule: choice.rule, assignedAt: this.now() });
    this.startStep('review');
  }

  reassign(toHandlerId: string, reason: string): void {
    if (this.status === 'awaiting-acceptance' || this.status === 'closed' || !this.handlerId) {
      throw new DomainRuleViolation('not-reassignable', `A case ${this.status} has no handler to replace`);
    }
    if (toHandlerId === this.handlerId) throw new DomainRuleViolation('same-handler', 'The case is already with this handler');
    this.record('HandlerReassigned', { claimId: this.id, fromHandlerId: this.handlerId, toHandlerId, reason, reassignedAt: this.now() });
  }

  // ----- material review -----

  recordDocumentReview(handler: Actor, findings: readonly DocumentFinding[]): void {
    this.requireHandler(handler, 'in-review');
    const unknown = findings.filter((f) => !this.documents.has(f.documentId)).map((f) => f.documentId);
    if (unknown.length) throw new DomainRuleViolation('unknown-documents', 'Findings name documents not on file', { documents: unknown });
    if (!findings.length) throw new DomainRuleViolation('no-findings', 'Record a finding for at least one document');
    this.record('DocumentsReviewed', { claimId: this.id, findings: [...findings], reviewedBy: handler.id, reviewedAt: this.now() });
  }

  requestSupplementaryDocuments(handler: Actor, items: readonly { documentKind: string; reason: string }[]): void {
    this.requireHandler(handler, 'in-review');
    if (!items.length) throw new DomainRuleViolation('no-items', 'Name at least one document to supply, with its reason');
    const round = this.rounds + 1;
    const now = this.now();
    this.record('SupplementaryDocumentsRequested', { claimId: this.id, claimNumber: this.facts().claimNumber, round, items: [...items], requestedAt: now });
    const customerRespondBy = this.deps.timetable.dueAt('customer-documents', new Date(now)).toISOString();
    this.record('StepClockPaused', { claimId: this.id, step: this.currentStep().name, pausedAt: now, reason: 'awaiting-customer-documents', customerRespondBy });
  }

  receiveSupplementaryDocuments(round: number, documents: readonly SubmittedDocument[]): void {
    if (this.status !== 'awaiting-documents') return; // a late or repeated delivery changes nothing
    if (round !== this.rounds) {
      throw new DomainRuleViolation('wrong-round', `Documents for round ${round} arrived, but round ${this.rounds} is open`);
    }
    const now = this.now();
    this.record('SupplementaryDocumentsReceived', { claimId: this.id, round, documents: [...documents], receivedAt: now });
    const step = this.currentStep();
    const pauses = [...this.pausesOf(step), { from: new Date(step.pausedSince ?? now), to: new Date(now) }];
    const dueAt = this.deps.timetable.dueAt(step.name, new Date(step.startedAt), pauses).toISOString();
    this.record('StepClockResumed', { claimId: this.id, step: step.name, resumedAt: now, dueAt });
  }

  // ----- investigation and loss assessment -----

  flagSuspicion(actor: Actor, suspicion: Suspicion, reason: string): void {
    this.requireOpen();
    if (this.status === 'awaiting-acceptance') throw new DomainRuleViolation('not-accepted', 'Accept the claim first');
    this.record('SuspicionFlagged', { claimId: this.id, suspicion, reason, flaggedBy: actor.id, flaggedAt: this.now() });
  }

  openInvestigation(handler: Actor, investigatorId: string, mode: InvestigationMode, instructions: string): void {
    this.requireHandler(handler, 'in-review');
    if (investigatorId === handler.id) throw new DomainRuleViolation('investigator-is-handler', 'The handler cannot investigate their own case');
    this.record('InvestigationOpened', { claimId: this.id, investigatorId, mode, instructions, openedAt: this.now() });
    this.startStep('investigation');
  }

  completeInvestigation(investigator: Actor, findings: string, confirmed: readonly Suspicion[], cleared: readonly Suspicion[]): void {
    this.require('under-investigation', 'record investigation findings');
    if (this.investigation?.investigatorId !== investigator.id) {
      throw new DomainRuleViolation('not-assigned-investigator', 'Only the assigned investigator may record the findings');
    }
    const both = confirmed.filter((s) => cleared.includes(s));
    if (both.length) throw new DomainRuleViolation('contradictory-findings', 'A suspicion cannot be both confirmed and cleared', { suspicions: both });
    this.record('InvestigationCompleted', {
      claimId: this.id, investigatorId: investigator.id, findings, confirmedSuspicions: [...confirmed], clearedSuspicions: [...cleared], completedAt: this.now(),
    });
    this.startStep('review');
  }

  assessLoss(handler: Actor, assessedLoss: Money, breakdown: readonly LossItem[], method: AssessmentMethod): void {
    this.requireHandler(handler, 'in-review');
    assertValidMoney(assessedLoss, 'The assessed loss');
    breakdown.forEach((line) => assertSameCurrency({ assessedLoss, [line.item]: line.amount }));
    const total = breakdown.reduce((sum, line) => sum + line.amount.amountMinor, 0);
    if (breakdown.length && total !== assessedLoss.amountMinor) {
      throw new DomainRuleViolation('breakdown-mismatch', 'The breakdown does not add up to the assessed loss', { breakdownTotalMinor: total });
    }
    this.record('LossAssessed', { claimId: this.id, assessedLoss, breakdown: [...breakdown], method, assessedBy: handler.id, assessedAt: this.now() });
  }

  // ----- adjudication -----

  /** Computes the payout from the policy snapshot and proposes to approve it. */
  proposeApproval(
    handler: Actor,
    input: { paidOnPolicyBefore: Money; exclusionsApplied?: string[]; explanation: string; policyBasis: string },
  ): PayoutCalculation {
    this.requireHandler(handler, 'in-review');
    this.requireReadyForDecision();
    const calculation = this.calculate(input.paidOnPolicyBefore, input.exclusionsApplied);
    if (!calculation.payable) {
      throw new DomainRuleViolation('not-payable', 'The policy pays nothing for this loss: propose a denial instead', {
        denialReason: calculation.denialReason,
        calculation,
      });
    }
    const confirmed = [...this.suspicions].filter(([, s]) => s === 'confirmed').map(([k]) => k);
    if (confirmed.length) {
      throw new DomainRuleViolation('suspicion-confirmed', 'An investigation confirmed a suspicion: the claim cannot be approved', { suspicions: confirmed });
    }
    this.propose(handler, { outcome: 'approve', calculation, reasonCodes: [], explanation: input.explanation, policyBasis: input.policyBasis }, calculation.payout);
    return calculation;
  }

  proposeDenial(handler: Actor, input: { reasonCodes: string[]; explanation: string; policyBasis: string }): void {
    this.requireHandler(handler, 'in-review');
    const unknown = input.reasonCodes.filter((c) => !isDenialReason(c));
    if (!input.reasonCodes.length || unknown.length) {
      throw new DomainRuleViolation('unknown-denial-reason', 'Cite one or more reasons from the catalogue', { unknown, catalogue: Object.keys(DENIAL_REASONS) });
    }
    const atStake = this.assessment?.assessedLoss ?? this.facts().estimatedLoss;
    this.propose(handler, { outcome: 'deny', calculation: null, ...input }, atStake);
  }

  approve(approver: Actor, explanation?: string): void {
    const proposal = this.requireProposalFor(approver);
    this.decide(proposal, approver, 'approver', explanation);
  }

  sendBack(approver: Actor, comment: string): void {
    const proposal = this.requireProposalFor(approver);
    this.record('DecisionSentBack', { claimId: this.id, sentBackBy: approver.id, level: proposal.requiredLevel, comment, sentBackAt: this.now() });
    this.startStep('review');
  }

  /** A small, clean claim decided by the rules alone: accepted, assessed on the estimate and approved. */
  applyFastTrack(verdict: FastTrackVerdict, paymentHandler: HandlerChoice): void {
    this.require('awaiting-acceptance', 'fast-track');
    if (!verdict.eligible || !verdict.calculation?.payable) {
      throw new DomainRuleViolation('not-fast-track', 'The claim does not pass every fast-track rule');
    }
    const system: Actor = { id: 'claims-review.fast-track', role: 'system' };
    const claim = this.facts();
    const now = this.now();
    this.record('FastTrackApplied', { claimId: this.id, checks: [...verdict.checks], appliedAt: now });
    this.record('ClaimAccepted', { claimId: this.id, claimNumber: claim.claimNumber, acceptedBy: system.id, route: 'fast-track', acceptedAt: now });
    this.record('HandlerAssigned', { claimId: this.id, handlerId: paymentHandler.handlerId, rule: paymentHandler.rule, assignedAt: now });
    this.record('LossAssessed', { claimId: this.id, assessedLoss: claim.estimatedLoss, breakdown: [], method: 'fast-track', assessedBy: system.id, assessedAt: now });
    const proposal: Proposal = {
      outcome: 'approve',
      calculation: verdict.calculation,
      reasonCodes: [],
      explanation: 'Decided automatically: small claim, complete documents, no flags, every policy rule passed.',
      policyBasis: verdict.calculation.steps.map((s) => s.clause).join('; '),
      proposedBy: system.id,
      requiredLevel: 0,
    };
    this.decide(proposal, system, 'fast-track');
  }

  declineFastTrack(verdict: FastTrackVerdict): void {
    if (this.status !== 'awaiting-acceptance') return;
    this.record('FastTrackDeclined', { claimId: this.id, failedChecks: verdict.checks.filter((c) => !c.passed).map((c) => c.rule), declinedAt: this.now() });
  }

  // ----- payment and closure -----

  instructPayment(handler: Actor, method: PaymentMethod): void {
    this.requireHandler(handler, 'approved');
    const payout = this.decision?.payout as Money;
    const amount: Money = { amountMinor: payout.amountMinor - this.paidSoFarMinor, currency: payout.currency };
    if (amount.amountMinor <= 0) throw new DomainRuleViolation('nothing-to-pay', 'The approved amount has already been paid');
    const now = this.now();
    const expectedArrivalDate = this.deps.timetable.expectedArrivalDate(new Date(now));
    this.record('PaymentInstructed', { claimId: this.id, claimNumber: this.facts().claimNumber, amount, method, instructedBy: handler.id, instructedAt: now, expectedArrivalDate });
  }

  confirmPayment(handler: Actor, confirmation: { reference: string; paidOn: string; amount: Money }): void {
    this.requireHandler(handler, 'payment-instructed');
    const instructed = this.payment?.amount as Money;
    assertSameCurrency({ instructed, confirmed: confirmation.amount });
    if (confirmation.amount.amountMinor !== instructed.amountMinor) {
      throw new DomainRuleViolation('payment-amount-mismatch', 'The confirmed amount differs from the instructed amount', { instructed, confirmed: confirmation.amount });
    }
    const claim = this.facts();
    this.record('PaymentConfirmed', {
      claimId: this.id, claimNumber: claim.claimNumber, policyNumber: claim.policy.policyNumber, amount: confirmation.amount,
      reference: confirmation.reference, paidOn: confirmation.paidOn, confirmedAt: this.now(),
    });
    this.startStep('closure');
  }

  close(handler: Actor, summary: string): void {
    if (this.status !== 'paid' && this.status !== 'denied') {
      throw new DomainRuleViolation('not-closable', `A case ${this.status} cannot be closed: it must be paid or denied first`, { status: this.status });
    }
    this.requireHandler(handler, this.status);
    const decision = this.decision as NonNullable<ReviewCase['decision']>;
    this.record('ClaimClosed', {
      claimId: this.id,
      claimNumber: this.facts().claimNumber,
      outcome: decision.outcome === 'approved' ? 'paid' : 'denied',
      closureRecord: {
        summary,
        decision: decision.outcome,
        paidAmount: decision.payout ? { amountMinor: this.paidSoFarMinor, currency: decision.payout.currency } : null,
        paymentReference: this.payment?.reference ?? null,
        supplementaryRounds: this.rounds,
      },
      closedBy: handler.id,
      closedAt: this.now(),
    });
  }

  reopen(actor: Actor, reason: string): void {
    this.require('closed', 'reopen');
    if (actor.role !== 'manager') throw new DomainRuleViolation('manager-only', 'Only a manager may reopen a closed claim');
    if (!reason.trim()) throw new DomainRuleViolation('reason-required', 'Say why the claim is reopened');
    this.record('ClaimReopened', { claimId: this.id, claimNumber: this.facts().claimNumber, reason, reopenedBy: actor.id, reopenedAt: this.now() });
    this.startStep('review');
  }

  // ----- time limits -----

  /** Records, once per step, that it is at risk or overdue. Returns what it recorded. */
  checkTimeLimit(): 'at-risk' | 'overdue' | null {
    const step = this.step;
    if (!step?.dueAt || step.pausedSince || this.status === 'closed') return null;
    const standing = this.deps.timetable.standing(new Date(step.dueAt), this.deps.clock.now());
    if (standing === 'on-time' || step.alerted.has(standing) || (standing === 'at-risk' && step.alerted.has('overdue'))) return null;
    const data = { claimId: this.id, step: step.name, dueAt: step.dueAt, detectedAt: this.now() };
    if (standing === 'overdue') this.record('TimeLimitExceeded', data);
    else this.record('TimeLimitAtRisk', data);
    return standing;
  }

  // ----- reading -----

  get claimFacts(): SubmittedClaim | null {
    return this.claim;
  }

  /** The claimant's details (revealed, or erased once the customer was forgotten). */
  get claimant(): ClaimantDetails | null {
    return this.claimantDetails;
  }

  get currentStatus(): CaseStatus {
    return this.status;
  }

  get assignedHandler(): string | null {
    return this.handlerId;
  }

  get paidSoFar(): number {
    return this.paidSoFarMinor;
  }

  /** The whole state, for the case view and for auditors' as-of replays. */
  snapshot() {
    return {
      claimId: this.id,
      revision: this.revision,
      status: this.status,
      claim: this.claim,
      handlerId: this.handlerId,
      fastTracked: this.fastTracked,
      documents: [...this.documents.values()].map((d) => ({ ...d, finding: this.findings.get(d.documentId) ?? null })),
      supplementaryRounds: this.rounds,
      suspicions: Object.fromEntries(this.suspicions),
      investigation: this.investigation,
      assessment: this.assessment,
      proposal: this.proposal,
      decision: this.decision,
      payment: this.payment,
      paidSoFar: this.claim ? { amountMinor: this.paidSoFarMinor, currency: this.claim.policy.sumInsured.currency } : null,
      step: this.step && { name: this.step.name, startedAt: this.step.startedAt, dueAt: this.step.dueAt, pausedSince: this.step.pausedSince },
    };
  }

  // ----- rules shared by the commands -----

  private propose(handler: Actor, proposal: Omit<Proposal, 'proposedBy' | 'requiredLevel'>, atStake: Money): void {
    const requiredLevel = this.deps.authority.requiredLevel(atStake.amountMinor);
    const full: Proposal = { ...proposal, proposedBy: handler.id, requiredLevel };
    this.record('DecisionProposed', {
      claimId: this.id, outcome: full.outcome, payout: full.calculation?.payout ?? null, calculation: full.calculation,
      reasonCodes: full.reasonCodes, explanation: full.explanation, policyBasis: full.policyBasis, proposedBy: handler.id, requiredLevel, proposedAt: this.now(),
    });
    if (requiredLevel === 0) return this.decide(full, handler, 'handler');
    this.record('DecisionReferredForApproval', { claimId: this.id, level: requiredLevel, amountAtStake: atStake, referredAt: this.now() });
    this.startStep(requiredLevel === 1 ? 'approval-level-1' : 'approval-level-2');
  }

  private decide(proposal: Proposal, decider: Actor, decidedAs: 'handler' | 'approver' | 'fast-track', explanation?: string): void {
    const claimNumber = this.facts().claimNumber;
    const common = {
      claimId: this.id,
      claimNumber,
      explanation: explanation ? `${proposal.explanation}\nApprover: ${explanation}` : proposal.explanation,
      policyBasis: proposal.policyBasis,
      proposedBy: proposal.proposedBy,
      decidedBy: decider.id,
      decidedAs,
      approvalLevel: decidedAs === 'approver' ? this.deps.authority.levelOf(decider.id, decider.role) : 0,
      decidedAt: this.now(),
    };
    if (proposal.outcome === 'approve') {
      const calculation = proposal.calculation as PayoutCalculation;
      this.record('ClaimApproved', { ...common, payout: calculation.payout, calculation });
      this.startStep('payment');
    } else {
      this.record('ClaimDenied', { ...common, reasonCodes: proposal.reasonCodes });
      this.startStep('closure');
    }
  }

  private requireProposalFor(approver: Actor): Proposal {
    this.require('awaiting-approval', 'sign off a decision');
    const proposal = this.proposal as Proposal;
    if (approver.id === proposal.proposedBy || approver.id === this.handlerId) {
      throw new DomainRuleViolation('four-eyes', 'The approver must not be the handler who proposed the decision', { proposedBy: proposal.proposedBy });
    }
    const level = this.deps.authority.levelOf(approver.id, approver.role);
    if (level < proposal.requiredLevel) {
      throw new DomainRuleViolation('above-authority', `This decision needs approval level ${proposal.requiredLevel}; yours is ${level}`, {
        requiredLevel: proposal.requiredLevel,
        approverLevel: level,
      });
    }
    return proposal;
  }

  private requireReadyForDecision(): void {
    if (!this.assessment) throw new DomainRuleViolation('loss-not-assessed', 'Assess the loss before proposing an approval');
    const unreviewed = [...this.documents.keys()].filter((id) => !this.findings.has(id));
    if (unreviewed.length) throw new DomainRuleViolation('documents-not-reviewed', 'Review every document first', { documents: unreviewed });
    if (this.unresolvedProblems.size) {
      throw new DomainRuleViolation('document-problems-open', 'Documents with problems must be replaced through a supplementary request', {
        documents: [...this.unresolvedProblems],
      });
    }
    const raised = [...this.suspicions].filter(([, s]) => s === 'raised').map(([k]) => k);
    if (raised.length) throw new DomainRuleViolation('investigation-required', 'Suspicions must be investigated before approval', { suspicions: raised });
  }

  private calculate(paidOnPolicyBefore: Money, exclusionsApplied?: string[]): PayoutCalculation {
    const claim = this.facts();
    return calculatePayout({
      policy: claim.policy,
      accidentDate: this.deps.timetable.localDate(new Date(claim.accident.occurredAt)),
      cause: claim.accident.cause,
      assessedLoss: (this.assessment as NonNullable<ReviewCase['assessment']>).assessedLoss,
      paidOnPolicyBefore,
      exclusionsApplied,
    });
  }

  private requireHandler(handler: Actor, status: CaseStatus): void {
    this.require(status, 'do this');
    if (handler.id !== this.handlerId) {
      throw new DomainRuleViolation('not-assigned-handler', 'Only the handler the case is assigned to may do this', { handlerId: this.handlerId });
    }
  }

  private require(status: CaseStatus, action: string): void {
    this.facts();
    if (this.status !== status) {
      throw new DomainRuleViolation('wrong-status', `Cannot ${action} while the case is ${this.status}`, { status: this.status, required: status });
    }
  }

  private requireOpen(): void {
    this.facts();
    if (this.status === 'closed') throw new DomainRuleViolation('case-closed', 'The case is closed');
  }

  private facts(): SubmittedClaim {
    if (!this.claim) throw new DomainRuleViolation('no-case', 'No review case was opened for this claim');
    return this.claim;
  }

  private currentStep(): StepState {
    return this.step as StepState;
  }

  private pausesOf(step: StepState): Pause[] {
    return step.pauses.map((p) => ({ from: new Date(p.from), to: new Date(p.to) }));
  }

  private startStep(name: CaseStep): void {
    const now = this.now();
    this.record('StepStarted', { claimId: this.id, step: name, startedAt: now, dueAt: this.deps.timetable.dueAt(name, new Date(now)).toISOString() });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Applies a new event; its occurredAt is the Clock reading its data already carries (OCCURRED_AT). */
  private record<T extends ReviewCaseEventType>(type: T, data: ReviewCaseEvents[T], personalData?: PersonalData): void {
    const occurredAt = data[OCCURRED_AT[type]] as string;
    this.apply(personalData ? { type, schemaVersion: 1, data, occurredAt, personalData } : { type, schemaVersion: 1, data, occurredAt });
  }

  // ----- state changes, one per event -----

  onReviewCaseOpened({ data, personalData }: Event<'ReviewCaseOpened'>): void {
    const { openedAt: _openedAt, ...claim } = data;
    this.claim = claim;
    this.claimantDetails = personalData ? (personalData.fields as ClaimantDetails) : null;
    data.documents.forEach((d) => this.documents.set(d.documentId, d));
  }

  onStepStarted({ data }: Event<'StepStarted'>): void {
    this.step = { name: data.step, startedAt: data.startedAt, dueAt: data.dueAt, pauses: [], pausedSince: null, alerted: new Set() };
  }

  onStepClockPaused({ data }: Event<'StepClockPaused'>): void {
    const step = this.currentStep();
    step.pausedSince = data.pausedAt;
    step.dueAt = null;
  }

  onStepClockResumed({ data }: Event<'StepClockResumed'>): void {
    const step = this.currentStep();
    step.pauses.push({ from: step.pausedSince ?? data.resumedAt, to: data.resumedAt });
    step.pausedSince = null;
    step.dueAt = data.dueAt;
    step.alerted.clear();
  }

  onTimeLimitAtRisk(): void {
    this.step?.alerted.add('at-risk');
  }

  onTimeLimitExceeded(): void {
    this.step?.alerted.add('overdue');
  }

  onFastTrackApplied(): void {
    this.fastTracked = true;
  }

  onFastTrackDeclined(): void {
    /* the case waits for an acceptor */
  }

  onClaimAccepted(): void {
    this.status = 'in-review';
  }

  onHandlerAssigned({ data }: Event<'HandlerAssigned'>): void {
    this.handlerId = data.handlerId;
  }

  onHandlerReassigned({ data }: Event<'HandlerReassigned'>): void {
    this.handlerId = data.toHandlerId;
  }

  onDocumentsReviewed({ data }: Event<'DocumentsReviewed'>): void {
    for (const finding of data.findings) {
      this.findings.set(finding.documentId, finding);
      if (finding.authentic && finding.complete && finding.compliant) this.unresolvedProblems.delete(finding.documentId);
      else this.unresolvedProblems.add(finding.documentId);
    }
  }

  onSupplementaryDocumentsRequested({ data }: Event<'SupplementaryDocumentsRequested'>): void {
    this.rounds = data.round;
    this.unresolvedProblems.clear();
    this.status = 'awaiting-documents';
  }

  onSupplementaryDocumentsReceived({ data }: Event<'SupplementaryDocumentsReceived'>): void {
    data.documents.forEach((d) => this.documents.set(d.documentId, d));
    this.status = 'in-review';
  }

  onSuspicionFlagged({ data }: Event<'SuspicionFlagged'>): void {
    this.suspicions.set(data.suspicion, 'raised');
  }

  onInvestigationOpened({ data }: Event<'InvestigationOpened'>): void {
    this.investigation = { investigatorId: data.investigatorId, mode: data.mode, completed: false };
    this.status = 'under-investigation';
  }

  onInvestigationCompleted({ data }: Event<'InvestigationCompleted'>): void {
    this.investigation = { ...(this.investigation as NonNullable<ReviewCase['investigation']>), completed: true, findings: data.findings };
    data.confirmedSuspicions.forEach((s) => this.suspicions.set(s, 'confirmed'));
    data.clearedSuspicions.forEach((s) => this.suspicions.set(s, 'cleared'));
    this.status = 'in-review';
  }

  onLossAssessed({ data }: Event<'LossAssessed'>): void {
    this.assessment = { assessedLoss: data.assessedLoss, breakdown: data.breakdown, method: data.method };
  }

  onDecisionProposed({ data }: Event<'DecisionProposed'>): void {
    const { outcome, calculation, reasonCodes, explanation, policyBasis, proposedBy, requiredLevel } = data;
    this.proposal = { outcome, calculation, reasonCodes, explanation, policyBasis, proposedBy, requiredLevel };
  }

  onDecisionReferredForApproval(): void {
    this.status = 'awaiting-approval';
  }

  onDecisionSentBack(): void {
    this.proposal = null;
    this.status = 'in-review';
  }

  onClaimApproved({ data }: Event<'ClaimApproved'>): void {
    this.decision = { outcome: 'approved', payout: data.payout, decidedBy: data.decidedBy, decidedAs: data.decidedAs };
    this.status = 'approved';
  }

  onClaimDenied({ data }: Event<'ClaimDenied'>): void {
    this.decision = { outcome: 'denied', payout: null, decidedBy: data.decidedBy, decidedAs: data.decidedAs };
    this.status = 'denied';
  }

  onPaymentInstructed({ data }: Event<'PaymentInstructed'>): void {
    this.payment = { amount: data.amount, expectedArrivalDate: data.expectedArrivalDate };
    this.status = 'payment-instructed';
  }

  onPaymentConfirmed({ data }: Event<'PaymentConfirmed'>): void {
    this.payment = { ...(this.payment as NonNullable<ReviewCase['payment']>), reference: data.reference, paidOn: data.paidOn };
    this.paidSoFarMinor += data.amount.amountMinor;
    this.status = 'paid';
  }

  onClaimClosed(): void {
    this.status = 'closed';
    this.step = null;
  }

  onClaimReopened(): void {
    this.status = 'in-review';
    this.proposal = null;
    this.decision = null;
  }
}
