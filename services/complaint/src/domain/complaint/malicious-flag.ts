import { DomainRuleViolation } from '@claims/event-sourcing';
import { ComplaintEvent, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import { Acting, openedComplaint, requireManager, requireText } from './complaint.guards';

export interface ProposeMaliciousFlag extends Acting {
  readonly reason: string;
  readonly evidence: readonly string[];
}

/**
 * Staff propose flagging a complaint malicious or vexatious, with evidence. A flag is never a
 * deletion: the complaint and its history stay, and a new complaint is received as any other.
 */
export function proposeMaliciousFlag(state: Complaint, command: ProposeMaliciousFlag): ComplaintEvent[] {
  const complaint = openedComplaint(state);
  const { reason, evidence, actor, now } = command;
  requireText(reason, 'reason');
  if (!evidence.length || evidence.some((e) => !e.trim())) {
    throw new DomainRuleViolation('evidence-required', 'A malicious flag is proposed with evidence');
  }
  if (complaint.malicious?.state === 'proposed' || complaint.malicious?.state === 'approved') {
    throw new DomainRuleViolation('flag-pending', `A malicious flag is already ${complaint.malicious.state}`);
  }
  if (complaint.status === 'archived')
    throw new DomainRuleViolation('archived', 'An archived complaint is not flagged');
  return [
    recordComplaint(
      'MaliciousFlagProposed',
      {
        complaintId: complaint.complaintId,
        reason,
        evidence: [...evidence],
        proposedBy: actor.id,
        proposedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

export interface DecideMaliciousFlag extends Acting {
  readonly approve: boolean;
  readonly comment: string;
}

/** A manager, not the proposer, approves or rejects the flag. */
export function decideMaliciousFlag(state: Complaint, command: DecideMaliciousFlag): ComplaintEvent[] {
  const complaint = openedComplaint(state);
  const { actor, now } = command;
  if (complaint.malicious?.state !== 'proposed') {
    throw new DomainRuleViolation('no-flag-proposed', 'No malicious flag awaits a decision');
  }
  requireManager(actor, 'decide a malicious flag');
  if (actor.id === complaint.malicious.proposedBy) {
    throw new DomainRuleViolation('four-eyes', 'The flag is decided by someone other than who proposed it', {
      proposedBy: complaint.malicious.proposedBy,
    });
  }
  const at = now.toISOString();
  const { complaintId } = complaint;
  return [
    command.approve
      ? recordComplaint(
          'MaliciousFlagApproved',
          { complaintId, approvedBy: actor.id, approvedAt: at },
          { occurredAt: now },
        )
      : recordComplaint(
          'MaliciousFlagRejected',
          { complaintId, rejectedBy: actor.id, comment: command.comment, rejectedAt: at },
          { occurredAt: now },
        ),
  ];
}
