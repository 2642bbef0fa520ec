import { DomainRuleViolation } from '@claims/event-sourcing';
import { ComplaintEvent, CorrectiveAction, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import {
  Acting,
  ComplaintTerms,
  clocksStopped,
  complaintIn,
  openedComplaint,
  requireManager,
  requireText,
} from './complaint.guards';
import { isEnded } from './complaint.decider';

export interface CloseComplaint extends Acting {
  /** A code of the root-cause taxonomy (溯源整改), for the quarterly analysis. */
  readonly rootCause: string;
  readonly rootCauseDetail: string;
  readonly correctiveAction: CorrectiveAction;
}

/**
 * Closes a resolved complaint with its root cause and the corrective action and its owner. A
 * complaint flagged malicious (with a manager's approval) may be closed by a manager wherever it
 * stands: the flag ends handling, never the record.
 */
export function closeComplaint(
  state: Complaint,
  command: CloseComplaint,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const opened = openedComplaint(state);
  const { rootCause, rootCauseDetail, correctiveAction, actor, now } = command;
  if (!terms.rules.rootCauses.some((c) => c.code === rootCause)) {
    throw new DomainRuleViolation('unknown-root-cause', `No root cause ${rootCause}`, {
      rootCause,
      rootCauses: terms.rules.rootCauses.map((c) => c.code),
    });
  }
  requireText(correctiveAction.description, 'correctiveAction.description');
  requireText(correctiveAction.ownerId, 'correctiveAction.ownerId');
  const base = {
    complaintId: opened.complaintId,
    complaintNumber: opened.complaintNumber,
    category: opened.category,
    rootCause,
    rootCauseDetail,
    correctiveAction,
    closedBy: actor.id,
    closedAt: now.toISOString(),
  };
  if (opened.malicious?.state === 'approved' && !isEnded(opened) && opened.status !== 'resolved') {
    requireManager(actor, 'close a complaint flagged malicious');
    return [
      recordComplaint(
        'ComplaintClosed',
        { ...base, outcome: 'flagged-malicious', customerSatisfied: null },
        { occurredAt: now },
      ),
      ...clocksStopped(opened, 'flagged-malicious', now),
    ];
  }
  const resolved = complaintIn(state, 'close', 'resolved');
  return [
    recordComplaint(
      'ComplaintClosed',
      { ...base, outcome: resolved.communicated.outcome, customerSatisfied: resolved.customerSatisfied },
      { occurredAt: now },
    ),
  ];
}

/** Archives a complaint whose handling ended (closed, declined, withdrawn): records and evidence kept. */
export function archiveComplaint(state: Complaint, command: Acting): ComplaintEvent[] {
  const complaint = complaintIn(state, 'archive', 'closed', 'declined', 'withdrawn');
  const { actor, now } = command;
  return [
    recordComplaint(
      'ComplaintArchived',
      { complaintId: complaint.complaintId, archivedBy: actor.id, archivedAt: now.toISOString() },
      { occurredAt: now },
    ),
  ];
}
