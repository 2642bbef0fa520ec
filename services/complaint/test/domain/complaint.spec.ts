import { assignHandler } from '../../src/domain/complaint/assignment';
import { addAttachment } from '../../src/domain/complaint/attachments';
import { archiveComplaint, closeComplaint } from '../../src/domain/complaint/closure';
import { ComplaintEvent } from '../../src/domain/complaint/complaint.events';
import { declineComplaint } from '../../src/domain/complaint/initial-review';
import { addEvidence } from '../../src/domain/complaint/investigation';
import { decideMaliciousFlag, proposeMaliciousFlag } from '../../src/domain/complaint/malicious-flag';
import { proposePlan, sendBackPlan } from '../../src/domain/complaint/resolution';
import { withdrawComplaint } from '../../src/domain/complaint/withdrawal';
import {
  accepted,
  answeredComplaint,
  approved,
  assigned,
  claimHandler,
  communicated,
  complainant,
  complaintId,
  contacted,
  dissatisfied,
  handler,
  historyOf,
  intakeAgent,
  investigated,
  investigatedComplaint,
  involvements,
  lead,
  manager,
  monday,
  otherHandler,
  otherManager,
  payment,
  proposed,
  reexamine,
  received,
  satisfied,
  spec,
  terms,
  thursday,
  tuesday,
  wednesday,
} from './complaint-histories';

const types = (events: readonly ComplaintEvent[]) => events.map((e) => e.type);

