import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import { ComplaintRules } from '../complaint-rules';
import { Money, assertValidMoney } from '../money';
import { ComplaintEvent, ComplaintOutcome, Remedy, recordComplaint } from './complaint.events';
import { AwaitingApproval, Complaint, Plan } from './complaint.state';
import {
  Acting,
  ComplaintTerms,
  MANAGER_ROLE,
  clockFulfilled,
  complaintIn,
  handlersComplaintIn,
  requireText,
} from './complaint.guards';

export interface ProposePlan extends Acting {
  readonly outcome: ComplaintOutcome;
  readonly summary: string;
  readonly nextSteps: string;
  readonly remedies: readonly Remedy[];
}

/**
 * The handler proposes the resolution plan. Within the handler's authority, and for a complaint
 * that is not major, it is adopted at once; otherwise it goes to the approval level the remedies'
 * total needs (a major complaint: to a manager, the top level).
 */
export function proposePlan(state: Complaint, command: ProposePlan, terms: ComplaintTerms): ComplaintEvent[] {
  const complaint = handlersComplaintIn(state, command.actor, 'propose a plan', 'investigating');
  if (complaint.investigation?.round !== complaint.round) {
    throw new DomainRuleViolation('investigation-open', 'Complete the investigation before proposing a plan');
  }
  const { outcome, summary, nextSteps, remedies, actor, now } = command;
  requireText(summary, 'summary');
  const { rules } = terms;
  const remedyTotal = totalOf(remedies, rules);
  if (outcome === 'not-upheld' && remedyTotal.amountMinor > 0) {
    throw new DomainRuleViolation('remedy-without-upholding', 'A complaint not upheld offers no payment');
  }
  if (remedies.some((r) => r.kind === 're-examine-claim') && !complaint.relatedClaimNumbers.length) {
    throw new DomainRuleViolation(
      'no-related-claim',
      'Only a complaint about a claim can ask for its re-examination',
    );
  }
  const because: ('beyond-authority' | 'major-complaint')[] = [];
  if (remedyTotal.amountMinor > rules.authority.handlerLimitMinor) because.push('beyond-authority');
  if (complaint.risk.major) because.push('major-complaint');
  const requiredLevel = because.includes('major-complaint')
    ? topLevel(rules)
    : because.length
      ? levelFor(remedyTotal.amountMinor, rules)
      : 0;
  const at = now.toISOString();
  const { complaintId, round } = complaint;
  const proposed = recordComplaint(
    'ResolutionPlanProposed',
    {
      complaintId,
      round,
      outcome,
      summary,
      nextSteps,
      remedies: [...remedies],
      remedyTotal,
      requiredLevel,
      proposedBy: actor.id,
      proposedAt: at,
    },
    { occurredAt: now },
  );
  if (requiredLevel === 0) {
    const adopted = {
      complaintId,
      round,
      proposedBy: actor.id,
      decidedBy: actor.id,
      decidedAs: 'handler' as const,
      approvalLevel: 0,
      adoptedAt: at,
    };
    return [proposed, recordComplaint('ResolutionPlanAdopted', adopted, { occurredAt: now })];
  }
  return [
    proposed,
    recordComplaint(
      'ResolutionPlanReferredForApproval',
      { complaintId, level: requiredLevel, because, referredAt: at },
      { occurredAt: now },
    ),
  ];
}

export interface ApprovePlan extends Acting {
  /** Staff with a hand in a related claim (the same facts as the assignment's recusal). */
  readonly conflictedStaffIds: readonly string[];
}

