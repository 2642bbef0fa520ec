import { DomainRuleViolation } from '@claims/event-sourcing';
import { Money, assertSameCurrency, assertValidMoney } from '../money';
import { StepTimetable } from '../step-timetable';
import {
  AssessmentMethod,
  InvestigationMode,
  LossItem,
  ReviewCaseEvent,
  Suspicion,
  recordReviewCase,
} from './review-case.events';
import { Acting, caseIn, handlersCaseIn, openedCase, stepStarted } from './review-case.guards';
import { ReviewCase } from './review-case.state';

export interface FlagSuspicion extends Acting {
  readonly suspicion: Suspicion;
  readonly reason: string;
}

/** Suspected misrepresentation (告知不实) or fraud (欺诈): it must be investigated before any approval. */
export function flagSuspicion(state: ReviewCase, command: FlagSuspicion): ReviewCaseEvent[] {
  const flagged = openedCase(state);
  if (flagged.status === 'closed') throw new DomainRuleViolation('case-closed', 'The case is closed');
  if (flagged.status === 'awaiting-acceptance')
    throw new DomainRuleViolation('not-accepted', 'Accept the claim first');
  const { suspicion, reason, actor, now } = command;
  const data = {
    claimId: flagged.claimId,
    suspicion,
    reason,
    flaggedBy: actor.id,
    flaggedAt: now.toISOString(),
  };
  return [recordReviewCase('SuspicionFlagged', data, { occurredAt: now })];
}

export interface OpenInvestigation extends Acting {
  readonly investigatorId: string;
  readonly mode: InvestigationMode;
  readonly instructions: string;
}

/** 查勘: remote, on-site or by an expert panel, by an investigator who is not the handler. */
export function openInvestigation(
  state: ReviewCase,
  command: OpenInvestigation,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const reviewed = handlersCaseIn(state, 'in-review', command.actor);
  const { investigatorId, mode, instructions, actor, now } = command;
  if (investigatorId === actor.id) {
    throw new DomainRuleViolation('investigator-is-handler', 'The handler cannot investigate their own case');
  }
  const { claimId } = reviewed;
  const data = { claimId, investigatorId, mode, instructions, openedAt: now.toISOString() };
  return [
    recordReviewCase('InvestigationOpened', data, { occurredAt: now }),
    stepStarted(claimId, 'investigation', now, timetable),
  ];
}

export interface CompleteInvestigation extends Acting {
  readonly findings: string;
  readonly confirmed: readonly Suspicion[];
  readonly cleared: readonly Suspicion[];
}

/** The assigned investigator records the findings, confirming or clearing each suspicion; review resumes. */
export function completeInvestigation(
  state: ReviewCase,
  command: CompleteInvestigation,
  timetable: StepTimetable,
): ReviewCaseEvent[] {
  const investigated = caseIn(state, 'under-investigation', 'record investigation findings');
  const { findings, confirmed, cleared, actor, now } = command;
  if (investigated.investigation.investigatorId !== actor.id) {
    throw new DomainRuleViolation(
      'not-assigned-investigator',
      'Only the assigned investigator may record the findings',
    );
  }
  const both = confirmed.filter((s) => cleared.includes(s));
  if (both.length) {
    throw new DomainRuleViolation(
      'contradictory-findings',
      'A suspicion cannot be both confirmed and cleared',
      {
        suspicions: both,
      },
    );
  }
  const { claimId } = investigated;
  const data = {
    claimId,
    investigatorId: actor.id,
    findings,
    confirmedSuspicions: [...confirmed],
    clearedSuspicions: [...cleared],
    completedAt: now.toISOString(),
  };
  return [
    recordReviewCase('InvestigationCompleted', data, { occurredAt: now }),
    stepStarted(claimId, 'review', now, timetable),
  ];
}

export interface AssessLoss extends Acting {
  readonly assessedLoss: Money;
  readonly breakdown: readonly LossItem[];
  readonly method: AssessmentMethod;
}

/**
 * 定损: the assessed loss in the policy's currency, itemised: its breakdown (at least one line, each
 * in the same currency) adds up to it.
 */
export function assessLoss(state: ReviewCase, command: AssessLoss): ReviewCaseEvent[] {
  const reviewed = handlersCaseIn(state, 'in-review', command.actor);
  const { assessedLoss, breakdown, method, actor, now } = command;
  assertValidMoney(assessedLoss, 'The assessed loss');
  const policyCurrency = reviewed.claim.policy.sumInsured.currency;
  if (assessedLoss.currency !== policyCurrency) {
    throw new DomainRuleViolation(
      'currency-not-policy',
      `The loss must be assessed in the policy's currency, ${policyCurrency}`,
      { policyCurrency, assessedCurrency: assessedLoss.currency },
    );
  }
  if (!breakdown.length) {
    throw new DomainRuleViolation('breakdown-required', 'Itemise the assessed loss: at least one line');
  }
  breakdown.forEach((line) => assertValidMoney(line.amount, `The amount of ${line.item}`));
  breakdown.forEach((line) => assertSameCurrency({ assessedLoss, [line.item]: line.amount }));
  const total = breakdown.reduce((sum, line) => sum + line.amount.amountMinor, 0);
  if (total !== assessedLoss.amountMinor) {
    throw new DomainRuleViolation(
      'breakdown-mismatch',
      'The breakdown does not add up to the assessed loss',
      {
        breakdownTotalMinor: total,
      },
    );
  }
  const data = {
    claimId: reviewed.claimId,
    assessedLoss,
    breakdown: [...breakdown],
    method,
    assessedBy: actor.id,
    assessedAt: now.toISOString(),
  };
  return [recordReviewCase('LossAssessed', data, { occurredAt: now })];
}
