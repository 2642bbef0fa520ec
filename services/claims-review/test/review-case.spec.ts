import { DomainRuleViolation } from '@claims/event-sourcing';
import { ReviewCase } from '../src/domain/review-case';
import { assessFastTrack } from '../src/domain/fast-track';
import { chooseHandler } from '../src/domain/handler-assignment';
import { DEFAULT_REVIEW_RULES } from '../src/infrastructure/default-review-rules';
import { cny, lastEvent, recorded, reviewCaseWorld, submittedClaim } from './fixtures';

const acceptor = { id: 'acceptor-1', role: 'claims-acceptor' };
const handler = { id: 'handler-motor-1', role: 'claims-handler' };
const otherHandler = { id: 'handler-motor-2', role: 'claims-handler' };
const approver1 = { id: 'approver-1', role: 'approver' };
const approver2 = { id: 'approver-senior-1', role: 'approver' };
const investigator = { id: 'investigator-1', role: 'investigator' };
const manager = { id: 'manager-1', role: 'manager' };
const choice = { handlerId: handler.id, rule: 'motor' };
const explain = { explanation: 'Covered collision', policyBasis: 'Clause 3 (collision)' };

const refusal = (act: () => void, code: string) => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainRuleViolation);
    expect((error as DomainRuleViolation).code).toBe(code);
    return;
  }
  throw new Error(`expected a refusal with ${code}`);
};

/** A case accepted, reviewed clean and assessed at `loss`. */
function readyCase(loss = 1_000_000) {
  const world = reviewCaseWorld();
  const c = world.newCase(submittedClaim({ estimatedLoss: cny(loss) }));
  c.accept(acceptor, choice);
  c.recordDocumentReview(handler, ['doc-1', 'doc-2', 'doc-3', 'doc-4'].map((documentId) => ({ documentId, authentic: true, complete: true, compliant: true })));
  c.assessLoss(handler, cny(loss), [{ item: 'bumper', amount: cny(loss) }], 'remote');
  recorded(c);
  return { ...world, c };
}

const propose = (c: ReviewCase, who = handler) => c.proposeApproval(who, { paidOnPolicyBefore: cny(0), ...explain });

