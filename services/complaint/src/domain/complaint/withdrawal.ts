import { ComplaintEvent, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import { Acting, clocksStopped, complaintIn } from './complaint.guards';

export interface WithdrawComplaint extends Acting {
  readonly reason: string;
}

/** The complainant may withdraw at any time before closure: handling ends, every clock stops. */
export function withdrawComplaint(state: Complaint, command: WithdrawComplaint): ComplaintEvent[] {
  const complaint = complaintIn(
    state,
    'withdraw',
    'received',
    'awaiting-assignment',
    'investigating',
    'awaiting-approval',
    'plan-adopted',
    'awaiting-customer',
    'resolved',
  );
  const { actor, now, reason } = command;
  return [
    recordComplaint(
      'ComplaintWithdrawn',
      { complaintId: complaint.complaintId, reason, withdrawnBy: actor.id, withdrawnAt: now.toISOString() },
      { occurredAt: now },
    ),
    ...clocksStopped(complaint, 'withdrawn', now),
  ];
}