describe('Complaint', () => {
  describe('receipt', () => {
    it('records the complaint with its number, the complainant sealed, and starts the 24 h and regulatory clocks', () => {
      spec
        .given([])
        .when(received())
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['ComplaintReceived', 'ClockStarted', 'ClockStarted']);
          const [receivedEvent, review, regulatory] = events;
          expect(receivedEvent.schemaVersion).toBe(1);
          expect(receivedEvent.personalData).toEqual({ subjectId: 'cust-42', fields: complainant });
          expect(JSON.stringify(receivedEvent.data)).not.toContain('王小明');
          expect(JSON.stringify(receivedEvent.data)).not.toContain('13800000000');
          expect(receivedEvent.data).toMatchObject({
            complaintNumber: 'CMP-2025-000001',
            relatedClaimNumbers: ['CLM-2025-000123'],
            amountClaimed: { amountMinor: 500_000, currency: 'CNY' },
          });
          // 24 elapsed hours; 15 calendar days, to the end of the 15th day (Beijing time)
          expect(review.data).toMatchObject({ clock: 'initial-review', dueAt: '2025-06-10T01:00:00.000Z' });
          expect(regulatory.data).toMatchObject({ clock: 'regulatory', dueAt: '2025-06-24T15:59:59.999Z' });
          expect(after).toMatchObject({ status: 'received', complainant });
        });
    });

    it('receives the same complaint again as nothing (a retried request), another under the same id as a refusal', () => {
      spec.given(historyOf(received())).when(received()).thenNothingHappens();
      spec
        .given(historyOf(received()))
        .when(received({ complaintNumber: 'CMP-2025-000002' }))
        .thenRefuses('complaint-exists', { complaintNumber: 'CMP-2025-000001' });
    });

    it('gives an anonymous complainant a pseudonymous subject id', () => {
      spec
        .given([])
        .when(received({ customerId: null }))
        .thenEvents(([event]) => expect(event.personalData?.subjectId).toBe(`complainant-${complaintId}`));
    });

    it('records an agent with the authorisation on file, the agent’s name sealed', () => {
      const agent = {
        relationship: 'heir' as const,
        authorisation: { kind: 'proof-of-inheritance' as const, documentId: 'doc-heir-1', validUntil: null },
      };
      spec
        .given([])
        .when(received({ agent, complainant: { ...complainant, agentName: '王大明' } }))
        .thenEvents(([event]) => {
          expect(event.data).toMatchObject({ agent });
          expect(event.personalData?.fields).toMatchObject({ agentName: '王大明' });
        });
      spec.given([]).when(received({ agent })).thenRefuses('agent-name-required');
    });

    it('refuses what the rules do not allow: an unknown category, a transfer without the regulator’s reference, six representatives', () => {
      spec
        .given([])
        .when(received({ category: 'weather' }))
        .thenRefuses('unknown-category', { category: 'weather' });
      spec
        .given([])
        .when(received({ channel: 'regulator-transfer' }))
        .thenRefuses('regulator-reference-required');
      spec
        .given([])
        .when(received({ group: { size: 40, representatives: 6 } }))
        .thenRefuses('too-many-representatives', { representatives: 6 });
      spec
        .given([])
        .when(received({ amountClaimed: { amountMinor: 10.5, currency: 'CNY' } }))
        .thenRefuses('invalid-amount');
      spec
        .given([])
        .when(received({ complaintNumber: 'CLM-2025-000001' }))
        .thenRefuses('invalid-complaint-number');
    });
  });

  describe('initial review', () => {
    it('accepts with a risk assessment that sets the priority, fulfils the 24 h clock and starts investigation and resolution', () => {
      spec
        .given(historyOf(received()))
        .when(accepted(['vulnerable-customer'], tuesday))
        .thenEvents((events, after) => {
          expect(types(events)).toEqual([
            'ComplaintAccepted',
            'ClockFulfilled',
            'ClockStarted',
            'ClockStarted',
          ]);
          expect(events[0].data).toMatchObject({ priority: 'high', riskScore: 3, major: false });
          expect(events[1].data).toMatchObject({ clock: 'initial-review', withinLimit: true });
          expect(events[2].data).toMatchObject({ clock: 'investigation', dueAt: '2025-06-13T15:59:59.999Z' });
          expect(events[3].data).toMatchObject({ clock: 'resolution', dueAt: '2025-06-19T15:59:59.999Z' });
          expect(after.status).toBe('awaiting-assignment');
        });
    });

    it('assesses a complaint the regulator transferred as such: urgent and major', () => {
      spec
        .given(
          historyOf(received({ channel: 'regulator-transfer', regulatorReference: 'NFRA-SH-2025-0042' })),
        )
        .when(accepted())
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            riskFactors: ['regulator-transferred'],
            priority: 'urgent',
            major: true,
          }),
        );
    });

    it('records a late review as fulfilled outside its limit', () => {
      spec
        .given(historyOf(received()))
        .when(accepted([], wednesday))
        .thenEvents((events) =>
          expect(events[1].data).toMatchObject({ clock: 'initial-review', withinLimit: false }),
        );
    });

    it('refuses an unknown risk factor', () => {
      spec
        .given(historyOf(received()))
        .when(accepted(['horoscope']))
        .thenRefuses('unknown-risk-factor');
    });

    it('declines what is not a complaint and hands it back to intake as a consultation', () => {
      spec
        .given(historyOf(received()))
        .when((s) =>
          declineComplaint(s, {
            actor: intakeAgent,
            now: tuesday,
            reason: 'not-a-complaint',
            explanation: 'A question about cover',
          }),
        )
        .thenEvents((events, after) => {
          expect(types(events)).toEqual([
            'ComplaintDeclined',
            'ComplaintReferredAsConsultation',
            'ClockFulfilled',
            'ClockFulfilled',
          ]);
          expect(events[1].data).toMatchObject({ customerId: 'cust-42', channel: 'hotline' });
          // who asked and what, for intake to answer: sealed for the complainant, as on the receipt
          expect(events[1].personalData).toEqual({
            subjectId: 'cust-42',
            fields: expect.objectContaining({
              name: expect.any(String),
              phone: expect.any(String),
              description: expect.any(String),
              request: expect.any(String),
            }),
          });
          expect(Object.keys(events[1].personalData?.fields ?? {})).not.toContain('idNumber');
          expect(after.status).toBe('declined');
        });
    });

    it('declines a duplicate only linked to the complaint it repeats', () => {
      const decline = (duplicateOf?: string) => (s: Parameters<typeof declineComplaint>[0]) =>
        declineComplaint(s, {
          actor: intakeAgent,
          now: tuesday,
          reason: 'duplicate',
          duplicateOf,
          explanation: 'Same matter',
        });
      spec.given(historyOf(received())).when(decline()).thenRefuses('duplicate-needs-link');
      spec.given(historyOf(received())).when(decline('CMP-2025-000001')).thenRefuses('duplicate-of-itself');
      const declineLinked =
        (duplicateStatus: string | null) => (st: Parameters<typeof declineComplaint>[0]) =>
          declineComplaint(st, {
            actor: intakeAgent,
            now: tuesday,
            reason: 'duplicate',
            duplicateOf: 'CMP-2024-000777',
            duplicateStatus,
            explanation: 'Same matter',
          });
      spec
        .given(historyOf(received()))
        .when(declineLinked(null))
        .thenRefuses('duplicate-not-open', { status: null });
      spec
        .given(historyOf(received()))
        .when(declineLinked('closed'))
        .thenRefuses('duplicate-not-open', { status: 'closed' });
      spec
        .given(historyOf(received()))
        .when(declineLinked('investigating'))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ duplicateOf: 'CMP-2024-000777' }));
      spec
        .given(historyOf(received()))
        .when(decline('CMP-2024-000777'))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({ reason: 'duplicate', duplicateOf: 'CMP-2024-000777' }),
        );
    });

    it('reviews a complaint once', () => {
      spec
        .given(historyOf(received(), accepted()))
        .when(accepted())
        .thenRefuses('wrong-status', { status: 'awaiting-assignment' });
    });
  });

  describe('assignment with recusal', () => {
    const given = () => historyOf(received(), accepted());

    it('refuses a handler who handled, investigated or approved a related claim', () => {
      spec
        .given(given())
        .when(assigned(claimHandler))
        .thenRefuses('handler-conflicted', {
          handlerId: 'handler-motor-1',
          conflicts: [{ claimNumber: 'CLM-2025-000123', as: 'handler' }],
        });
      spec
        .given(given())
        .when(assigned({ id: 'approver-1', role: 'claims-handler' }))
        .thenRefuses('handler-conflicted', {
          conflicts: [{ claimNumber: 'CLM-2025-000123', as: 'approver' }],
        });
    });

    it('assigns anyone else, recording the check as it was done; another claim’s staff is no conflict', () => {
      spec
        .given(given())
        .when(assigned(otherHandler))
        .thenEvents(([event], after) => {
          expect(event.data).toMatchObject({
            handlerId: 'complaint-handler-2',
            round: 1,
            recusal: {
              relatedClaimNumbers: ['CLM-2025-000123'],
              excludedStaffIds: ['handler-motor-1', 'investigator-1', 'approver-1'],
              unverifiedClaimNumbers: [],
            },
          });
          expect(after).toMatchObject({ status: 'investigating', handlerId: 'complaint-handler-2' });
        });
    });

    it('reassigns within the round under the same rule', () => {
      const reassign =
        (who = otherHandler) =>
        (s: Parameters<typeof assignHandler>[0]) =>
          assignHandler(s, { actor: manager, now: tuesday, handler: who, involvements });
      const history = historyOf(received(), accepted(), assigned());
      spec
        .given(history)
        .when(reassign())
        .thenEvents((_, after) => expect(after).toMatchObject({ handlerId: otherHandler.id }));
      spec.given(history).when(reassign(handler)).thenRefuses('same-handler');
      spec.given(history).when(reassign(claimHandler)).thenRefuses('handler-conflicted');
    });

    it('refuses before acceptance', () => {
      spec.given(historyOf(received())).when(assigned()).thenRefuses('wrong-status', { status: 'received' });
    });

    it('records a related claim claims review never told of as unverified', () => {
      spec
        .given(given())
        .when((s) =>
          assignHandler(s, { actor: manager, now: monday, handler, involvements: [], knownClaimNumbers: [] }),
        )
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            recusal: { excludedStaffIds: [], unverifiedClaimNumbers: ['CLM-2025-000123'] },
          }),
        );
    });
  });

  describe('investigation', () => {
    const given = () => historyOf(received(), accepted(), assigned());

    it('records contacts and evidence, only by the assigned handler; a retried contact is recorded once', () => {
      spec
        .given(given())
        .when(contacted())
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['ContactRecorded']);
          expect(after).toMatchObject({ contacts: [{ party: 'complainant', outcome: 'reached' }] });
        });
      spec
        .given(historyOf(() => given(), contacted(handler, tuesday, 'c-1')))
        .when(contacted(handler, tuesday, 'c-1'))
        .thenNothingHappens();
      spec
        .given(given())
        .when(contacted(otherHandler))
        .thenRefuses('not-assigned-handler', { handlerId: handler.id });
      spec
        .given(given())
        .when((s) =>
          addEvidence(s, {
            actor: handler,
            now: tuesday,
            evidenceId: 'ev-1',
            source: 'claim-file',
            description: 'Loss assessment',
          }),
        )
        .thenEvents((_, after) =>
          expect(after).toMatchObject({ evidence: [{ evidenceId: 'ev-1', source: 'claim-file' }] }),
        );
    });

    it('concludes only after talking to the complainant, fulfilling the 3-working-day clock', () => {
      spec.given(given()).when(investigated()).thenRefuses('no-contact-with-complainant');
      spec
        .given(historyOf(() => given(), contacted()))
        .when(investigated())
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['InvestigationCompleted', 'ClockFulfilled']);
          expect(events[1].data).toMatchObject({ clock: 'investigation', withinLimit: true });
          expect(after).toMatchObject({
            investigation: { responsibleParty: 'insurer', policyClause: 'Clause 7.2' },
          });
        });
    });
  });

  describe('resolution plan (tiered, four eyes)', () => {
    it('is adopted at once within the handler’s authority', () => {
      spec
        .given(investigatedComplaint())
        .when(proposed(handler, [payment(200_000)]))
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['ResolutionPlanProposed', 'ResolutionPlanAdopted']);
          expect(events[0].data).toMatchObject({
            requiredLevel: 0,
            remedyTotal: { amountMinor: 200_000, currency: 'CNY' },
          });
          expect(after.status).toBe('plan-adopted');
        });
    });

    it('goes up a level beyond the handler’s authority, and to a manager when the complaint is major', () => {
      spec
        .given(investigatedComplaint())
        .when(proposed(handler, [payment(200_001)]))
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['ResolutionPlanProposed', 'ResolutionPlanReferredForApproval']);
          expect(events[1].data).toMatchObject({ level: 1, because: ['beyond-authority'] });
          expect(after.status).toBe('awaiting-approval');
        });
      spec
        .given(investigatedComplaint({}, ['media']))
        .when(proposed(handler, [reexamine]))
        .thenEvents((events) =>
          expect(events[1].data).toMatchObject({ level: 2, because: ['major-complaint'] }),
        );
    });

    it('is approved by someone else of the required level, never by its proposer or someone conflicted', () => {
      const referred = historyOf(() => investigatedComplaint(), proposed(handler, [payment(300_000)]));
      spec.given(referred).when(approved(handler)).thenRefuses('four-eyes', { proposedBy: handler.id });
      spec
        .given(referred)
        .when(approved({ id: 'approver-1', role: 'approver' }))
        .thenRefuses('approver-conflicted');
      spec
        .given(referred)
        .when(approved(otherHandler))
        .thenRefuses('insufficient-authority', { requiredLevel: 1, level: 0 });
      spec
        .given(referred)
        .when(approved(lead))
        .thenEvents(([event], after) => {
          expect(event.data).toMatchObject({
            decidedBy: lead.id,
            decidedAs: 'approver',
            approvalLevel: 1,
            proposedBy: handler.id,
          });
          expect(after.status).toBe('plan-adopted');
        });
      const major = historyOf(() => investigatedComplaint({}, ['media']), proposed(handler, [reexamine]));
      spec.given(major).when(approved(lead)).thenRefuses('insufficient-authority', { requiredLevel: 2 });
      spec
        .given(major)
        .when(approved(manager))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ approvalLevel: 2 }));
    });

    it('sent back goes to the handler again', () => {
      const referred = historyOf(() => investigatedComplaint(), proposed(handler, [payment(300_000)]));
      spec
        .given(referred)
        .when((s) =>
          sendBackPlan(s, { actor: lead, now: wednesday, comment: 'Check the invoice first' }, terms),
        )
        .thenEvents((_, after) =>
          expect(after).toMatchObject({ status: 'investigating', sentBack: { sentBackBy: lead.id } }),
        );
    });

    it('refuses a plan before the investigation, and money for a complaint not upheld', () => {
      spec
        .given(historyOf(received(), accepted(), assigned()))
        .when(proposed())
        .thenRefuses('investigation-open');
      spec
        .given(investigatedComplaint())
        .when((s) =>
          proposePlan(
            s,
            {
              actor: handler,
              now: wednesday,
              outcome: 'not-upheld',
              summary: 'No fault',
              nextSteps: '-',
              remedies: [payment(1)],
            },
            terms,
          ),
        )
        .thenRefuses('remedy-without-upholding');
      spec
        .given(investigatedComplaint())
        .when(
          proposed(handler, [
            { kind: 'apology', description: 'Sorry', amount: { amountMinor: 5, currency: 'CNY' } },
          ]),
        )
        .thenRefuses('remedy-amount', { kind: 'apology' });
    });

    it('told to the customer states the external remedies, fulfils the clocks and asks claims review to re-examine the claim', () => {
      spec
        .given(historyOf(() => investigatedComplaint(), proposed(handler, [reexamine])))
        .when(communicated())
        .thenEvents((events, after) => {
          expect(types(events)).toEqual([
            'ResolutionCommunicated',
            'ClaimReexaminationRequested',
            'ClockFulfilled',
            'ClockFulfilled',
          ]);
          expect(events[0].data).toMatchObject({
            externalRemedies: ['internal-review', 'mediation', 'arbitration', 'litigation'],
            channel: 'sms',
          });
          expect(events[1].data).toMatchObject({
            claimNumber: 'CLM-2025-000123',
            complaintNumber: 'CMP-2025-000001',
          });
          expect(events.slice(2).map((e) => e.data)).toEqual([
            expect.objectContaining({ clock: 'resolution', withinLimit: true }),
            expect.objectContaining({ clock: 'regulatory', withinLimit: true }),
          ]);
          expect(after.status).toBe('awaiting-customer');
        });
    });
  });

  describe('customer confirmation', () => {
    it('satisfied: resolved, then closed with the root cause and a corrective action with its owner, then archived', () => {
      const resolved = historyOf(() => answeredComplaint(), satisfied());
      const close = (rootCause: string) => (s: Parameters<typeof closeComplaint>[0]) =>
        closeComplaint(
          s,
          {
            actor: handler,
            now: thursday,
            rootCause,
            rootCauseDetail: 'Depreciation table misread',
            correctiveAction: {
              description: 'Train motor handlers on clause 7',
              ownerId: 'motor-team-lead',
              dueDate: '2025-07-31',
            },
          },
          terms,
        );
      spec.given(resolved).when(close('bad-luck')).thenRefuses('unknown-root-cause');
      spec
        .given(resolved)
        .when(close('staff-error'))
        .thenEvents(([event], after) => {
          expect(event.data).toMatchObject({
            outcome: 'upheld',
            customerSatisfied: true,
            rootCause: 'staff-error',
            category: 'payout-amount',
            correctiveAction: { ownerId: 'motor-team-lead' },
          });
          expect(after.status).toBe('closed');
        });
      const closed = historyOf(() => resolved, close('staff-error'));
      spec
        .given(closed)
        .when((s) => archiveComplaint(s, { actor: manager, now: thursday }))
        .thenEvents((_, after) =>
          expect(after).toMatchObject({ status: 'archived', archivedFrom: 'closed' }),
        );
      spec
        .given(historyOf(() => answeredComplaint()))
        .when(close('staff-error'))
        .thenRefuses('wrong-status');
    });

    it('not satisfied: the reason recorded, re-evaluated by a different handler on a new clock', () => {
      spec
        .given(answeredComplaint())
        .when(dissatisfied())
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['CustomerDissatisfactionRecorded', 'ClockStarted']);
          expect(events[0].data).toMatchObject({
            round: 1,
            next: 're-evaluation',
            reason: 'The amount is still too low',
          });
          // 7 working days from Thursday 12 June 2025 (Dragon Boat Festival was already past)
          expect(events[1].data).toMatchObject({ clock: 're-evaluation', dueAt: '2025-06-23T15:59:59.999Z' });
          expect(after).toMatchObject({ status: 'awaiting-assignment', previousHandlers: [handler.id] });
        });
      const reEvaluating = historyOf(() => answeredComplaint(), dissatisfied());
      spec
        .given(reEvaluating)
        .when(assigned(handler))
        .thenRefuses('previous-handler', { previousHandlers: [handler.id] });
      spec.given(reEvaluating).when(assigned(claimHandler)).thenRefuses('handler-conflicted');
      spec
        .given(reEvaluating)
        .when(assigned(otherHandler))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ round: 2, handlerId: otherHandler.id }));
    });

    it('not satisfied twice: escalated to a manager; a third time, internal handling is exhausted', () => {
      const secondRound = historyOf(
        () => answeredComplaint(),
        dissatisfied(),
        assigned(otherHandler, thursday),
        contacted(otherHandler, thursday),
        investigated(otherHandler, thursday),
        proposed(otherHandler, [payment(150_000)], thursday),
        communicated(otherHandler, thursday),
      );
      expect(spec.given(secondRound).state).toMatchObject({ status: 'awaiting-customer', round: 2 });
      spec
        .given(secondRound)
        .when(dissatisfied())
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({ round: 2, next: 'escalated-to-manager' }),
        );
      const escalated = historyOf(() => secondRound, dissatisfied());
      spec
        .given(escalated)
        .when(assigned({ id: 'complaint-handler-3', role: 'claims-handler' }))
        .thenRefuses('manager-required');
      const thirdRound = historyOf(
        () => escalated,
        assigned(manager, thursday),
        contacted(manager, thursday),
        investigated(manager, thursday),
        proposed(manager, [payment(150_000)], thursday),
        communicated(manager, thursday),
      );
      spec
        .given(thirdRound)
        .when(dissatisfied())
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['CustomerDissatisfactionRecorded']);
          expect(events[0].data).toMatchObject({ round: 3, next: 'internal-handling-exhausted' });
          expect(after).toMatchObject({ status: 'resolved', customerSatisfied: false });
        });
    });
  });

  describe('withdrawal', () => {
    it('ends handling wherever it stands, stopping every running clock', () => {
      spec
        .given(historyOf(received(), accepted(), assigned()))
        .when((s) =>
          withdrawComplaint(s, {
            actor: { id: 'cust-42', role: 'customer' },
            now: tuesday,
            reason: 'Settled with the garage',
          }),
        )
        .thenEvents((events, after) => {
          expect(types(events)).toEqual([
            'ComplaintWithdrawn',
            'ClockStopped',
            'ClockStopped',
            'ClockStopped',
          ]);
          expect(
            events
              .slice(1)
              .map((e) => (e.data as { clock: string }).clock)
              .sort(),
          ).toEqual(['investigation', 'regulatory', 'resolution']);
          expect(after).toMatchObject({ status: 'withdrawn', withdrawnFrom: 'investigating' });
        });
    });

    it('is refused once closed', () => {
      const declined = historyOf(received(), (s) =>
        declineComplaint(s, {
          actor: intakeAgent,
          now: tuesday,
          reason: 'outside-scope',
          explanation: 'Not our policy',
        }),
      );
      spec
        .given(declined)
        .when((s) => withdrawComplaint(s, { actor: intakeAgent, now: tuesday, reason: 'x' }))
        .thenRefuses('wrong-status', { status: 'declined' });
    });
  });

  describe('malicious or vexatious complaints', () => {
    const propose = (s: Parameters<typeof proposeMaliciousFlag>[0]) =>
      proposeMaliciousFlag(s, {
        actor: handler,
        now: tuesday,
        reason: 'Eleventh complaint on the same settled matter, threats to staff',
        evidence: ['call-recording-2025-06-09', 'CMP-2025-000001..10'],
      });

    it('are flagged with evidence and a manager’s approval (not the proposer’s), and never deleted', () => {
      const given = historyOf(received(), accepted(), assigned());
      spec
        .given(given)
        .when((s) =>
          proposeMaliciousFlag(s, { actor: handler, now: tuesday, reason: 'Vexatious', evidence: [] }),
        )
        .thenRefuses('evidence-required');
      const flagged = historyOf(() => given, propose);
      const decide =
        (actor = manager, approve = true) =>
        (s: Parameters<typeof decideMaliciousFlag>[0]) =>
          decideMaliciousFlag(s, { actor, now: wednesday, approve, comment: 'Evidence holds' });
      spec.given(flagged).when(decide(handler)).thenRefuses('manager-required');
      spec
        .given(
          historyOf(
            () => given,
            (s) => proposeMaliciousFlag(s, { actor: manager, now: tuesday, reason: 'x', evidence: ['e'] }),
          ),
        )
        .when(decide(manager))
        .thenRefuses('four-eyes');
      spec
        .given(flagged)
        .when(decide(otherManager))
        .thenEvents(([event], after) => {
          expect(event.type).toBe('MaliciousFlagApproved');
          expect(after).toMatchObject({
            status: 'investigating',
            malicious: { state: 'approved', decidedBy: otherManager.id },
          });
        });
    });

    it('a flagged complaint is closed by a manager with its record kept; a new complaint is still received', () => {
      const approvedFlag = historyOf(received(), accepted(), assigned(), propose, (s) =>
        decideMaliciousFlag(s, { actor: manager, now: wednesday, approve: true, comment: 'ok' }),
      );
      const close =
        (actor = manager) =>
        (s: Parameters<typeof closeComplaint>[0]) =>
          closeComplaint(
            s,
            {
              actor,
              now: thursday,
              rootCause: 'no-fault-found',
              rootCauseDetail: 'Vexatious',
              correctiveAction: { description: 'None needed', ownerId: manager.id, dueDate: '2025-06-30' },
            },
            terms,
          );
      spec.given(approvedFlag).when(close(handler)).thenRefuses('manager-required');
      spec
        .given(approvedFlag)
        .when(close())
        .thenEvents((events, after) => {
          expect(events[0].data).toMatchObject({ outcome: 'flagged-malicious', customerSatisfied: null });
          expect(types(events).filter((t) => t === 'ClockStopped')).toHaveLength(3);
          expect(after.status).toBe('closed');
        });
      // the same complainant's next complaint: receipt consults no flag
      spec
        .given([])
        .when(received({ complaintId: 'another-id', complaintNumber: 'CMP-2025-000002' }))
        .thenEvents((events) => expect(types(events)[0]).toBe('ComplaintReceived'));
    });
  });

  describe('attachments', () => {
    const file = (contentHash = 'a'.repeat(64)) => ({
      contentHash,
      mediaType: 'application/pdf',
      sizeBytes: 1200,
      blobReference: `fs:sha256/${'b'.repeat(64)}`,
    });
    const attach =
      (documentId = 'doc-1', contentHash?: string) =>
      (s: Parameters<typeof addAttachment>[0]) =>
        addAttachment(s, {
          actor: intakeAgent,
          now: tuesday,
          documentId,
          kind: 'repair-invoice',
          file: file(contentHash),
        });

    it('records an uploaded file by reference and hash; the same file twice is refused, a retry records nothing', () => {
      spec
        .given(historyOf(received()))
        .when(attach())
        .thenEvents(([event], after) => {
          expect(event.data).toMatchObject({
            attachment: { documentId: 'doc-1', kind: 'repair-invoice', blobReference: expect.any(String) },
          });
          expect(after).toMatchObject({ attachments: [{ documentId: 'doc-1' }] });
        });
      const attached = historyOf(received(), attach());
      spec.given(attached).when(attach()).thenNothingHappens();
      spec.given(attached).when(attach('doc-2')).thenRefuses('duplicate-attachment', { documentId: 'doc-1' });
      spec
        .given(attached)
        .when(attach('doc-2', 'c'.repeat(64)))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });

    it('refuses an attachment once handling ended', () => {
      const withdrawn = historyOf(received(), (s) =>
        withdrawComplaint(s, { actor: intakeAgent, now: tuesday, reason: 'x' }),
      );
      spec.given(withdrawn).when(attach()).thenRefuses('wrong-status', { status: 'withdrawn' });
    });
  });

  it('refuses every decision on a complaint never received', () => {
    spec.given([]).when(accepted()).thenRefuses('no-complaint');
    spec.given([]).when(satisfied()).thenRefuses('no-complaint');
    void monday;
  });
});
