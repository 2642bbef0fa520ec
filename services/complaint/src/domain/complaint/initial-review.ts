import { DomainRuleViolation, ERASED } from '@claims/event-sourcing';
import { priorityOf } from '../complaint-rules';
import { ComplaintEvent, DeclineReason, recordComplaint } from './complaint.events';
import { Complaint, ComplaintFile } from './complaint.state';
import {
  Acting,
  ComplaintTerms,
  clockFulfilled,
  clockStarted,
  complaintIn,
  requireText,
} from './complaint.guards';

export interface AcceptComplaint extends Acting {
  /** Risk factors of the taxonomy (regulator-transferred, media, group, vulnerable customer…). */
  readonly riskFactors: readonly string[];
  readonly riskNote: string;
}

/**
 * The initial review accepts the complaint: its risk assessment sets the priority (a complaint the
 * regulator transferred is always assessed as such), the 24-hour clock is fulfilled, and the
 * investigation's and the resolution's clocks start from acceptance.
 */
export function acceptComplaint(
  state: Complaint,
  command: AcceptComplaint,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const received = complaintIn(state, 'accept', 'received');
  const { rules, timetable } = terms;
  const unknown = command.riskFactors.filter((f) => !rules.riskFactors.some((r) => r.code === f));
  if (unknown.length) {
    throw new DomainRuleViolation('unknown-risk-factor', 'Risk factors come from the taxonomy', { unknown });
  }
  const factors = new Set(command.riskFactors);
  if (received.channel === 'regulator-transfer') factors.add('regulator-transferred');
  const riskFactors = [...factors].filter((f) => rules.riskFactors.some((r) => r.code === f));
  const { score, priority } = priorityOf(rules, riskFactors);
  const major = riskFactors.some((f) => rules.riskFactors.find((r) => r.code === f)?.major);
  const { complaintId, complaintNumber } = received;
  const { actor, now } = command;
  return [
    recordComplaint(
      'ComplaintAccepted',
      {
        complaintId,
        complaintNumber,
        riskFactors,
        riskScore: score,
        priority,
        major,
        riskNote: command.riskNote,
        acceptedBy: actor.id,
        acceptedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
    ...clockFulfilled(received, 'initial-review', now),
    clockStarted(complaintId, 'investigation', now, timetable),
    clockStarted(complaintId, 'resolution', now, timetable),
  ];
}

export interface DeclineComplaint extends Acting {
  readonly reason: DeclineReason;
  /** The open complaint this one duplicates (reason `duplicate`). */
  readonly duplicateOf?: string | null;
  /** What the work queue knows of that complaint: its status, or null when there is none. */
  readonly duplicateStatus?: string | null;
  readonly explanation: string;
}

/**
 * The initial review declines it with a coded reason. Not a complaint: handed back to intake as a
 * consultation. A duplicate is linked to the complaint it repeats. Declining is the insurer's
 * decision told to the complainant, so the regulatory clock is fulfilled, not stopped.
 */
export function declineComplaint(state: Complaint, command: DeclineComplaint): ComplaintEvent[] {
  const received = complaintIn(state, 'decline', 'received');
  const { reason, explanation, actor, now } = command;
  requireText(explanation, 'explanation');
  const duplicateOf = command.duplicateOf ?? null;
  if (reason === 'duplicate' && !duplicateOf) {
    throw new DomainRuleViolation('duplicate-needs-link', 'A duplicate names the open complaint it repeats');
  }
  if (reason === 'duplicate' && duplicateOf === received.complaintNumber) {
    throw new DomainRuleViolation('duplicate-of-itself', 'A complaint cannot duplicate itself');
  }
  if (reason === 'duplicate' && command.duplicateStatus !== undefined) {
    const status = command.duplicateStatus;
    if (status === null || ['declined', 'withdrawn', 'closed', 'archived'].includes(status)) {
      throw new DomainRuleViolation('duplicate-not-open', 'A duplicate is linked to an open complaint', {
        duplicateOf,
        status,
      });
    }
  }
  if (reason !== 'duplicate' && duplicateOf) {
    throw new DomainRuleViolation(
      'link-only-for-duplicates',
      'Only a duplicate is linked to another complaint',
    );
  }
  const { complaintId, complaintNumber, customerId, channel, category } = received;
  const at = now.toISOString();
  const declined = recordComplaint(
    'ComplaintDeclined',
    { complaintId, complaintNumber, reason, duplicateOf, explanation, declinedBy: actor.id, declinedAt: at },
    { occurredAt: now },
  );
  const handedBack =
    reason === 'not-a-complaint'
      ? [
          recordComplaint(
            'ComplaintReferredAsConsultation',
            { complaintId, complaintNumber, customerId, channel, category, referredAt: at },
            { occurredAt: now, ...referredWords(received) },
          ),
        ]
      : [];
  return [
    declined,
    ...handedBack,
    ...clockFulfilled(received, 'initial-review', now),
    ...clockFulfilled(received, 'regulatory', now),
  ];
}

/**
 * What intake needs to answer the person as a consultation: who they are and how to reach them,
 * and what they said and asked, sealed for the complainant (subject = the complainant id) as on
 * the receipt. Nothing when the complainant was forgotten: nothing is sealed again.
 */
function referredWords(
  received: ComplaintFile,
): { personalData: { subjectId: string; fields: Record<string, unknown> } } | Record<string, never> {
  const complainant = received.complainant;
  if (!complainant || complainant.description === ERASED) return {};
  const { name, phone, email, description, request } = complainant;
  return {
    personalData: {
      subjectId: received.complainantId,
      fields: { name, phone, ...(email ? { email } : {}), description, request },
    },
  };
}
