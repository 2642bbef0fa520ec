import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import { ComplaintEvent, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import { Acting, MANAGER_ROLE, complaintIn } from './complaint.guards';

/** Who had a hand in a related claim (learned from claims review's integration events). */
export interface ClaimInvolvement {
  readonly claimNumber: string;
  readonly staffId: string;
  readonly as: 'handler' | 'investigator' | 'approver';
}

export interface AssignHandler extends Acting {
  readonly handler: Actor;
  /** Everyone who handled, investigated or approved any of the complaint's related claims. */
  readonly involvements: readonly ClaimInvolvement[];
  /** The related claims claims review has told of: for the others the check could not be made. */
  readonly knownClaimNumbers?: readonly string[];
}

/**
 * Assignment with recusal (回避): the handler has no direct interest in the matter complained of,
 * i.e. did not handle, investigate or approve a related claim. A re-evaluation goes to someone
 * who has not handled the complaint before; once escalated (round 3), to a manager. Within a
 * round, a complaint under investigation may be reassigned under the same rules.
 */
export function assignHandler(state: Complaint, command: AssignHandler): ComplaintEvent[] {
  const complaint = complaintIn(state, 'assign a handler', 'awaiting-assignment', 'investigating');
  const { handler, involvements, actor, now } = command;
  const relatedClaimNumbers = [...complaint.relatedClaimNumbers];
  const relevant = involvements.filter((i) => relatedClaimNumbers.includes(i.claimNumber));
  const conflicts = relevant.filter((i) => i.staffId === handler.id);
  if (conflicts.length) {
    throw new DomainRuleViolation(
      'handler-conflicted',
      'The handler had a hand in a related claim and must recuse',
      {
        handlerId: handler.id,
        conflicts: conflicts.map(({ claimNumber, as }) => ({ claimNumber, as })),
      },
    );
  }
  if (complaint.previousHandlers.includes(handler.id)) {
    throw new DomainRuleViolation(
      'previous-handler',
      'A re-evaluation goes to a handler who has not handled this complaint',
      {
        handlerId: handler.id,
        previousHandlers: complaint.previousHandlers,
      },
    );
  }
  if (complaint.status === 'investigating' && complaint.handlerId === handler.id) {
    throw new DomainRuleViolation('same-handler', 'The complaint is already with this handler');
  }
  const round = complaint.status === 'awaiting-assignment' ? nextRound(complaint) : complaint.round;
  if (round >= 3 && handler.role !== MANAGER_ROLE) {
    throw new DomainRuleViolation(
      'manager-required',
      'A second dissatisfaction escalates the complaint to a manager',
      {
        role: handler.role,
      },
    );
  }
  const excludedStaffIds = [...new Set([...relevant.map((i) => i.staffId), ...complaint.previousHandlers])];
  // a claim claims review never told of cannot be checked: the record says so, for the auditor
  const known = command.knownClaimNumbers ?? relatedClaimNumbers;
  const unverifiedClaimNumbers = relatedClaimNumbers.filter((n) => !known.includes(n));
  return [
    recordComplaint(
      'HandlerAssigned',
      {
        complaintId: complaint.complaintId,
        handlerId: handler.id,
        round,
        recusal: { relatedClaimNumbers, excludedStaffIds, unverifiedClaimNumbers },
        assignedBy: actor.id,
        assignedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

/** Round 1 at first; each dissatisfaction that asks for another look adds one. */
function nextRound(complaint: { readonly dissatisfactions: readonly unknown[] }): number {
  return complaint.dissatisfactions.length + 1;
}
