import { RevealedEnvelope } from '@claims/event-sourcing';
import { projectionOf } from '@claims/service-host';
import { EntityManager } from 'typeorm';
import { ComplaintEvents } from '../domain/complaint/complaint.events';
import { ComplaintRow } from './read-models';

/** A handler that changes the complaint's row (then stamps it with the event's time). */
function changeRow<D extends { complaintId: string }>(
  change: (row: ComplaintRow, data: D) => unknown,
): (manager: EntityManager, event: RevealedEnvelope<D>) => Promise<void> {
  return async (manager, event) => {
    const row = await manager.findOneBy(ComplaintRow, { complaintId: event.data.complaintId });
    if (!row) return;
    change(row, event.data);
    row.updatedAt = event.occurredAt;
    await manager.save(ComplaintRow, row);
  };
}

/** The nearest deadline among the running clocks. */
function withNextDue(row: ComplaintRow): void {
  const running = Object.entries(row.clocks)
    .filter(([, c]) => c.state === 'running')
    .sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt));
  row.nextDueAt = running[0]?.[1].dueAt ?? null;
  row.nextClock = running[0]?.[0] ?? null;
  const regulatory = row.clocks['regulatory'];
  row.regulatoryDueAt =
    regulatory && (regulatory.state === 'running' || regulatory.state === 'paused') ? regulatory.dueAt : null;
}

function clockState(row: ComplaintRow, clock: string, state: string, dueAt?: string): void {
  const current = row.clocks[clock];
  row.clocks = { ...row.clocks, [clock]: { state, dueAt: dueAt ?? current?.dueAt ?? '' } };
  withNextDue(row);
}

const ended = (closedAt: string) => (row: ComplaintRow) => {
  row.closedAt = closedAt;
  row.approvalLevel = null;
};

/** How each stored complaint event changes the work-queue row. */
export const projectComplaintEvent = projectionOf<ComplaintEvents>({
  ComplaintReceived: async (manager, { data }) => {
    await manager.save(ComplaintRow, {
      complaintId: data.complaintId,
      complaintNumber: data.complaintNumber,
      customerId: data.customerId,
      channel: data.channel,
      category: data.category,
      status: 'received',
      priority: null,
      major: false,
      handlerId: null,
      round: 0,
      approvalLevel: null,
      clocks: {},
      nextDueAt: null,
      nextClock: null,
      regulatoryDueAt: null,
      lastAlert: null,
      relatedClaimNumbers: data.relatedClaimNumbers,
      receivedAt: data.receivedAt,
      updatedAt: data.receivedAt,
      closedAt: null,
    });
  },
  ComplaintAccepted: changeRow((row, data) => {
    Object.assign(row, {
      status: 'awaiting-assignment',
      priority: data.priority,
      major: data.major,
      round: 1,
    });
  }),
  ComplaintDeclined: changeRow((row, data) => {
    row.status = 'declined';
    ended(data.declinedAt)(row);
  }),
  HandlerAssigned: changeRow((row, data) => {
    Object.assign(row, { status: 'investigating', handlerId: data.handlerId, round: data.round });
  }),
  ResolutionPlanReferredForApproval: changeRow((row, data) => {
    Object.assign(row, { status: 'awaiting-approval', approvalLevel: data.level });
  }),
  ResolutionPlanSentBack: changeRow((row) => {
    Object.assign(row, { status: 'investigating', approvalLevel: null });
  }),
  ResolutionPlanAdopted: changeRow((row) => {
    Object.assign(row, { status: 'plan-adopted', approvalLevel: null });
  }),
  ResolutionCommunicated: changeRow((row) => {
    row.status = 'awaiting-customer';
  }),
  CustomerSatisfactionRecorded: changeRow((row) => {
    row.status = 'resolved';
  }),
  CustomerDissatisfactionRecorded: changeRow((row, data) => {
    if (data.next === 'internal-handling-exhausted') row.status = 'resolved';
    else Object.assign(row, { status: 'awaiting-assignment', handlerId: null });
  }),
  ComplaintWithdrawn: changeRow((row, data) => {
    row.status = 'withdrawn';
    ended(data.withdrawnAt)(row);
  }),
  ComplaintClosed: changeRow((row, data) => {
    row.status = 'closed';
    ended(data.closedAt)(row);
  }),
  ComplaintArchived: changeRow((row) => {
    row.status = 'archived';
  }),
  ClockStarted: changeRow((row, data) => clockState(row, data.clock, 'running', data.dueAt)),
  ClockPaused: changeRow((row, data) => clockState(row, data.clock, 'paused')),
  ClockResumed: changeRow((row, data) => clockState(row, data.clock, 'running', data.dueAt)),
  ClockFulfilled: changeRow((row, data) => clockState(row, data.clock, 'fulfilled')),
  ClockStopped: changeRow((row, data) => clockState(row, data.clock, 'stopped')),
  ClockAtRisk: changeRow((row, data) => {
    row.lastAlert = `${data.clock}:at-risk`;
  }),
  ClockBreached: changeRow((row, data) => {
    row.lastAlert = `${data.clock}:breached`;
  }),
  RegulatoryLimitExtended: changeRow((row, data) => clockState(row, 'regulatory', 'running', data.dueAt)),
});
