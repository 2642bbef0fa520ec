import { randomUUID } from 'node:crypto';
import { cnMainlandCalendar } from '@claims/working-calendar';
import { Published } from './analytics-harness';

const HOUR = 3_600_000;
const at = (base: number, hours: number) => new Date(base + hours * HOUR).toISOString();
const CHANNELS = ['counter', 'hotline', 'website', 'mobile-app', 'wechat', 'email'];
const LINES = ['motor', 'health-accident', 'property'];
const CATEGORIES = ['claim-decision', 'service-attitude', 'claim-delay'];
const COMPLAINT_CHANNELS = ['hotline', 'website', 'counter', 'wechat'];

/** 2026-Q1 starts at 2026-01-01 00:00 in Beijing. */
export const Q1_START = Date.parse('2025-12-31T16:00:00Z');
export const Q4_START = Date.parse('2025-09-30T16:00:00Z');

export const claimNumber = (year: number, n: number) => `CLM-${year}-${String(n).padStart(6, '0')}`;
export const complaintNumber = (year: number, n: number) => `CMP-${year}-${String(n).padStart(6, '0')}`;

/**
 * Claim i, received `receivedAt`: accepted 2 h later (fast track when i % 5 = 0); a supplementary
 * round when i % 4 = 0 and a second when i % 8 = 0 (24 h each); decided 48 h after receipt plus
 * the rounds: denied when i % 10 is 3 (exclusion) or 7 (fraud when i % 20 = 7, else not-covered);
 * referred for approval when i % 6 = 1; approved ones paid 100 000 + (i % 7) × 1 000 fen, confirmed
 * 72 h after the decision; every claim closed 96 h after its decision.
 */
export function claimEvents(i: number, number: string, receivedMs: number, customerId: string): Published[] {
  const claimId = randomUUID();
  const correlationId = randomUUID();
  const rounds = i % 8 === 0 ? 2 : i % 4 === 0 ? 1 : 0;
  const decidedH = 48 + 24 * rounds;
  const denied = i % 10 === 3 || i % 10 === 7;
  const reasonCodes = i % 10 === 3 ? ['exclusion'] : i % 20 === 7 ? ['fraud'] : ['not-covered'];
  const amount = { amountMinor: 100_000 + (i % 7) * 1000, currency: 'CNY' };
  const submittedId = randomUUID();
  const acceptedId = randomUUID();
  const decisionId = randomUUID();
  const base = { subject: claimId, correlationId };
  const events: Published[] = [
    {
      ...base,
      id: submittedId,
      context: 'intake',
      type: 'ClaimSubmitted',
      time: at(receivedMs, 0),
      data: {
        claimId,
        claimNumber: number,
        customerId,
        channel: CHANNELS[i % 6],
        feedbackChannel: 'sms',
        policy: {
          policyNumber: `POL-${LINES[i % 3].toUpperCase()}-${String(i % 50).padStart(4, '0')}`,
          productLine: LINES[i % 3],
        },
        accident: { occurredAt: at(receivedMs, -24), cause: 'collision', lossKind: 'vehicle-damage' },
        estimatedLoss: amount,
        documents: [],
        submittedAt: at(receivedMs, 0),
      },
      personal: { subjectId: customerId, fields: { claimantName: '李四', claimantPhone: '13812345678' } },
    },
    {
      ...base,
      id: acceptedId,
      causationId: submittedId,
      context: 'claims-review',
      type: 'ClaimAccepted',
      time: at(receivedMs, 2),
      data: {
        claimId,
        claimNumber: number,
        acceptedBy: 'acceptor-1',
        route: i % 5 === 0 ? 'fast-track' : 'manual',
        acceptedAt: at(receivedMs, 2),
      },
    },
    {
      ...base,
      causationId: acceptedId,
      context: 'claims-review',
      type: 'HandlerAssigned',
      time: at(receivedMs, 2),
      data: { claimId, handlerId: `handler-${i % 4}`, assignedAt: at(receivedMs, 2) },
    },
  ];
  for (let round = 1; round <= rounds; round++) {
    events.push(
      {
        ...base,
        causationId: acceptedId,
        context: 'claims-review',
        type: 'SupplementaryDocumentsRequested',
        time: at(receivedMs, 3 + 24 * (round - 1)),
        data: {
          claimId,
          claimNumber: number,
          round,
          items: [],
          requestedAt: at(receivedMs, 3 + 24 * (round - 1)),
        },
      },
      {
        ...base,
        context: 'intake',
        type: 'SupplementaryDocumentsProvided',
        time: at(receivedMs, 20 + 24 * (round - 1)),
        data: {
          claimId,
          claimNumber: number,
          round,
          documents: [],
          providedAt: at(receivedMs, 20 + 24 * (round - 1)),
        },
      },
    );
  }
  if (i % 6 === 1)
    events.push({
      ...base,
      causationId: acceptedId,
      context: 'claims-review',
      type: 'DecisionReferredForApproval',
      time: at(receivedMs, decidedH - 1),
      data: { claimId, level: 1, amountAtStake: amount, referredAt: at(receivedMs, decidedH - 1) },
    });
  if (denied) {
    events.push({
      ...base,
      id: decisionId,
      causationId: acceptedId,
      context: 'claims-review',
      type: 'ClaimDenied',
      time: at(receivedMs, decidedH),
      data: {
        claimId,
        claimNumber: number,
        reasonCodes,
        proposedBy: `handler-${i % 4}`,
        decidedBy: `handler-${i % 4}`,
        decidedAs: 'handler',
        approvalLevel: 0,
        decidedAt: at(receivedMs, decidedH),
      },
    });
  } else {
    events.push(
      {
        ...base,
        id: decisionId,
        causationId: acceptedId,
        context: 'claims-review',
        type: 'ClaimApproved',
        time: at(receivedMs, decidedH),
        data: {
          claimId,
          claimNumber: number,
          payout: amount,
          proposedBy: `handler-${i % 4}`,
          decidedBy: i % 6 === 1 ? 'approver-1' : `handler-${i % 4}`,
          decidedAs: i % 6 === 1 ? 'approver' : 'handler',
          approvalLevel: i % 6 === 1 ? 1 : 0,
          decidedAt: at(receivedMs, decidedH),
        },
      },
      {
        ...base,
        causationId: decisionId,
        context: 'claims-review',
        type: 'PaymentInstructed',
        time: at(receivedMs, decidedH + 24),
        data: {
          claimId,
          claimNumber: number,
          amount,
          method: 'bank-transfer',
          instructedBy: `handler-${i % 4}`,
          instructedAt: at(receivedMs, decidedH + 24),
        },
      },
      {
        ...base,
        causationId: decisionId,
        context: 'claims-review',
        type: 'PaymentConfirmed',
        time: at(receivedMs, decidedH + 72),
        data: {
          claimId,
          claimNumber: number,
          amount,
          paidOn: at(receivedMs, decidedH + 72).slice(0, 10),
          confirmedAt: at(receivedMs, decidedH + 72),
        },
      },
    );
  }
  events.push({
    ...base,
    causationId: decisionId,
    context: 'claims-review',
    type: 'ClaimClosed',
    time: at(receivedMs, decidedH + 96),
    data: {
      claimId,
      claimNumber: number,
      outcome: denied ? 'denied' : 'paid',
      closedBy: `handler-${i % 4}`,
      closedAt: at(receivedMs, decidedH + 96),
    },
  });
  return events;
}

