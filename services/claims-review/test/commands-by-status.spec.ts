import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import fc from 'fast-check';
import { acceptClaim, reassignHandler } from '../src/domain/review-case/acceptance';
import {
  approveDecision,
  proposeApproval,
  proposeDenial,
  sendBackDecision,
} from '../src/domain/review-case/adjudication';
import { closeCase, reopenCase, reopenCaseForComplaint } from '../src/domain/review-case/closure';
import {
  assessLoss,
  completeInvestigation,
  flagSuspicion,
  openInvestigation,
} from '../src/domain/review-case/investigation';
import {
  receiveSupplementaryDocuments,
  requestSupplementaryDocuments,
  reviewDocuments,
} from '../src/domain/review-case/material-review';
import { confirmPayment, instructPayment } from '../src/domain/review-case/payment';
import { reviewCaseDecider } from '../src/domain/review-case/review-case.decider';
import { ReviewCaseEvent } from '../src/domain/review-case/review-case.events';
import { CASE_STATUSES, ReviewCase } from '../src/domain/review-case/review-case.state';
import { checkTimeLimit } from '../src/domain/review-case/time-limits';
import {
  acceptor,
  approver1,
  approver2,
  cny,
  explain,
  handler,
  historyOf,
  investigator,
  manager,
  monday,
  opened,
  otherHandler,
  proposedApproval,
  readyCase,
  rules,
  spec,
  terms,
  timetable,
} from './review-case-histories';

/** A history that leaves a case in each status (and none), built through the decide functions. */
const histories: Record<(typeof CASE_STATUSES)[number] | 'none', () => ReviewCaseEvent[]> = {
  none: () => [],
  'awaiting-acceptance': () => historyOf(opened()),
  'in-review': () => readyCase(),
  'awaiting-documents': () =>
    historyOf(
      () => readyCase(),
      (s) =>
        requestSupplementaryDocuments(
          s,
          { actor: handler, now: monday, items: [{ documentKind: 'repair-estimate', reason: 'Sign it' }] },
          timetable,
        ),
    ),
  'under-investigation': () =>
    historyOf(
      () => readyCase(),
      (s) =>
        openInvestigation(
          s,
          { actor: handler, now: monday, investigatorId: investigator.id, mode: 'remote', instructions: 'x' },
          timetable,
        ),
    ),
  'awaiting-approval': () => historyOf(() => readyCase(6_000_000), proposedApproval()),
  approved: () => historyOf(() => readyCase(), proposedApproval()),
  denied: () =>
    historyOf(
      () => readyCase(),
      (s) => proposeDenial(s, { actor: handler, now: monday, reasonCodes: ['exclusion'], ...explain }, terms),
    ),
  'payment-instructed': () => historyOf(() => histories.approved(), pay),
  paid: () => historyOf(() => histories['payment-instructed'](), confirm),
  closed: () =>
    historyOf(
      () => histories.paid(),
      (s) => closeCase(s, { actor: handler, now: monday, summary: 'done' }),
    ),
};

function pay(s: ReviewCase) {
  return instructPayment(s, { actor: handler, now: monday, method: 'bank-transfer' }, timetable);
}
function confirm(s: ReviewCase) {
  return confirmPayment(
    s,
    { actor: handler, now: monday, reference: 'TX1', paidOn: '2025-06-09', amount: cny(720_000) },
    timetable,
  );
}

type Command = (state: ReviewCase, actor: Actor, now: Date) => readonly ReviewCaseEvent[];

