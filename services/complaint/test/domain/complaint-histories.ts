import { Actor } from '@claims/event-sourcing';
import { deciderSpec } from '@claims/event-sourcing/testing';
import { cnMainlandCalendar } from '@claims/working-calendar';
import { ComplaintTimetable } from '../../src/domain/complaint-timetable';
import { ClaimInvolvement, assignHandler } from '../../src/domain/complaint/assignment';
import { complaintDecider } from '../../src/domain/complaint/complaint.decider';
import { ComplaintEvent, Remedy } from '../../src/domain/complaint/complaint.events';
import { Complaint } from '../../src/domain/complaint/complaint.state';
import { recordSatisfied, recordDissatisfied } from '../../src/domain/complaint/confirmation';
import { acceptComplaint } from '../../src/domain/complaint/initial-review';
import { completeInvestigation, recordContact } from '../../src/domain/complaint/investigation';
import { ReceiveComplaint, receiveComplaint } from '../../src/domain/complaint/receipt';
import { approvePlan, communicateResolution, proposePlan } from '../../src/domain/complaint/resolution';
import { DEFAULT_COMPLAINT_RULES } from '../../src/infrastructure/default-complaint-rules';

/** Given/when/then for complaints, on the default rules and the China mainland calendar. */
export const spec = deciderSpec(complaintDecider);
export const rules = DEFAULT_COMPLAINT_RULES;
export const timetable = new ComplaintTimetable(cnMainlandCalendar(), rules);
export const terms = { rules, timetable };

export const at = (iso: string) => new Date(iso);
/** Monday 2025-06-09, 09:00 Beijing time: an ordinary working week. */
export const monday = at('2025-06-09T01:00:00Z');
export const tuesday = at('2025-06-10T01:00:00Z');
export const wednesday = at('2025-06-11T01:00:00Z');
export const thursday = at('2025-06-12T01:00:00Z');

export const complaintId = '0d2f3c4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const intakeAgent: Actor = { id: 'cs-agent-1', role: 'customer-service' };
export const handler: Actor = { id: 'complaint-handler-1', role: 'claims-handler' };
export const otherHandler: Actor = { id: 'complaint-handler-2', role: 'claims-handler' };
export const claimHandler: Actor = { id: 'handler-motor-1', role: 'claims-handler' };
export const lead: Actor = { id: 'complaint-approver-1', role: 'approver' };
export const manager: Actor = { id: 'manager-1', role: 'manager' };
export const otherManager: Actor = { id: 'manager-2', role: 'manager' };

/** Who had a hand in claim CLM-2025-000123 (learned from claims review's events). */
export const involvements: ClaimInvolvement[] = [
  { claimNumber: 'CLM-2025-000123', staffId: 'handler-motor-1', as: 'handler' },
  { claimNumber: 'CLM-2025-000123', staffId: 'investigator-1', as: 'investigator' },
  { claimNumber: 'CLM-2025-000123', staffId: 'approver-1', as: 'approver' },
  { claimNumber: 'CLM-2025-000999', staffId: 'complaint-handler-2', as: 'handler' }, // another claim
];

export const complainant = {
  name: '王小明',
  phone: '13800000000',
  description: 'My repair claim was cut by half without a reason',
  request: 'Pay the full repair bill',
};

export function receipt(overrides: Partial<ReceiveComplaint> = {}): ReceiveComplaint {
  return {
    complaintId,
    complaintNumber: 'CMP-2025-000001',
    channel: 'hotline',
    customerId: 'cust-42',
    complainant,
    relatedClaimNumbers: ['CLM-2025-000123'],
    policyNumber: 'POL-MOTOR-0001',
    category: 'payout-amount',
    requestedRemedies: ['payment'],
    amountClaimed: { amountMinor: 500_000, currency: 'CNY' },
    attachments: [],
    receivedBy: intakeAgent.id,
    now: monday,
    ...overrides,
  };
}

export type Decision = (state: Complaint) => readonly ComplaintEvent[];

/** Builds a history step by step, each decision on the state the previous ones lead to. */
export function historyOf(...decisions: Decision[]): ComplaintEvent[] {
  return decisions.reduce<ComplaintEvent[]>(
    (history, decide) => [...history, ...decide(spec.given(history).state)],
    [],
  );
}

export const received =
  (overrides: Partial<ReceiveComplaint> = {}): Decision =>
  (s) =>
    receiveComplaint(s, receipt(overrides), terms);
export const accepted =
  (riskFactors: string[] = [], now = monday): Decision =>
  (s) =>
    acceptComplaint(s, { actor: intakeAgent, now, riskFactors, riskNote: 'none' }, terms);
export const assigned =
  (who: Actor = handler, now = monday): Decision =>
  (s) =>
    assignHandler(s, { actor: manager, now, handler: who, involvements });
export const contacted =
  (who: Actor = handler, now = tuesday, contactId = `contact-${who.id}-${now.toISOString()}`): Decision =>
  (s) =>
    recordContact(s, {
      actor: who,
      now,
      contactId,
      party: 'complainant',
      channel: 'phone',
      contactedAt: now,
      outcome: 'reached',
      note: 'Customer upset; says the garage was approved',
    });
export const investigated =
  (who: Actor = handler, now = tuesday): Decision =>
  (s) =>
    completeInvestigation(s, {
      actor: who,
      now,
      causeAnalysis: 'Depreciation applied to new parts against clause 7',
      responsibleParty: 'insurer',
      policyClause: 'Clause 7.2',
      findings: 'The deduction was wrong',
    });
export const payment = (amountMinor: number): Remedy => ({
  kind: 'payment',
  description: 'Pay the difference',
  amount: { amountMinor, currency: 'CNY' },
});
export const reexamine: Remedy = {
  kind: 're-examine-claim',
  description: 'Claims review re-examines the claim',
  amount: null,
};
export const proposed =
  (who: Actor = handler, remedies: Remedy[] = [payment(100_000)], now = wednesday): Decision =>
  (s) =>
    proposePlan(
      s,
      {
        actor: who,
        now,
        outcome: 'upheld',
        summary: 'We pay the difference',
        nextSteps: 'Paid within 5 days',
        remedies,
      },
      terms,
    );
export const approved =
  (who: Actor = manager, now = wednesday): Decision =>
  (s) =>
    approvePlan(
      s,
      {
        actor: who,
        now,
        conflictedStaffIds: involvements
          .filter((i) => i.claimNumber === 'CLM-2025-000123')
          .map((i) => i.staffId),
      },
      terms,
    );
export const communicated =
  (who: Actor = handler, now = wednesday): Decision =>
  (s) =>
    communicateResolution(s, { actor: who, now, channel: 'sms' }, terms);
export const satisfied =
  (now = thursday): Decision =>
  (s) =>
    recordSatisfied(s, { now, feedback: 'Thank you' });
export const dissatisfied =
  (now = thursday, reason = 'The amount is still too low'): Decision =>
  (s) =>
    recordDissatisfied(s, { now, feedback: reason }, terms);

/** Received, accepted, assigned to `handler`, investigated: ready for a plan. */
export const investigatedComplaint = (
  overrides: Partial<ReceiveComplaint> = {},
  riskFactors: string[] = [],
) => historyOf(received(overrides), accepted(riskFactors), assigned(), contacted(), investigated());

/** …and the plan (within the handler's authority) told to the customer. */
export const answeredComplaint = () => historyOf(() => investigatedComplaint(), proposed(), communicated());