const calendar = cnMainlandCalendar();

/**
 * Complaint j: declined (not-a-complaint) when j % 10 = 9; otherwise accepted, its 3-working-day
 * investigation clock fulfilled j % 5 working days after receipt on the China mainland calendar
 * (holidays included), so late exactly when j % 5 = 4; resolved (upheld when j % 3 = 0), the
 * customer dissatisfied (re-evaluation) when j % 4 = 0, else satisfied; closed with a root cause.
 */
export function complaintEvents(
  j: number,
  number: string,
  receivedMs: number,
  related: string[] = [],
): Published[] {
  const complaintId = randomUUID();
  const correlationId = randomUUID();
  const base = { subject: complaintId, correlationId };
  const received = at(receivedMs, 0);
  const events: Published[] = [
    {
      ...base,
      context: 'complaint',
      type: 'ComplaintReceived',
      time: received,
      data: {
        complaintId,
        complaintNumber: number,
        channel: COMPLAINT_CHANNELS[j % 4],
        customerId: `cust-c${j}`,
        relatedClaimNumbers: related,
        policyNumber: null,
        category: CATEGORIES[j % 3],
        receivedAt: received,
      },
    },
  ];
  if (j % 10 === 9) {
    events.push({
      ...base,
      context: 'complaint',
      type: 'ComplaintDeclined',
      time: at(receivedMs, 5),
      data: {
        complaintId,
        complaintNumber: number,
        reason: 'not-a-complaint',
        duplicateOf: null,
        declinedAt: at(receivedMs, 5),
      },
    });
    return events;
  }
  const start = new Date(receivedMs + HOUR);
  const due = calendar.addWorkingDays(start, 3).toISOString();
  const fulfilled = calendar.addWorkingDays(start, j % 5).toISOString();
  const outcome = j % 3 === 0 ? 'upheld' : 'not-upheld';
  const closedAt = new Date(Date.parse(fulfilled) + 48 * HOUR).toISOString();
  events.push(
    {
      ...base,
      context: 'complaint',
      type: 'ComplaintAccepted',
      time: at(receivedMs, 1),
      data: {
        complaintId,
        complaintNumber: number,
        priority: 'normal',
        major: false,
        acceptedAt: at(receivedMs, 1),
      },
    },
    {
      ...base,
      context: 'complaint',
      type: 'HandlerAssigned',
      time: at(receivedMs, 1),
      data: { complaintId, handlerId: `complaint-handler-${j % 3}`, round: 1, assignedAt: at(receivedMs, 1) },
    },
    {
      ...base,
      context: 'complaint',
      type: 'ClockStarted',
      time: start.toISOString(),
      data: {
        complaintId,
        clock: 'investigation',
        limit: { kind: 'working-days', count: 3 },
        startedAt: start.toISOString(),
        dueAt: due,
      },
    },
    {
      ...base,
      context: 'complaint',
      type: 'ClockFulfilled',
      time: fulfilled,
      data: {
        complaintId,
        clock: 'investigation',
        dueAt: due,
        fulfilledAt: fulfilled,
        withinLimit: fulfilled <= due,
      },
    },
    {
      ...base,
      context: 'complaint',
      type: 'ResolutionCommunicated',
      time: at(Date.parse(fulfilled), 1),
      data: {
        complaintId,
        complaintNumber: number,
        outcome,
        communicatedBy: `complaint-handler-${j % 3}`,
        communicatedAt: at(Date.parse(fulfilled), 1),
      },
    },
    j % 4 === 0
      ? {
          ...base,
          context: 'complaint',
          type: 'CustomerDissatisfactionRecorded',
          time: at(Date.parse(fulfilled), 24),
          data: { complaintId, round: 1, next: 're-evaluation', recordedAt: at(Date.parse(fulfilled), 24) },
        }
      : {
          ...base,
          context: 'complaint',
          type: 'CustomerSatisfactionRecorded',
          time: at(Date.parse(fulfilled), 24),
          data: { complaintId, round: 1, recordedAt: at(Date.parse(fulfilled), 24) },
        },
    {
      ...base,
      context: 'complaint',
      type: 'ComplaintClosed',
      time: closedAt,
      data: {
        complaintId,
        complaintNumber: number,
        outcome,
        customerSatisfied: j % 4 !== 0,
        category: CATEGORIES[j % 3],
        rootCause: ['process', 'staff', 'product'][j % 3],
        correctiveAction: { description: 'fix it', ownerId: 'manager-1', dueDate: '2026-06-30' },
        closedBy: 'manager-1',
        closedAt,
      },
    },
  );
  return events;
}

