import { DomainRuleViolation } from '@claims/event-sourcing';
import { chooseHandler } from '../src/domain/handler-assignment';
import { acceptClaim, reassignHandler } from '../src/domain/review-case/acceptance';
import { approveDecision, proposeDenial, sendBackDecision } from '../src/domain/review-case/adjudication';
import { closeCase, reopenCase, reopenCaseForComplaint } from '../src/domain/review-case/closure';
import { applyFastTrack, assessFastTrack } from '../src/domain/review-case/fast-track';
import {
  assessLoss,
  completeInvestigation,
  flagSuspicion,
  openInvestigation,
} from '../src/domain/review-case/investigation';
import {
  receiveSupplementaryDocuments,
  requestSupplementaryDocuments,
  reviewDocuments,
} from '../src/domain/review-case/material-review';
import { confirmPayment, instructPayment } from '../src/domain/review-case/payment';
import { checkTimeLimit } from '../src/domain/review-case/time-limits';
import { DEFAULT_REVIEW_RULES } from '../src/infrastructure/default-review-rules';
import {
  acceptor,
  accepted,
  approver1,
  approver2,
  assessed,
  at,
  cny,
  handler,
  historyOf,
  investigator,
  manager,
  monday,
  opened,
  openedOnly,
  otherHandler,
  proposedApproval,
  readyCase,
  reviewedClean,
  spec,
  submittedClaim,
  terms,
  timetable,
} from './review-case-histories';

