import { ComplaintEvent, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import { ComplaintTerms, clockStarted, complaintIn, requireText } from './complaint.guards';

/** The customer's answer to the plan told to them (through their own API or recorded by staff). */
export interface CustomerAnswer {
  readonly now: Date;
  readonly feedback: string;
}

/** Satisfied: the complaint is resolved, to be closed with its root cause. */
export function recordSatisfied(state: Complaint, command: CustomerAnswer): ComplaintEvent[] {
  const complaint = complaintIn(state, 'record satisfaction', 'awaiting-customer');
  const { now, feedback } = command;
  return [
    recordComplaint(
      'CustomerSatisfactionRecorded',
      { complaintId: complaint.complaintId, round: complaint.round, feedback, recordedAt: now.toISOString() },
      { occurredAt: now },
    ),
  ];
}

/**
 * Not satisfied: the reason is recorded. After the first plan, a different handler re-evaluates
 * the complaint on a new clock; after the re-evaluation, it is escalated to a manager (new clock
 * again); after the manager's own plan, internal handling is exhausted and the customer keeps
 * the external remedies they were told of.
 */
export function recordDissatisfied(
  state: Complaint,
  command: CustomerAnswer,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const complaint = complaintIn(state, 'record dissatisfaction', 'awaiting-customer');
  const { now, feedback: reason } = command;
  requireText(reason, 'reason');
  const { complaintId, round } = complaint;
  const next =
    round === 1 ? 're-evaluation' : round === 2 ? 'escalated-to-manager' : 'internal-handling-exhausted';
  const recorded = recordComplaint(
    'CustomerDissatisfactionRecorded',
    { complaintId, round, reason, next, recordedAt: now.toISOString() },
    { occurredAt: now },
  );
  if (next === 'internal-handling-exhausted') return [recorded];
  return [recorded, clockStarted(complaintId, 're-evaluation', now, terms.timetable)];
}