/** Four eyes: a manager or approver of the required level, not the proposer, not conflicted. */
export function approvePlan(state: Complaint, command: ApprovePlan, terms: ComplaintTerms): ComplaintEvent[] {
  const complaint = complaintIn(state, 'approve the plan', 'awaiting-approval');
  const { actor, now } = command;
  checkApprover(complaint, actor, command.conflictedStaffIds, terms.rules);
  const { complaintId, plan } = complaint;
  return [
    recordComplaint(
      'ResolutionPlanAdopted',
      {
        complaintId,
        round: plan.round,
        proposedBy: plan.proposedBy,
        decidedBy: actor.id,
        decidedAs: 'approver',
        approvalLevel: levelOf(actor, terms.rules),
        adoptedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}

export interface SendBackPlan extends Acting {
  readonly comment: string;
}

/** The approver sends the plan back to the handler, with why. */
export function sendBackPlan(
  state: Complaint,
  command: SendBackPlan,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const complaint = complaintIn(state, 'send the plan back', 'awaiting-approval');
  const { actor, now, comment } = command;
  requireText(comment, 'comment');
  checkApprover(complaint, actor, [], terms.rules);
  return [
    recordComplaint(
      'ResolutionPlanSentBack',
      { complaintId: complaint.complaintId, sentBackBy: actor.id, comment, sentBackAt: now.toISOString() },
      { occurredAt: now },
    ),
  ];
}

export interface CommunicateResolution extends Acting {
  /** How the customer is told (their feedback channel: sms, letter, phone…). */
  readonly channel: string;
}

/**
 * The adopted plan is told to the customer, with the remedies open to them if not satisfied. The
 * round's clock (resolution, or re-evaluation) and the regulatory limit are fulfilled. A plan that
 * asks for a claim's re-examination asks claims review for each related claim.
 */
export function communicateResolution(
  state: Complaint,
  command: CommunicateResolution,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const complaint = handlersComplaintIn(state, command.actor, 'tell the customer the plan', 'plan-adopted');
  const { actor, now, channel } = command;
  const { complaintId, complaintNumber, customerId, round, plan } = complaint;
  const at = now.toISOString();
  const told = recordComplaint(
    'ResolutionCommunicated',
    {
      complaintId,
      complaintNumber,
      customerId,
      round,
      outcome: plan.outcome,
      summary: plan.summary,
      nextSteps: plan.nextSteps,
      remedies: [...plan.remedies],
      externalRemedies: [...terms.rules.externalRemedies],
      channel,
      communicatedBy: actor.id,
      communicatedAt: at,
    },
    { occurredAt: now },
  );
  const reexamine =
    plan.outcome !== 'not-upheld' && plan.remedies.some((r) => r.kind === 're-examine-claim')
      ? complaint.relatedClaimNumbers.map((claimNumber) =>
          recordComplaint(
            'ClaimReexaminationRequested',
            {
              complaintId,
              complaintNumber,
              claimNumber,
              reason: `Complaint ${complaintNumber} upheld: ${plan.summary}`,
              requestedAt: at,
            },
            { occurredAt: now },
          ),
        )
      : [];
  return [
    told,
    ...reexamine,
    ...clockFulfilled(complaint, round === 1 ? 'resolution' : 're-evaluation', now),
    ...clockFulfilled(complaint, 'regulatory', now),
  ];
}

function checkApprover(
  complaint: AwaitingApproval,
  actor: Actor,
  conflicted: readonly string[],
  rules: ComplaintRules,
): void {
  const { plan } = complaint;
  if (actor.id === plan.proposedBy || actor.id === complaint.handlerId) {
    throw new DomainRuleViolation('four-eyes', 'The plan is approved by someone other than who proposed it', {
      proposedBy: plan.proposedBy,
    });
  }
  if (conflicted.includes(actor.id)) {
    throw new DomainRuleViolation(
      'approver-conflicted',
      'The approver had a hand in a related claim and must recuse',
      {
        approverId: actor.id,
      },
    );
  }
  const level = levelOf(actor, rules);
  if (level < plan.requiredLevel) {
    throw new DomainRuleViolation('insufficient-authority', 'This plan needs a higher approval level', {
      requiredLevel: plan.requiredLevel,
      level,
    });
  }
}

/** An approver signs level 1 unless the rules name a higher level for them. */
const APPROVER_ROLE = 'approver';

function levelOf(actor: Actor, rules: ComplaintRules): number {
  if (actor.role === MANAGER_ROLE) return topLevel(rules);
  return rules.authority.approverLevels[actor.id] ?? (actor.role === APPROVER_ROLE ? 1 : 0);
}

function topLevel(rules: ComplaintRules): number {
  return Math.max(1, ...rules.authority.approvalLevels.map((l) => l.level));
}

function levelFor(amountMinor: number, rules: ComplaintRules): number {
  const levels = [...rules.authority.approvalLevels].sort((a, b) => a.level - b.level);
  const fitting = levels.find((l) => l.limitMinor === null || amountMinor <= l.limitMinor);
  if (!fitting)
    throw new DomainRuleViolation('no-authority', 'No approval level may sign this amount', { amountMinor });
  return fitting.level;
}

function totalOf(remedies: readonly Remedy[], rules: ComplaintRules): Money {
  let amountMinor = 0;
  for (const remedy of remedies) {
    requireText(remedy.description, 'remedy.description');
    if ((remedy.kind === 'payment' || remedy.kind === 'fee-refund') !== (remedy.amount !== null)) {
      throw new DomainRuleViolation(
        'remedy-amount',
        'Payments and fee refunds carry an amount; other remedies none',
        {
          kind: remedy.kind,
        },
      );
    }
    if (remedy.amount) {
      assertValidMoney(remedy.amount, rules.currency, 'A remedy');
      amountMinor += remedy.amount.amountMinor;
    }
  }
  if (!Number.isSafeInteger(amountMinor))
    throw new DomainRuleViolation('invalid-amount', 'The remedies total too much');
  return { amountMinor, currency: rules.currency };
}

export type { Plan };