/** 240 claims and 150 complaints across 2026-Q1 (New Year and the Spring Festival inside), 60 and 30 in 2025-Q4. */
export function seedTwoQuarters(): Published[] {
  const events: Published[] = [];
  for (let i = 0; i < 240; i++)
    events.push(...claimEvents(i, claimNumber(2026, i + 1), Q1_START + (i * 9 + 1) * HOUR, `cust-${i}`));
  for (let i = 0; i < 60; i++)
    events.push(...claimEvents(i, claimNumber(2025, i + 1), Q4_START + (i * 36 + 1) * HOUR, `cust-q4-${i}`));
  for (let j = 0; j < 150; j++)
    events.push(
      ...complaintEvents(
        j,
        complaintNumber(2026, j + 1),
        Q1_START + (j * 14 + 3) * HOUR,
        j === 0 ? [claimNumber(2026, 1)] : [],
      ),
    );
  for (let j = 0; j < 30; j++)
    events.push(...complaintEvents(j, complaintNumber(2025, j + 1), Q4_START + (j * 70 + 3) * HOUR));
  return events;
}

/** The seeded events as analytics would have received them (for tests of the domain alone). */
export function asReceived(
  events: readonly Published[],
): import('../src/domain/received-event').ReceivedEvent[] {
  const offsets = new Map<string, number>();
  return events.map((e) => {
    const topic = `claims-platform.${e.context}`;
    const offset = offsets.get(topic) ?? 0;
    offsets.set(topic, offset + 1);
    const id = (e.data['claimId'] ?? e.data['complaintId'] ?? e.subject) as string;
    return {
      eventId: e.id ?? randomUUID(),
      topic,
      partition: 0,
      busOffset: String(offset),
      source: `/claims-platform/${e.context}`,
      type: e.type,
      schemaVersion: 1,
      subject: e.subject,
      caseId: id,
      time: e.time,
      correlationId: e.correlationId ?? randomUUID(),
      causationId: e.causationId ?? null,
      data: e.data,
    };
  });
}