describe('ReviewCase', () => {
  describe('acceptance', () => {
    it('opens awaiting acceptance with the acceptance step due in one working day, once', () => {
      const claim = submittedClaim();
      spec
        .given([])
        .when(opened(claim))
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['ReviewCaseOpened', 'StepStarted', 'FastTrackDeclined']);
          expect(events[1].data).toMatchObject({ step: 'acceptance', dueAt: '2025-06-10T15:59:59.999Z' });
          expect(after.status).toBe('awaiting-acceptance');
        });
      spec
        .given(historyOf(opened(claim)))
        .when(opened(claim))
        .thenNothingHappens();
    });

    it('keeps the claimant details out of the data: sealed personal data of the customer', () => {
      const claimant = { claimantName: '王小明', claimantPhone: '13800000000' };
      spec
        .given([])
        .when(opened(submittedClaim(), claimant))
        .thenEvents(([event], after) => {
          expect(event.personalData).toEqual({ subjectId: 'cust-42', fields: claimant });
          expect(JSON.stringify(event.data)).not.toContain('王小明');
          expect(after).toMatchObject({ claimant });
        });
    });

    it('accepts into review and assigns the handler the rule chose', () => {
      const given = historyOf(opened());
      spec
        .given(given)
        .when(accepted())
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['ClaimAccepted', 'HandlerAssigned', 'StepStarted']);
          expect(events[1].data).toMatchObject({
            handlerId: handler.id,
            rule: 'motor (least open cases: 0)',
          });
          expect(after).toMatchObject({ status: 'in-review', handlerId: handler.id });
        });
      spec
        .given(historyOf(opened(), accepted()))
        .when(accepted())
        .thenRefuses('wrong-status', { status: 'in-review' });
    });

    it('records a reassignment, refusing the same handler', () => {
      const reassign = (s: Parameters<typeof reassignHandler>[0]) =>
        reassignHandler(s, { actor: manager, now: monday, handlerId: otherHandler.id, reason: 'workload' });
      spec
        .given(readyCase())
        .when(reassign)
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['HandlerReassigned']);
          expect(after).toMatchObject({ handlerId: otherHandler.id });
        });
      const reassigned = historyOf(() => readyCase(), reassign);
      spec.given(reassigned).when(reassign).thenRefuses('same-handler');
      spec.given(reassigned).when(assessed(1, handler)).thenRefuses('not-assigned-handler');
    });

    it('refuses to reassign a case nobody accepted', () => {
      spec
        .given(historyOf(opened()))
        .when((s) => reassignHandler(s, { actor: manager, now: monday, handlerId: 'h', reason: 'x' }))
        .thenRefuses('not-reassignable');
    });
  });

  describe('material review', () => {
    const incomplete = [
      { documentId: 'doc-3', authentic: true, complete: false, compliant: true, note: 'estimate unsigned' },
    ];
    const items = [{ documentKind: 'repair-estimate', reason: 'The estimate is not signed by the garage' }];
    const request =
      (now = monday) =>
      (s: Parameters<typeof requestSupplementaryDocuments>[0]) =>
        requestSupplementaryDocuments(s, { actor: handler, now, items }, timetable);
    const doc5 = {
      documentId: 'doc-5',
      kind: 'repair-estimate',
      contentHash: 'h',
      mediaType: 'application/pdf',
      sizeBytes: 9,
    };
    const thursday = at('2025-06-12T01:00:00Z'); // three working days waited for the customer
    const receive =
      (round: number, documents = [doc5]) =>
      (s: Parameters<typeof receiveSupplementaryDocuments>[0]) =>
        receiveSupplementaryDocuments(s, { round, documents, now: thursday }, timetable);

    it('pauses the step clock while the customer supplies documents, and resumes it with the due time moved', () => {
      const inReview = historyOf(opened(), accepted());
      expect(inReview.find((e) => e.type === 'StepStarted' && e.data.step === 'review')?.data).toMatchObject({
        dueAt: '2025-06-16T15:59:59.999Z', // 5 working days after Monday 9 June
      });
      const findingsRecorded = historyOf(
        () => inReview,
        (s) => reviewDocuments(s, { actor: handler, now: monday, findings: incomplete }),
      );
      spec
        .given(findingsRecorded)
        .when(request())
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['SupplementaryDocumentsRequested', 'StepClockPaused']);
          expect(after).toMatchObject({
            status: 'awaiting-documents',
            step: { clock: 'paused', pausedSince: '2025-06-09T01:00:00.000Z' },
          });
          expect(after).not.toHaveProperty('step.dueAt');
        });
      const requested = historyOf(() => findingsRecorded, request());
      spec.given(requested).when(reviewedClean()).thenRefuses('wrong-status');
      spec.given(requested).when(receive(2, [])).thenRefuses('wrong-round');
      spec
        .given(requested)
        .when(receive(1))
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['SupplementaryDocumentsReceived', 'StepClockResumed']);
          // Tue and Wed were the customer's: two working days later
          expect(events[1].data).toMatchObject({ dueAt: '2025-06-18T15:59:59.999Z' });
          expect(after).toMatchObject({ status: 'in-review', supplementaryRounds: 1 });
        });
      spec
        .given(historyOf(() => requested, receive(1)))
        .when(receive(1, []))
        .thenNothingHappens(); // a repeated delivery
    });

    it('refuses findings for documents not on file, and a request without items', () => {
      const nope = [{ documentId: 'nope', authentic: true, complete: true, compliant: true }];
      spec
        .given(readyCase())
        .when((s) => reviewDocuments(s, { actor: handler, now: monday, findings: nope }))
        .thenRefuses('unknown-documents');
      spec
        .given(readyCase())
        .when((s) => requestSupplementaryDocuments(s, { actor: handler, now: monday, items: [] }, timetable))
        .thenRefuses('no-items');
    });

    it('refuses an approval while a document with problems has not been asked for again', () => {
      const forged = [{ documentId: 'doc-1', authentic: false, complete: true, compliant: true }];
      const given = historyOf(
        () => readyCase(),
        (s) => reviewDocuments(s, { actor: handler, now: monday, findings: forged }),
      );
      spec
        .given(given)
        .when(proposedApproval())
        .thenRefuses('document-problems-open', { documents: ['doc-1'] });
    });
  });

  describe('investigation and loss assessment', () => {
    const flag =
      (suspicion: 'fraud' | 'misrepresentation', reason: string) =>
      (s: Parameters<typeof flagSuspicion>[0]) =>
        flagSuspicion(s, { actor: handler, now: monday, suspicion, reason });
    const investigate =
      (investigatorId: string, mode: 'remote' | 'on-site' = 'on-site') =>
      (s: Parameters<typeof openInvestigation>[0]) =>
        openInvestigation(
          s,
          { actor: handler, now: monday, investigatorId, mode, instructions: 'Inspect the vehicle' },
          timetable,
        );
    const findings =
      (
        by = investigator,
        confirmed: ('fraud' | 'misrepresentation')[] = [],
        cleared: typeof confirmed = [],
      ) =>
      (s: Parameters<typeof completeInvestigation>[0]) =>
        completeInvestigation(
          s,
          { actor: by, now: monday, findings: 'Checked', confirmed, cleared },
          timetable,
        );

    it('requires an investigation of a suspicion before approval; the investigator records findings', () => {
      const flagged = historyOf(() => readyCase(), flag('misrepresentation', 'Prior damage not declared'));
      expect(flagged.at(-1)?.type).toBe('SuspicionFlagged');
      spec
        .given(flagged)
        .when(proposedApproval())
        .thenRefuses('investigation-required', { suspicions: ['misrepresentation'] });
      spec.given(flagged).when(investigate(handler.id)).thenRefuses('investigator-is-handler');
      spec
        .given(flagged)
        .when(investigate(investigator.id))
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['InvestigationOpened', 'StepStarted']);
          expect(after.status).toBe('under-investigation');
        });
      const investigating = historyOf(() => flagged, investigate(investigator.id));
      spec.given(investigating).when(findings(otherHandler)).thenRefuses('not-assigned-investigator');
      spec
        .given(investigating)
        .when(findings(investigator, ['fraud'], ['fraud']))
        .thenRefuses('contradictory-findings');
      spec
        .given(investigating)
        .when(findings(investigator, [], ['misrepresentation']))
        .then([
          {
            type: 'InvestigationCompleted',
            data: expect.objectContaining({ clearedSuspicions: ['misrepresentation'] }),
          },
          { type: 'StepStarted', data: expect.objectContaining({ step: 'review' }) },
        ]);
      const cleared = historyOf(() => investigating, findings(investigator, [], ['misrepresentation']));
      spec
        .given(cleared)
        .when(proposedApproval())
        .thenEvents((_events, after) => expect(after.status).toBe('approved'));
    });

    it('refuses approval once fraud is confirmed: the claim can only be denied', () => {
      const confirmed = historyOf(
        () => readyCase(),
        flag('fraud', 'Staged accident pattern'),
        investigate(investigator.id, 'remote'),
        findings(investigator, ['fraud']),
      );
      spec
        .given(confirmed)
        .when(proposedApproval())
        .thenRefuses('suspicion-confirmed', { suspicions: ['fraud'] });
      const deny = {
        actor: handler,
        now: monday,
        reasonCodes: ['fraud'],
        explanation: 'Staged',
        policyBasis: 'General conditions, clause 12',
      };
      spec
        .given(confirmed)
        .when((s) => proposeDenial(s, deny, terms))
        .thenEvents((_events, after) => expect(after.status).toBe('denied'));
    });

    it('refuses a breakdown that does not add up, and a breakdown in another currency', () => {
      const assess =
        (breakdown: { item: string; amount: { amountMinor: number; currency: string } }[]) =>
        (s: Parameters<typeof assessLoss>[0]) =>
          assessLoss(s, {
            actor: handler,
            now: monday,
            assessedLoss: cny(1000),
            breakdown,
            method: 'remote',
          });
      spec
        .given(readyCase())
        .when(assess([{ item: 'a', amount: cny(999) }]))
        .thenRefuses('breakdown-mismatch', { breakdownTotalMinor: 999 });
      spec
        .given(readyCase())
        .when(assess([{ item: 'a', amount: { amountMinor: 1000, currency: 'USD' } }]))
        .thenRefuses('currency-mismatch');
    });

    it('refuses an assessment without a breakdown, or in a currency other than the policy’s', () => {
      const assess =
        (
          assessedLoss: { amountMinor: number; currency: string },
          breakdown = [{ item: 'a', amount: assessedLoss }],
        ) =>
        (s: Parameters<typeof assessLoss>[0]) =>
          assessLoss(s, { actor: handler, now: monday, assessedLoss, breakdown, method: 'remote' });
      spec
        .given(readyCase())
        .when(assess(cny(1000), []))
        .thenRefuses('breakdown-required');
      spec
        .given(readyCase())
        .when(assess({ amountMinor: 1000, currency: 'USD' }))
        .thenRefuses('currency-not-policy', { policyCurrency: 'CNY', assessedCurrency: 'USD' });
      spec
        .given(readyCase())
        .when(assess(cny(1000)))
        .thenEvents(([event]) => expect(event.type).toBe('LossAssessed'));
    });

    it('refuses a proposal before the loss is assessed', () => {
      spec.given(historyOf(opened(), accepted())).when(proposedApproval()).thenRefuses('loss-not-assessed');
    });
  });

  describe('adjudication with tiered authority', () => {
    const approve =
      (by: { id: string; role: string }, comment?: string) => (s: Parameters<typeof approveDecision>[0]) =>
        approveDecision(s, { actor: by, now: monday, comment }, terms);
    const sendBack =
      (by: { id: string; role: string }, comment: string) => (s: Parameters<typeof sendBackDecision>[0]) =>
        sendBackDecision(s, { actor: by, now: monday, comment }, terms);

    it('lets the handler decide within their authority', () => {
      spec
        .given(readyCase(1_000_000))
        .when(proposedApproval())
        .thenEvents((events, after) => {
          // payout 7,200.00 ≤ 10,000.00
          expect(events.map((e) => e.type)).toEqual(['DecisionProposed', 'ClaimApproved', 'StepStarted']);
          expect(after).toMatchObject({
            decision: { outcome: 'approved', payout: cny(720_000), decidedAs: 'handler' },
          });
        });
    });

    it('refers a decision above the handler limit to approval level 1, and above that to level 2', () => {
      spec
        .given(readyCase(5_000_000))
        .when(proposedApproval())
        .thenEvents((events, after) => {
          // payout 39,200.00
          expect(events.map((e) => e.type)).toEqual([
            'DecisionProposed',
            'DecisionReferredForApproval',
            'StepStarted',
          ]);
          expect(after).toMatchObject({ step: { name: 'approval-level-1' } });
        });
      const level2 = historyOf(() => readyCase(20_000_000), proposedApproval()); // payout 159,200.00
      expect(spec.given(level2).state).toMatchObject({
        status: 'awaiting-approval',
        proposal: { requiredLevel: 2 },
        step: { name: 'approval-level-2' },
      });
      spec
        .given(level2)
        .when(approve(approver1))
        .thenRefuses('above-authority', { requiredLevel: 2, approverLevel: 1 });
      spec
        .given(level2)
        .when(approve(approver2, 'Checked the invoices'))
        .thenEvents((_events, after) => {
          expect(after).toMatchObject({
            decision: { outcome: 'approved', decidedBy: approver2.id, decidedAs: 'approver' },
          });
        });
    });

    it('never lets the handler who proposed approve it (four eyes)', () => {
      const referred = historyOf(() => readyCase(5_000_000), proposedApproval());
      spec.given(referred).when(approve(handler)).thenRefuses('four-eyes');
      spec.given(referred).when(sendBack(handler, 'x')).thenRefuses('four-eyes');
      spec
        .given(referred)
        .when(approve({ id: handler.id, role: 'approver' }))
        .thenRefuses('four-eyes'); // same person, another role
    });

    it('refuses the currently assigned handler as approver even after a reassignment', () => {
      const reassigned = historyOf(
        () => readyCase(5_000_000),
        proposedApproval(),
        (s) =>
          reassignHandler(s, { actor: manager, now: monday, handlerId: otherHandler.id, reason: 'holiday' }),
      );
      spec
        .given(reassigned)
        .when(approve({ id: otherHandler.id, role: 'approver' }))
        .thenRefuses('four-eyes');
    });

    it('lets an approver send the decision back with a comment; the handler proposes again', () => {
      const referred = historyOf(() => readyCase(5_000_000), proposedApproval());
      spec
        .given(referred)
        .when(sendBack(approver1, 'Attach the garage invoice'))
        .thenEvents(([sentBack], after) => {
          expect(sentBack).toMatchObject({
            type: 'DecisionSentBack',
            data: { comment: 'Attach the garage invoice', level: 1 },
          });
          expect(after.status).toBe('in-review');
          expect(after).not.toHaveProperty('proposal');
        });
      const again = historyOf(
        () => referred,
        sendBack(approver1, 'Attach the garage invoice'),
        proposedApproval(),
      );
      spec
        .given(again)
        .when(approve(approver1))
        .thenEvents((_events, after) => expect(after.status).toBe('approved'));
    });

    it('denies with catalogue reasons only, keeping explanation and policy basis', () => {
      const deny =
        (reasonCodes: string[], explanation = 'x', policyBasis = 'y') =>
        (s: Parameters<typeof proposeDenial>[0]) =>
          proposeDenial(s, { actor: handler, now: monday, reasonCodes, explanation, policyBasis }, terms);
      spec
        .given(readyCase())
        .when(deny(['bad-luck']))
        .thenRefuses('unknown-denial-reason', { unknown: ['bad-luck'] });
      spec.given(readyCase()).when(deny([])).thenRefuses('unknown-denial-reason');
      spec
        .given(readyCase())
        .when(deny(['exclusion'], 'Racing', 'Exclusion 4.2'))
        .thenEvents((events) => {
          expect(events.find((e) => e.type === 'ClaimDenied')?.data).toMatchObject({
            reasonCodes: ['exclusion'],
            explanation: 'Racing',
            policyBasis: 'Exclusion 4.2',
          });
        });
    });

    it('refuses to propose approving a claim the policy does not pay', () => {
      const quake = submittedClaim({
        accident: { occurredAt: '2025-06-01T02:00:00Z', cause: 'earthquake', lossKind: 'x' },
      });
      const given = historyOf(opened(quake), accepted(), reviewedClean(), assessed(1_000_000));
      spec.given(given).when(proposedApproval()).thenRefuses('not-payable', { denialReason: 'not-covered' });
    });
  });

  describe('payment, closure and reopening', () => {
    const instruct = (s: Parameters<typeof instructPayment>[0]) =>
      instructPayment(s, { actor: handler, now: monday, method: 'bank-transfer' }, timetable);
    const confirm =
      (amount = cny(720_000)) =>
      (s: Parameters<typeof confirmPayment>[0]) =>
        confirmPayment(
          s,
          { actor: handler, now: monday, reference: 'TX1', paidOn: '2025-06-09', amount },
          timetable,
        );
    const close = (summary: string) => (s: Parameters<typeof closeCase>[0]) =>
      closeCase(s, { actor: handler, now: monday, summary });
    const reopen =
      (by: { id: string; role: string }, reason: string) => (s: Parameters<typeof reopenCase>[0]) =>
        reopenCase(s, { actor: by, now: monday, reason }, timetable);

    it('pays, tells the expected arrival date, closes with a record, and reopens only by a manager with a reason', () => {
      spec.given(readyCase()).when(close('x')).thenRefuses('not-closable');
      const approved = historyOf(() => readyCase(), proposedApproval());
      spec
        .given(approved)
        .when(instruct)
        .then([
          {
            type: 'PaymentInstructed',
            data: expect.objectContaining({ amount: cny(720_000), expectedArrivalDate: '2025-06-11' }),
          },
        ]);
      const instructed = historyOf(() => approved, instruct);
      spec
        .given(instructed)
        .when(confirm(cny(1)))
        .thenRefuses('payment-amount-mismatch');
      const paidOn = (day: string) => (s: Parameters<typeof confirmPayment>[0]) =>
        confirmPayment(
          s,
          { actor: handler, now: monday, reference: 'TX1', paidOn: day, amount: cny(720_000) },
          timetable,
        );
      // Monday 09:00 in Beijing: tomorrow is in the future; Sunday is before the instruction
      spec
        .given(instructed)
        .when(paidOn('2025-06-10'))
        .thenRefuses('payment-date-in-future', { paidOn: '2025-06-10', today: '2025-06-09' });
      spec
        .given(instructed)
        .when(paidOn('2025-06-08'))
        .thenRefuses('payment-date-before-instruction', { instructedOn: '2025-06-09' });
      const paid = historyOf(() => instructed, confirm());
      spec
        .given(paid)
        .when(close('Paid in full'))
        .thenEvents(([closed], after) => {
          expect(closed.data).toMatchObject({
            outcome: 'paid',
            closureRecord: { paidAmount: cny(720_000), paymentReference: 'TX1' },
          });
          expect(after.status).toBe('closed');
        });
      const closed = historyOf(() => paid, close('Paid in full'));
      spec.given(closed).when(reopen(handler, 'x')).thenRefuses('manager-only');
      spec.given(closed).when(reopen(manager, ' ')).thenRefuses('reason-required');
      spec
        .given(closed)
        .when(reopen(manager, 'Customer found a second invoice'))
        .thenEvents((_events, after) => {
          expect(after).toMatchObject({ status: 'in-review', step: { name: 'review' } });
          expect(after).not.toHaveProperty('decision');
        });
    });

    it('reopens a closed claim for an upheld complaint, naming the complaint, once per request', () => {
      const system = { id: 'claims-review.complaint-consumer', role: 'system' };
      const complaint = {
        complaintId: '9b2f0c9e-3c1a-4e0f-9f57-2a7d1c1f0a11',
        complaintNumber: 'CMP-2025-000007',
        reason: 'Complaint CMP-2025-000007 upheld: depreciation wrongly applied',
      };
      const reexamine =
        (asked = complaint) =>
        (s: Parameters<typeof reopenCaseForComplaint>[0]) =>
          reopenCaseForComplaint(s, { actor: system, now: monday, complaint: asked }, timetable);
      const paid = historyOf(
        () => historyOf(() => historyOf(() => readyCase(), proposedApproval()), instruct),
        confirm(),
      );
      const closed = historyOf(() => paid, close('Paid in full'));
      // no manager needed: the complaint's own approval stands for the reopening
      spec
        .given(closed)
        .when(reexamine())
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual(['ClaimReopened', 'StepStarted']);
          expect(events[0].data).toMatchObject({
            reason:
              'Re-examination asked by upheld complaint CMP-2025-000007: Complaint CMP-2025-000007 upheld: depreciation wrongly applied',
            reopenedBy: 'claims-review.complaint-consumer',
            complaint: { complaintId: complaint.complaintId, complaintNumber: 'CMP-2025-000007' },
          });
          expect(after).toMatchObject({
            status: 'in-review',
            step: { name: 'review' },
            reexaminations: ['CMP-2025-000007'],
          });
          expect(after).not.toHaveProperty('decision');
        });
      // asked again by the same complaint (a redelivery): nothing new
      const reopened = historyOf(() => closed, reexamine());
      spec.given(reopened).when(reexamine()).then([]);
      // another complaint while the case is back in review, or a claim still under review: refused with its status
      spec
        .given(reopened)
        .when(reexamine({ ...complaint, complaintNumber: 'CMP-2025-000008' }))
        .thenRefuses('not-reopenable', { status: 'in-review', complaintNumber: 'CMP-2025-000008' });
      spec.given(paid).when(reexamine()).thenRefuses('not-reopenable', { status: 'paid' });
      spec.given([]).when(reexamine()).thenRefuses('no-case');
    });

    it('closes a denied claim without payment', () => {
      const deny = {
        actor: handler,
        now: monday,
        reasonCodes: ['insufficient-evidence'],
        explanation: 'No invoice',
        policyBasis: 'Clause 9',
      };
      const denied = historyOf(
        () => readyCase(),
        (s) => proposeDenial(s, deny, terms),
      );
      spec.given(denied).when(instruct).thenRefuses('wrong-status');
      spec
        .given(denied)
        .when(close('Denied'))
        .thenEvents(([closed]) => {
          expect(closed.data).toMatchObject({ outcome: 'denied', closureRecord: { paidAmount: null } });
        });
    });
  });

  describe('time limits', () => {
    const check = (now: Date) => (s: Parameters<typeof checkTimeLimit>[0]) =>
      checkTimeLimit(s, { now }, timetable);
    const sixteenth = at('2025-06-16T01:00:00Z'); // review due 16 June 23:59:59 Beijing
    const seventeenth = at('2025-06-17T01:00:00Z');

    it('records at-risk, then overdue, once each per step, and nothing while paused', () => {
      spec.given(readyCase()).when(check(monday)).thenNothingHappens();
      spec
        .given(readyCase())
        .when(check(sixteenth))
        .then([{ type: 'TimeLimitAtRisk', data: expect.objectContaining({ step: 'review' }) }]);
      const atRisk = historyOf(() => readyCase(), check(sixteenth));
      spec.given(atRisk).when(check(sixteenth)).thenNothingHappens();
      spec
        .given(atRisk)
        .when(check(seventeenth))
        .then([{ type: 'TimeLimitExceeded', data: expect.objectContaining({ step: 'review' }) }]);
      const overdue = historyOf(() => atRisk, check(seventeenth));
      spec.given(overdue).when(check(seventeenth)).thenNothingHappens();
      const items = [{ documentKind: 'invoice', reason: 'missing' }];
      const paused = historyOf(
        () => overdue,
        (s) => requestSupplementaryDocuments(s, { actor: handler, now: seventeenth, items }, timetable),
      );
      spec
        .given(paused)
        .when(check(at('2025-07-17T01:00:00Z')))
        .thenNothingHappens();
    });
  });

  describe('fast track', () => {
    const verdictOn = (claim: ReturnType<typeof submittedClaim>) =>
      assessFastTrack(
        claim,
        { accidentDate: '2025-06-01', paidOnPolicyBefore: cny(0), suspicionFlags: 0 },
        DEFAULT_REVIEW_RULES,
      );
    const choice = { handlerId: handler.id, rule: 'motor' };

    it('decides a small clean claim as the system, and says so', () => {
      const claim = submittedClaim({ estimatedLoss: cny(200_000) });
      const verdict = verdictOn(claim);
      expect(verdict.eligible).toBe(true);
      spec
        .given(openedOnly(claim))
        .when((s) => applyFastTrack(s, { verdict, handler: choice, now: monday }, timetable))
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toEqual([
            'FastTrackApplied',
            'ClaimAccepted',
            'HandlerAssigned',
            'LossAssessed',
            'ClaimApproved',
            'StepStarted',
          ]);
          expect(after).toMatchObject({
            status: 'approved',
            fastTracked: true,
            decision: { decidedAs: 'fast-track', decidedBy: 'claims-review.fast-track', payout: cny(80_000) },
          });
        });
    });

    it('routes a claim intake hands over: fast track when it qualifies, the acceptor otherwise', () => {
      spec
        .given([])
        .when(opened(submittedClaim({ estimatedLoss: cny(200_000) })))
        .thenEvents((events, after) => {
          expect(events.map((e) => e.type)).toContain('FastTrackApplied');
          expect(after).toMatchObject({
            status: 'approved',
            handlerId: 'handler-motor-1',
            step: { name: 'payment' },
          });
        });
      spec
        .given([])
        .when(opened(submittedClaim({ estimatedLoss: cny(300_001) })))
        .thenEvents((events) => {
          expect(events.at(-1)?.data).toMatchObject({
            failedChecks: ['estimated loss within 300000 minor units'],
          });
        });
    });

    it.each([
      ['above the limit', { estimatedLoss: cny(300_001) }, 'estimated loss within'],
      ['missing a document', { documents: [] }, 'documents complete'],
      [
        'not covered',
        { accident: { occurredAt: '2025-06-01T02:00:00Z', cause: 'earthquake', lossKind: 'x' } },
        'every policy rule passes',
      ],
      [
        'in another currency',
        { estimatedLoss: { amountMinor: 1000, currency: 'USD' } },
        'amounts in the policy currency',
      ],
    ])('leaves a claim %s to people', (_name, overrides, failed) => {
      const claim = submittedClaim({ estimatedLoss: cny(200_000), ...overrides });
      const verdict = verdictOn(claim);
      expect(verdict.eligible).toBe(false);
      expect(verdict.checks.find((c) => !c.passed)?.rule).toContain(failed);
      spec
        .given(openedOnly(claim))
        .when((s) => applyFastTrack(s, { verdict, handler: choice, now: monday }, timetable))
        .thenRefuses('not-fast-track');
    });
  });

  describe('handler assignment', () => {
    it('takes the first matching rule and its least-loaded handler', () => {
      const rules = DEFAULT_REVIEW_RULES.assignment;
      const motor = { productLine: 'motor', estimatedLossMinor: 100 };
      expect(
        chooseHandler(rules, { ...motor, workload: { 'handler-motor-1': 3, 'handler-motor-2': 1 } })
          .handlerId,
      ).toBe('handler-motor-2');
      expect(chooseHandler(rules, { ...motor, workload: {} }).handlerId).toBe('handler-motor-1');
      expect(
        chooseHandler(rules, { productLine: 'property', estimatedLossMinor: 20_000_000, workload: {} })
          .handlerId,
      ).toBe('handler-senior-1');
      expect(() => chooseHandler([], { ...motor, estimatedLossMinor: 1, workload: {} })).toThrow(
        expect.objectContaining({ code: 'no-assignment-rule' }),
      );
      expect(() => chooseHandler([], { ...motor, workload: {} })).toThrow(DomainRuleViolation);
      spec
        .given(historyOf(opened()))
        .when((s) =>
          acceptClaim(s, { actor: acceptor, now: monday, assignment: [], workload: {} }, timetable),
        )
        .thenRefuses('no-assignment-rule');
    });
  });
});
