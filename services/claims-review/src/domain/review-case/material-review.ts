import { DomainRuleViolation } from '@claims/event-sourcing';
import { Pause } from '@claims/working-calendar';
import { SubmittedDocument } from '../claim-facts';
import { StepTimetable } from '../step-timetable';
import { DocumentFinding, ReviewCaseEvent, recordReviewCase } from './review-case.events';
import { Acting, handlersCaseIn } from './review-case.guards';
import { ReviewCase } from './review-case.state';

/** The handler's findings on documents on file: authentic, complete, compliant with the policy. */
export function reviewDocuments(
  state: ReviewCase,
  command: Acting & { readonly findings: readonly DocumentFinding[] },
): ReviewCaseEvent[] {
  const reviewed = handlersCaseIn(state, 'in-review', command.actor);
  const { findings, actor, now } = command;
  const onFile = new Set(reviewed.documents.map((d) => d.documentId));
  const unknown = findings.filter((f) => !onFile.has(f.documentId)).map((f) => f.documentId);
  if (unknown.length) {
    throw new DomainRuleViolation('unknown-documents', 'Findings name documents not on file', {
      documents: unknown,
    });
  }
  if (!findings.length)
    throw new DomainRuleViolation('no-findings', 'Record a finding for at least one document');
  const data = {
    claimId: reviewed.claimId,
    findings: [...findings],
    reviewedBy: actor.id,
    reviewedAt: now.toISOString(),
  };
  return [recordReviewCase('DocumentsReviewed', data, { occurredAt: now })];
}

export interface RequestSupplementaryDocuments extends Acting {
  readonly items: readonly { readonly documentKind: string; readonly reason: string }[];
}

/**
 * The customer is told exactly what to supply (a new round); the step's clock stops until the
 * documents arrive, and the customer's own time limit starts.
 */
export function requestSupplementaryDocuments(
  state: ReviewCase,
  command: RequestSupplementaryDocuments,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const reviewed = handlersCaseIn(state, 'in-review', command.actor);
  const { items, now } = command;
  if (!items.length)
    throw new DomainRuleViolation('no-items', 'Name at least one document to supply, with its reason');
  const { claimId, claim } = reviewed;
  const at = now.toISOString();
  const round = reviewed.supplementaryRounds + 1;
  const customerRespondBy = timetable.dueAt('customer-documents', now).toISOString();
  const step = reviewed.step?.name ?? 'review';
  const reason = 'awaiting-customer-documents';
  return [
    recordReviewCase(
      'SupplementaryDocumentsRequested',
      {
        claimId,
        claimNumber: claim.claimNumber,
        round,
        items: items.map((i) => ({ ...i })),
        requestedAt: at,
      },
      { occurredAt: now },
    ),
    recordReviewCase(
      'StepClockPaused',
      { claimId, step, pausedAt: at, reason, customerRespondBy },
      { occurredAt: now },
    ),
  ];
}

export interface ReceiveSupplementaryDocuments {
  readonly round: number;
  readonly documents: readonly SubmittedDocument[];
  readonly now: Date;
}

/**
 * Intake passes on what the customer supplied: the case is back in review and the step's due
 * time moves by the customer's waiting time. A late or repeated delivery changes nothing.
 */
export function receiveSupplementaryDocuments(
  state: ReviewCase,
  command: ReceiveSupplementaryDocuments,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  if (state.status !== 'awaiting-documents') return [];
  const { round, documents, now } = command;
  if (round !== state.supplementaryRounds) {
    throw new DomainRuleViolation(
      'wrong-round',
      `Documents for round ${round} arrived, but round ${state.supplementaryRounds} is open`,
    );
  }
  const { claimId } = state;
  const at = now.toISOString();
  const received = recordReviewCase(
    'SupplementaryDocumentsReceived',
    { claimId, round, documents: [...documents], receivedAt: at },
    { occurredAt: now },
  );
  const step = state.step;
  if (!step) return [received];
  const pausedSince = step.clock === 'paused' ? new Date(step.pausedSince) : now;
  const pauses: Pause[] = [
    ...step.pauses.map((p) => ({ from: new Date(p.from), to: new Date(p.to) })),
    { from: pausedSince, to: now },
  ];
  const dueAt = timetable.dueAt(step.name, new Date(step.startedAt), pauses).toISOString();
  return [
    received,
    recordReviewCase(
      'StepClockResumed',
      { claimId, step: step.name, resumedAt: at, dueAt },
      { occurredAt: now },
    ),
  ];
}
