import { DomainRuleViolation } from '@claims/event-sourcing';
import { PAUSABLE_CLOCKS } from '../complaint-rules';
import {
  Attachment,
  ComplaintEvent,
  ContactOutcome,
  ContactParty,
  EvidenceSource,
  ResponsibleParty,
  recordComplaint,
} from './complaint.events';
import { Complaint } from './complaint.state';
import { Acting, ComplaintTerms, clockFulfilled, handlersComplaintIn, requireText } from './complaint.guards';

export interface RecordContact extends Acting {
  readonly contactId: string;
  readonly party: ContactParty;
  readonly channel: string;
  readonly contactedAt: Date;
  readonly outcome: ContactOutcome;
  /** Internal note: never shown to the customer. */
  readonly note: string;
}

/** The handler records a contact: who, when, on which channel, with what outcome. */
export function recordContact(state: Complaint, command: RecordContact): ComplaintEvent[] {
  const complaint = handlersComplaintIn(
    state,
    command.actor,
    'record a contact',
    'investigating',
    'awaiting-customer',
  );
  const { contactId, party, channel, contactedAt, outcome, note, actor, now } = command;
  if (contactedAt.getTime() > now.getTime()) {
    throw new DomainRuleViolation('contact-in-future', 'A contact is recorded after it happened');
  }
  if (complaint.contacts.some((c) => c.contactId === contactId)) return []; // a retried request
  return [
    recordComplaint(
      'ContactRecorded',
      {
        complaintId: complaint.complaintId,
        contactId,
        party,
        channel,
        contactedAt: contactedAt.toISOString(),
        outcome,
        note,
        recordedBy: actor.id,
      },
      { occurredAt: now },
    ),
  ];
}

export interface AddEvidence extends Acting {
  readonly evidenceId: string;
  readonly source: EvidenceSource;
  readonly description: string;
  readonly attachment?: Attachment | null;
}

/** The handler adds evidence (the related claim's file, a recording, a statement…). */
export function addEvidence(state: Complaint, command: AddEvidence): ComplaintEvent[] {
  const complaint = handlersComplaintIn(state, command.actor, 'add evidence', 'investigating');
  const { evidenceId, source, description, actor, now } = command;
  requireText(description, 'description');
  if (complaint.evidence.some((e) => e.evidenceId === evidenceId)) return [];
  return [
    recordComplaint(
      'EvidenceAdded',
      {
        complaintId: complaint.complaintId,
        evidenceId,
        source,
        description,
        attachment: command.attachment ?? null,
        addedBy: actor.id,
        addedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

export interface CompleteInvestigation extends Acting {
  readonly causeAnalysis: string;
  readonly responsibleParty: ResponsibleParty;
  readonly policyClause?: string | null;
  readonly findings: string;
}

/**
 * The investigation concludes: cause, responsible party, the applicable policy clause. It needs
 * at least one contact with the complainant (or their agent) in this round. Its 3-working-day
 * clock is fulfilled (a re-evaluation has its own clock, fulfilled when its plan is told).
 */
export function completeInvestigation(state: Complaint, command: CompleteInvestigation): ComplaintEvent[] {
  const complaint = handlersComplaintIn(state, command.actor, 'complete the investigation', 'investigating');
  const { causeAnalysis, responsibleParty, findings, actor, now } = command;
  requireText(causeAnalysis, 'causeAnalysis');
  requireText(findings, 'findings');
  if (complaint.investigation?.round === complaint.round) {
    throw new DomainRuleViolation(
      'investigation-completed',
      'This round’s investigation is already complete',
    );
  }
  const spoke = complaint.contacts.some(
    (c) =>
      (c.party === 'complainant' || c.party === 'agent') &&
      c.outcome !== 'no-answer' &&
      c.recordedBy === actor.id,
  );
  if (!spoke) {
    throw new DomainRuleViolation(
      'no-contact-with-complainant',
      'Talk to the complainant (or their agent) before concluding',
    );
  }
  return [
    recordComplaint(
      'InvestigationCompleted',
      {
        complaintId: complaint.complaintId,
        round: complaint.round,
        causeAnalysis,
        responsibleParty,
        policyClause: command.policyClause ?? null,
        findings,
        completedBy: actor.id,
        completedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
    ...clockFulfilled(complaint, 'investigation', now),
  ];
}

export type PauseForCustomer = Acting;

/** The insurer waits on the customer (material, a call-back): the internal clocks stop. */
export function pauseForCustomer(state: Complaint, command: PauseForCustomer): ComplaintEvent[] {
  const complaint = handlersComplaintIn(state, command.actor, 'wait on the customer', 'investigating');
  const running = Object.values(complaint.clocks).filter(
    (c) => c.state === 'running' && PAUSABLE_CLOCKS.includes(c.clock),
  );
  if (!running.length) throw new DomainRuleViolation('no-running-clock', 'No internal clock is running');
  const pausedAt = command.now.toISOString();
  return running.map((c) =>
    recordComplaint(
      'ClockPaused',
      { complaintId: complaint.complaintId, clock: c.clock, reason: 'awaiting-customer', pausedAt },
      { occurredAt: command.now },
    ),
  );
}

/** The customer answered: the paused clocks run again, due later by the working days they waited. */
export function resumeAfterCustomer(
  state: Complaint,
  command: Acting,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const complaint = handlersComplaintIn(state, command.actor, 'resume the clocks', 'investigating');
  const paused = Object.values(complaint.clocks).filter((c) => c.state === 'paused');
  if (!paused.length) throw new DomainRuleViolation('no-paused-clock', 'No clock is paused');
  const { now } = command;
  return paused.map((c) => {
    const pauses = [...c.pauses, { from: c.pausedSince ?? c.startedAt, to: now.toISOString() }].map((p) => ({
      from: new Date(p.from),
      to: new Date(p.to),
    }));
    const dueAt = terms.timetable.dueAt(new Date(c.startedAt), c.limit, pauses).toISOString();
    return recordComplaint(
      'ClockResumed',
      { complaintId: complaint.complaintId, clock: c.clock, resumedAt: now.toISOString(), dueAt },
      { occurredAt: now },
    );
  });
}