/** Every decision a case can be asked to take, with a plausible command, as the given actor. */
const COMMANDS: Record<string, Command> = {
  accept: (s, actor, now) =>
    acceptClaim(s, { actor, now, assignment: rules.assignment, workload: {} }, timetable),
  reassign: (s, actor, now) =>
    reassignHandler(s, { actor, now, handlerId: otherHandler.id, reason: 'cover' }),
  reviewDocuments: (s, actor, now) =>
    reviewDocuments(s, {
      actor,
      now,
      findings: [{ documentId: 'doc-1', authentic: true, complete: true, compliant: true }],
    }),
  requestDocuments: (s, actor, now) =>
    requestSupplementaryDocuments(
      s,
      { actor, now, items: [{ documentKind: 'photos', reason: 'x' }] },
      timetable,
    ),
  receiveDocuments: (s, _actor, now) =>
    receiveSupplementaryDocuments(s, { round: 1, documents: [], now }, timetable),
  flagSuspicion: (s, actor, now) => flagSuspicion(s, { actor, now, suspicion: 'fraud', reason: 'x' }),
  openInvestigation: (s, actor, now) =>
    openInvestigation(
      s,
      { actor, now, investigatorId: investigator.id, mode: 'on-site', instructions: 'x' },
      timetable,
    ),
  completeInvestigation: (s, actor, now) =>
    completeInvestigation(s, { actor, now, findings: 'x', confirmed: [], cleared: ['fraud'] }, timetable),
  assessLoss: (s, actor, now) =>
    assessLoss(s, {
      actor,
      now,
      assessedLoss: cny(1_000_000),
      breakdown: [{ item: 'x', amount: cny(1_000_000) }],
      method: 'remote',
    }),
  proposeApproval: (s, actor, now) =>
    proposeApproval(s, { actor, now, paidOnPolicyBefore: cny(0), ...explain }, terms),
  proposeDenial: (s, actor, now) =>
    proposeDenial(s, { actor, now, reasonCodes: ['fraud'], ...explain }, terms),
  approve: (s, actor, now) => approveDecision(s, { actor, now, comment: 'ok' }, terms),
  sendBack: (s, actor, now) => sendBackDecision(s, { actor, now, comment: 'again' }, terms),
  instructPayment: (s, actor, now) => instructPayment(s, { actor, now, method: 'cheque' }, timetable),
  confirmPayment: (s, actor, now) =>
    confirmPayment(s, { actor, now, reference: 'TX', paidOn: '2025-06-09', amount: cny(720_000) }, timetable),
  close: (s, actor, now) => closeCase(s, { actor, now, summary: 'done' }),
  reopen: (s, actor, now) => reopenCase(s, { actor, now, reason: 'new facts' }, timetable),
  reexamine: (s, actor, now) =>
    reopenCaseForComplaint(
      s,
      {
        actor,
        now,
        complaint: { complaintId: 'c-1', complaintNumber: 'CMP-2025-000001', reason: 'upheld' },
      },
      timetable,
    ),
  checkTimeLimit: (s, _actor, now) => checkTimeLimit(s, { now }, timetable),
};

const ACTORS = [handler, otherHandler, acceptor, investigator, approver1, approver2, manager];

/**
 * Every command in every status, by every kind of actor, at any time: a decision either records
 * events that fold without error, or refuses with a DomainRuleViolation (a 422 with its code):
 * never another error, which the API would answer 500.
 */
describe('every command in every status', () => {
  const statuses = Object.keys(histories) as (keyof typeof histories)[];
  const built = Object.fromEntries(statuses.map((s) => [s, histories[s]()])) as Record<
    (typeof statuses)[number],
    ReviewCaseEvent[]
  >;

  it('builds a case in every status', () => {
    for (const status of statuses) expect(spec.given(built[status]).state.status).toBe(status);
  });

  it('decides or refuses with a rule, never fails otherwise', () => {
    const outcomes: Record<string, Set<string>> = {};
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.constantFrom(...Object.keys(COMMANDS)),
        fc.constantFrom(...ACTORS),
        fc.integer({ min: 0, max: 60 * 24 * 40 }),
        (status, command, actor, minutesLater) => {
          const state = spec.given(built[status]).state;
          const now = new Date(monday.getTime() + minutesLater * 60_000);
          let outcome: string;
          try {
            const events = COMMANDS[command](state, actor, now);
            events.reduce(reviewCaseDecider.evolve, state);
            outcome = events.length ? events.map((e) => e.type).join('+') : 'nothing';
          } catch (error) {
            if (!(error instanceof DomainRuleViolation)) throw error;
            expect(error.code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
            outcome = `refused: ${error.code}`;
          }
          (outcomes[`${command} in ${status}`] ??= new Set()).add(outcome);
        },
      ),
      { numRuns: 3000, seed: 20250609 },
    );
    // each pair was tried, and a closed case refuses every change but the reopenings (a manager's, an upheld complaint's)
    expect(Object.keys(outcomes).length).toBe(statuses.length * Object.keys(COMMANDS).length);
    for (const command of Object.keys(COMMANDS).filter(
      (c) => !['reopen', 'reexamine', 'checkTimeLimit'].includes(c),
    )) {
      const closed = [...(outcomes[`${command} in closed`] ?? [])];
      expect({ command, closed: closed.filter((o) => !o.startsWith('refused') && o !== 'nothing') }).toEqual({
        command,
        closed: [],
      });
    }
  });

  it.each(Object.keys(COMMANDS))('%s: every status, every actor', (command) => {
    for (const status of statuses) {
      for (const actor of ACTORS) {
        const state = spec.given(built[status]).state;
        try {
          COMMANDS[command](state, actor, monday).reduce(reviewCaseDecider.evolve, state);
        } catch (error) {
          if (!(error instanceof DomainRuleViolation)) {
            throw new Error(`${command} in ${status} as ${actor.id}: ${String(error)}`, { cause: error });
          }
        }
      }
    }
  });
});
