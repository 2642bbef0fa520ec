import { DomainRuleViolation } from '@claims/event-sourcing';
import { archiveComplaint, closeComplaint } from '../../src/domain/complaint/closure';
import { checkClocks, extendRegulatoryLimit } from '../../src/domain/complaint/clocks';
import { ComplaintEvent } from '../../src/domain/complaint/complaint.events';
import { Complaint } from '../../src/domain/complaint/complaint.state';
import { declineComplaint } from '../../src/domain/complaint/initial-review';
import { addEvidence, pauseForCustomer, resumeAfterCustomer } from '../../src/domain/complaint/investigation';
import { decideMaliciousFlag, proposeMaliciousFlag } from '../../src/domain/complaint/malicious-flag';
import { sendBackPlan } from '../../src/domain/complaint/resolution';
import { withdrawComplaint } from '../../src/domain/complaint/withdrawal';
import {
  Decision,
  accepted,
  answeredComplaint,
  approved,
  assigned,
  communicated,
  contacted,
  dissatisfied,
  handler,
  historyOf,
  intakeAgent,
  investigated,
  investigatedComplaint,
  manager,
  otherManager,
  payment,
  proposed,
  received,
  satisfied,
  spec,
  terms,
  thursday,
} from './complaint-histories';

const closure = {
  rootCause: 'staff-error',
  rootCauseDetail: 'x',
  correctiveAction: { description: 'x', ownerId: 'o', dueDate: '2025-12-31' },
};

/** Every decision a caller may ask for, as anyone might ask it. */
const DECISIONS: Record<string, Decision> = {
  receive: received(),
  accept: accepted(),
  decline: (s) =>
    declineComplaint(s, { actor: intakeAgent, now: thursday, reason: 'outside-scope', explanation: 'x' }),
  assign: assigned(),
  contact: contacted(),
  evidence: (s) =>
    addEvidence(s, {
      actor: handler,
      now: thursday,
      evidenceId: 'e',
      source: 'claim-file',
      description: 'x',
    }),
  pause: (s) => pauseForCustomer(s, { actor: handler, now: thursday }),
  resume: (s) => resumeAfterCustomer(s, { actor: handler, now: thursday }, terms),
  investigate: investigated(),
  propose: proposed(handler, [payment(300_000)]),
  approve: approved(),
  sendBack: (s) => sendBackPlan(s, { actor: manager, now: thursday, comment: 'x' }, terms),
  communicate: communicated(),
  satisfied: satisfied(),
  dissatisfied: dissatisfied(),
  withdraw: (s) => withdrawComplaint(s, { actor: intakeAgent, now: thursday, reason: 'x' }),
  flag: (s) => proposeMaliciousFlag(s, { actor: handler, now: thursday, reason: 'x', evidence: ['e'] }),
  decideFlag: (s) =>
    decideMaliciousFlag(s, { actor: otherManager, now: thursday, approve: true, comment: 'x' }),
  close: (s) => closeComplaint(s, { ...closure, actor: handler, now: thursday }, terms),
  archive: (s) => archiveComplaint(s, { actor: manager, now: thursday }),
  checkClocks: (s) => checkClocks(s, { now: thursday }, terms),
  extend: (s) =>
    extendRegulatoryLimit(s, { actor: handler, now: thursday, reason: 'x', customerToldVia: 'sms' }, terms),
};

/** A history leading to each status. */
const HISTORIES: Record<string, () => ComplaintEvent[]> = {
  none: () => [],
  received: () => historyOf(received()),
  declined: () => historyOf(received(), DECISIONS['decline']),
  'awaiting-assignment': () => historyOf(received(), accepted()),
  investigating: () => historyOf(received(), accepted(), assigned()),
  'investigating (paused)': () => historyOf(received(), accepted(), assigned(), DECISIONS['pause']),
  'awaiting-approval': () => historyOf(() => investigatedComplaint(), proposed(handler, [payment(300_000)])),
  'plan-adopted': () => historyOf(() => investigatedComplaint(), proposed()),
  'awaiting-customer': () => answeredComplaint(),
  're-evaluation': () => historyOf(() => answeredComplaint(), dissatisfied()),
  resolved: () => historyOf(() => answeredComplaint(), satisfied()),
  withdrawn: () => historyOf(received(), DECISIONS['withdraw']),
  closed: () => historyOf(() => answeredComplaint(), satisfied(), DECISIONS['close']),
  archived: () => historyOf(() => answeredComplaint(), satisfied(), DECISIONS['close'], DECISIONS['archive']),
  'flagged malicious': () =>
    historyOf(received(), accepted(), assigned(), DECISIONS['flag'], DECISIONS['decideFlag']),
};

describe('every decision in every status', () => {
  for (const [status, history] of Object.entries(HISTORIES)) {
    it(`decides or refuses with a rule when the complaint is ${status}`, () => {
      const state: Complaint = spec.given(history()).state;
      for (const [name, decide] of Object.entries(DECISIONS)) {
        try {
          const events = decide(state);
          // what it decided folds without error, and the history stays a complaint
          expect(spec.given([...history(), ...events]).state.status).toBeDefined();
        } catch (error) {
          if (!(error instanceof DomainRuleViolation)) {
            throw new Error(`${name} on ${status}: ${(error as Error).message}`, { cause: error });
          }
          expect(error.code).toMatch(/^[a-z-]+$/);
        }
      }
    });
  }
});