describe('ReviewCase', () => {
  describe('acceptance', () => {
    it('opens awaiting acceptance with the acceptance step due in one working day', () => {
      const { newCase } = reviewCaseWorld();
      const c = newCase();
      expect(c.currentStatus).toBe('awaiting-acceptance');
      expect(lastEvent(c, 'StepStarted')?.data).toMatchObject({ step: 'acceptance', dueAt: '2025-06-10T15:59:59.999Z' });
      expect(recorded(c)).toEqual(['ReviewCaseOpened', 'StepStarted']);
    });

    it('accepts into review and assigns the handler the rule chose', () => {
      const { newCase } = reviewCaseWorld();
      const c = newCase();
      recorded(c);
      c.accept(acceptor, choice);
      expect(recorded(c)).toEqual(['ClaimAccepted', 'HandlerAssigned', 'StepStarted']);
      expect(c.currentStatus).toBe('in-review');
      expect(c.assignedHandler).toBe(handler.id);
      refusal(() => c.accept(acceptor, choice), 'wrong-status');
    });

    it('records a reassignment, refusing the same handler', () => {
      const { c } = readyCase();
      c.reassign(otherHandler.id, 'workload');
      expect(recorded(c)).toEqual(['HandlerReassigned']);
      expect(c.assignedHandler).toBe(otherHandler.id);
      refusal(() => c.reassign(otherHandler.id, 'again'), 'same-handler');
      refusal(() => c.assessLoss(handler, cny(1), [], 'remote'), 'not-assigned-handler');
    });

    it('refuses to reassign a case nobody accepted', () => {
      const { newCase } = reviewCaseWorld();
      refusal(() => newCase().reassign('h', 'x'), 'not-reassignable');
    });
  });

  describe('material review', () => {
    it('pauses the step clock while the customer supplies documents, and resumes it with the due time moved', () => {
      const { newCase, clock } = reviewCaseWorld();
      const c = newCase();
      c.accept(acceptor, choice);
      const reviewDue = lastEvent(c, 'StepStarted')?.data.dueAt;
      expect(reviewDue).toBe('2025-06-16T15:59:59.999Z'); // 5 working days after Monday 9 June
      c.recordDocumentReview(handler, [{ documentId: 'doc-3', authentic: true, complete: false, compliant: true, note: 'estimate unsigned' }]);
      recorded(c);
      c.requestSupplementaryDocuments(handler, [{ documentKind: 'repair-estimate', reason: 'The estimate is not signed by the garage' }]);
      expect(recorded(c)).toEqual(['SupplementaryDocumentsRequested', 'StepClockPaused']);
      expect(c.currentStatus).toBe('awaiting-documents');
      expect(c.snapshot().step).toMatchObject({ dueAt: null, pausedSince: '2025-06-09T01:00:00.000Z' });
      refusal(() => c.recordDocumentReview(handler, [{ documentId: 'doc-1', authentic: true, complete: true, compliant: true }]), 'wrong-status');

      clock.advance({ days: 3 }); // Thursday 12 June: three working days waited for the customer
      refusal(() => c.receiveSupplementaryDocuments(2, []), 'wrong-round');
      c.receiveSupplementaryDocuments(1, [{ documentId: 'doc-5', kind: 'repair-estimate', contentHash: 'h', mediaType: 'application/pdf', sizeBytes: 9 }]);
      const resumed = lastEvent(c, 'StepClockResumed')?.data;
      expect(recorded(c)).toEqual(['SupplementaryDocumentsReceived', 'StepClockResumed']);
      expect(resumed?.dueAt).toBe('2025-06-18T15:59:59.999Z'); // Tue and Wed were the customer's: two working days later
      expect(c.currentStatus).toBe('in-review');
      expect(c.snapshot().supplementaryRounds).toBe(1);
      c.receiveSupplementaryDocuments(1, []); // a repeated delivery changes nothing
      expect(recorded(c)).toEqual([]);
    });

    it('refuses findings for documents not on file, and a request without items', () => {
      const { c } = readyCase();
      refusal(() => c.recordDocumentReview(handler, [{ documentId: 'nope', authentic: true, complete: true, compliant: true }]), 'unknown-documents');
      refusal(() => c.requestSupplementaryDocuments(handler, []), 'no-items');
    });

    it('refuses an approval while a document with problems has not been asked for again', () => {
      const { c } = readyCase();
      c.recordDocumentReview(handler, [{ documentId: 'doc-1', authentic: false, complete: true, compliant: true }]);
      refusal(() => propose(c), 'document-problems-open');
    });
  });

  describe('investigation and loss assessment', () => {
    it('requires an investigation of a suspicion before approval; the investigator records findings', () => {
      const { c } = readyCase();
      c.flagSuspicion(handler, 'misrepresentation', 'Prior damage not declared');
      refusal(() => propose(c), 'investigation-required');
      refusal(() => c.openInvestigation(handler, handler.id, 'on-site', 'x'), 'investigator-is-handler');
      c.openInvestigation(handler, investigator.id, 'on-site', 'Inspect the vehicle');
      expect(c.currentStatus).toBe('under-investigation');
      refusal(() => c.completeInvestigation(otherHandler, 'x', [], []), 'not-assigned-investigator');
      refusal(() => c.completeInvestigation(investigator, 'x', ['fraud'], ['fraud']), 'contradictory-findings');
      c.completeInvestigation(investigator, 'Damage is fresh; declaration was correct', [], ['misrepresentation']);
      expect(recorded(c)).toEqual(['SuspicionFlagged', 'InvestigationOpened', 'StepStarted', 'InvestigationCompleted', 'StepStarted']);
      propose(c);
      expect(c.currentStatus).toBe('approved');
    });

    it('refuses approval once fraud is confirmed: the claim can only be denied', () => {
      const { c } = readyCase();
      c.flagSuspicion(handler, 'fraud', 'Staged accident pattern');
      c.openInvestigation(handler, investigator.id, 'remote', 'Check photos');
      c.completeInvestigation(investigator, 'Photos are from another accident', ['fraud'], []);
      refusal(() => propose(c), 'suspicion-confirmed');
      c.proposeDenial(handler, { reasonCodes: ['fraud'], explanation: 'Staged', policyBasis: 'General conditions, clause 12' });
      expect(c.currentStatus).toBe('denied');
    });

    it('refuses a breakdown that does not add up, and a breakdown in another currency', () => {
      const { c } = readyCase();
      refusal(() => c.assessLoss(handler, cny(1000), [{ item: 'a', amount: cny(999) }], 'remote'), 'breakdown-mismatch');
      refusal(() => c.assessLoss(handler, cny(1000), [{ item: 'a', amount: { amountMinor: 1000, currency: 'USD' } }], 'remote'), 'currency-mismatch');
    });

    it('refuses a proposal before the loss is assessed', () => {
      const { newCase } = reviewCaseWorld();
      const c = newCase();
      c.accept(acceptor, choice);
      refusal(() => propose(c), 'loss-not-assessed');
    });
  });

  describe('adjudication with tiered authority', () => {
    it('lets the handler decide within their authority', () => {
      const { c } = readyCase(1_000_000); // payout 7,200.00 ≤ 10,000.00
      propose(c);
      expect(recorded(c)).toEqual(['DecisionProposed', 'ClaimApproved', 'StepStarted']);
      expect(c.snapshot().decision).toMatchObject({ outcome: 'approved', payout: cny(720_000), decidedAs: 'handler' });
    });

    it('refers a decision above the handler limit to approval level 1, and above that to level 2', () => {
      const level1 = readyCase(5_000_000); // payout 39,200.00
      propose(level1.c);
      expect(recorded(level1.c)).toEqual(['DecisionProposed', 'DecisionReferredForApproval', 'StepStarted']);
      expect(level1.c.snapshot().step?.name).toBe('approval-level-1');
      const level2 = readyCase(20_000_000); // payout 159,200.00
      propose(level2.c);
      expect(level2.c.snapshot()).toMatchObject({ status: 'awaiting-approval', proposal: { requiredLevel: 2 }, step: { name: 'approval-level-2' } });
      refusal(() => level2.c.approve(approver1), 'above-authority');
      level2.c.approve(approver2, 'Checked the invoices');
      expect(level2.c.snapshot().decision).toMatchObject({ outcome: 'approved', decidedBy: approver2.id, decidedAs: 'approver' });
    });

    it('never lets the handler who proposed approve it (four eyes)', () => {
      const { c } = readyCase(5_000_000);
      propose(c);
      refusal(() => c.approve(handler), 'four-eyes');
      refusal(() => c.sendBack(handler, 'x'), 'four-eyes');
      const asApprover = { id: handler.id, role: 'approver' }; // same person, another role
      refusal(() => c.approve(asApprover), 'four-eyes');
    });

    it('refuses the currently assigned handler as approver even after a reassignment', () => {
      const { c } = readyCase(5_000_000);
      propose(c);
      c.reassign(otherHandler.id, 'holiday');
      refusal(() => c.approve({ id: otherHandler.id, role: 'approver' }), 'four-eyes');
    });

    it('lets an approver send the decision back with a comment; the handler proposes again', () => {
      const { c } = readyCase(5_000_000);
      propose(c);
      c.sendBack(approver1, 'Attach the garage invoice');
      expect(lastEvent(c, 'DecisionSentBack')?.data).toMatchObject({ comment: 'Attach the garage invoice', level: 1 });
      expect(c.currentStatus).toBe('in-review');
      propose(c);
      c.approve(approver1);
      expect(c.currentStatus).toBe('approved');
    });

    it('denies with catalogue reasons only, keeping explanation and policy basis', () => {
      const { c } = readyCase();
      refusal(() => c.proposeDenial(handler, { reasonCodes: ['bad-luck'], explanation: 'x', policyBasis: 'y' }), 'unknown-denial-reason');
      refusal(() => c.proposeDenial(handler, { reasonCodes: [], explanation: 'x', policyBasis: 'y' }), 'unknown-denial-reason');
      c.proposeDenial(handler, { reasonCodes: ['exclusion'], explanation: 'Racing', policyBasis: 'Exclusion 4.2' });
      expect(lastEvent(c, 'ClaimDenied')?.data).toMatchObject({ reasonCodes: ['exclusion'], explanation: 'Racing', policyBasis: 'Exclusion 4.2' });
    });

    it('refuses to propose approving a claim the policy does not pay', () => {
      const { newCase } = reviewCaseWorld();
      const c = newCase(submittedClaim({ accident: { occurredAt: '2025-06-01T02:00:00Z', cause: 'earthquake', lossKind: 'x' } }));
      c.accept(acceptor, choice);
      c.recordDocumentReview(handler, ['doc-1', 'doc-2', 'doc-3', 'doc-4'].map((documentId) => ({ documentId, authentic: true, complete: true, compliant: true })));
      c.assessLoss(handler, cny(100_000_0), [], 'remote');
      refusal(() => propose(c), 'not-payable');
    });
  });

  describe('payment, closure and reopening', () => {
    it('pays, tells the expected arrival date, closes with a record, and reopens only by a manager with a reason', () => {
      const { c } = readyCase();
      refusal(() => c.close(handler, 'x'), 'not-closable');
      propose(c);
      c.instructPayment(handler, 'bank-transfer');
      expect(lastEvent(c, 'PaymentInstructed')?.data).toMatchObject({ amount: cny(720_000), expectedArrivalDate: '2025-06-11' });
      refusal(() => c.confirmPayment(handler, { reference: 'TX1', paidOn: '2025-06-10', amount: cny(1) }), 'payment-amount-mismatch');
      c.confirmPayment(handler, { reference: 'TX1', paidOn: '2025-06-10', amount: cny(720_000) });
      c.close(handler, 'Paid in full');
      expect(lastEvent(c, 'ClaimClosed')?.data).toMatchObject({ outcome: 'paid', closureRecord: { paidAmount: cny(720_000), paymentReference: 'TX1' } });
      expect(c.currentStatus).toBe('closed');
      refusal(() => c.reopen(handler, 'x'), 'manager-only');
      refusal(() => c.reopen(manager, ' '), 'reason-required');
      c.reopen(manager, 'Customer found a second invoice');
      expect(c.currentStatus).toBe('in-review');
    });

    it('closes a denied claim without payment', () => {
      const { c } = readyCase();
      c.proposeDenial(handler, { reasonCodes: ['insufficient-evidence'], explanation: 'No invoice', policyBasis: 'Clause 9' });
      refusal(() => c.instructPayment(handler, 'bank-transfer'), 'wrong-status');
      c.close(handler, 'Denied');
      expect(lastEvent(c, 'ClaimClosed')?.data).toMatchObject({ outcome: 'denied', closureRecord: { paidAmount: null } });
    });
  });

  describe('time limits', () => {
    it('records at-risk, then overdue, once each per step, and nothing while paused', () => {
      const { c, clock } = readyCase();
      expect(c.checkTimeLimit()).toBeNull();
      clock.set('2025-06-16T01:00:00Z'); // review due 16 June 23:59:59 Beijing
      expect(c.checkTimeLimit()).toBe('at-risk');
      expect(c.checkTimeLimit()).toBeNull();
      clock.set('2025-06-17T01:00:00Z');
      expect(c.checkTimeLimit()).toBe('overdue');
      expect(c.checkTimeLimit()).toBeNull();
      expect(recorded(c)).toEqual(['TimeLimitAtRisk', 'TimeLimitExceeded']);
      c.requestSupplementaryDocuments(handler, [{ documentKind: 'invoice', reason: 'missing' }]);
      clock.advance({ days: 30 });
      expect(c.checkTimeLimit()).toBeNull();
    });
  });

  describe('fast track', () => {
    it('decides a small clean claim as the system, and says so', () => {
      const { newCase } = reviewCaseWorld();
      const claim = submittedClaim({ estimatedLoss: cny(200_000) });
      const verdict = assessFastTrack(claim, { accidentDate: '2025-06-01', paidOnPolicyBefore: cny(0), suspicionFlags: 0 }, DEFAULT_REVIEW_RULES);
      expect(verdict.eligible).toBe(true);
      const c = newCase(claim);
      recorded(c);
      c.applyFastTrack(verdict, choice);
      expect(recorded(c)).toEqual(['FastTrackApplied', 'ClaimAccepted', 'HandlerAssigned', 'LossAssessed', 'ClaimApproved', 'StepStarted']);
      expect(c.snapshot()).toMatchObject({ status: 'approved', fastTracked: true, decision: { decidedAs: 'fast-track', decidedBy: 'claims-review.fast-track', payout: cny(80_000) } });
    });

    it.each([
      ['above the limit', { estimatedLoss: cny(300_001) }, 'estimated loss within'],
      ['missing a document', { documents: [] }, 'documents complete'],
      ['not covered', { accident: { occurredAt: '2025-06-01T02:00:00Z', cause: 'earthquake', lossKind: 'x' } }, 'every policy rule passes'],
      ['in another currency', { estimatedLoss: { amountMinor: 1000, currency: 'USD' } }, 'amounts in the policy currency'],
    ])('leaves a claim %s to people', (_name, overrides, failed) => {
      const claim = submittedClaim({ estimatedLoss: cny(200_000), ...overrides });
      const verdict = assessFastTrack(claim, { accidentDate: '2025-06-01', paidOnPolicyBefore: cny(0), suspicionFlags: 0 }, DEFAULT_REVIEW_RULES);
      expect(verdict.eligible).toBe(false);
      expect(verdict.checks.find((c) => !c.passed)?.rule).toContain(failed);
      const { newCase } = reviewCaseWorld();
      refusal(() => newCase(claim).applyFastTrack(verdict, choice), 'not-fast-track');
    });
  });

  describe('handler assignment', () => {
    it('takes the first matching rule and its least-loaded handler', () => {
      const rules = DEFAULT_REVIEW_RULES.assignment;
      expect(chooseHandler(rules, { productLine: 'motor', estimatedLossMinor: 100, workload: { 'handler-motor-1': 3, 'handler-motor-2': 1 } }).handlerId).toBe('handler-motor-2');
      expect(chooseHandler(rules, { productLine: 'motor', estimatedLossMinor: 100, workload: {} }).handlerId).toBe('handler-motor-1');
      expect(chooseHandler(rules, { productLine: 'property', estimatedLossMinor: 20_000_000, workload: {} }).handlerId).toBe('handler-senior-1');
      refusal(() => chooseHandler([], { productLine: 'motor', estimatedLossMinor: 1, workload: {} }), 'no-assignment-rule');
    });
  });
});
