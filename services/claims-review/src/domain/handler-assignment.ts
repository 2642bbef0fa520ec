import { DomainRuleViolation } from '@claims/event-sourcing';
import { AssignmentRule } from './review-rules';

export interface AssignmentFacts {
  readonly productLine: string;
  readonly estimatedLossMinor: number;
  /** Open cases per handler id (missing = none). */
  readonly workload: Readonly<Record<string, number>>;
}

export interface HandlerChoice {
  readonly handlerId: string;
  /** Which rule chose, and why: kept in the history. */
  readonly rule: string;
}

/** First matching rule, then the least-loaded handler of that rule (ties: first listed). */
export function chooseHandler(rules: readonly AssignmentRule[], facts: AssignmentFacts): HandlerChoice {
  const rule = rules.find((r) => matches(r, facts) && r.handlers.length > 0);
  if (!rule) {
    throw new DomainRuleViolation('no-assignment-rule', 'No assignment rule covers this claim', {
      productLine: facts.productLine,
      estimatedLossMinor: facts.estimatedLossMinor,
    });
  }
  const load = (h: string) => facts.workload[h] ?? 0;
  const handlerId = rule.handlers.reduce((best, h) => (load(h) < load(best) ? h : best));
  return { handlerId, rule: `${rule.name} (least open cases: ${load(handlerId)})` };
}

function matches(rule: AssignmentRule, facts: AssignmentFacts): boolean {
  const line = !rule.productLines || rule.productLines.some((p) => p === facts.productLine);
  const max =
    rule.maxEstimatedLossMinor === undefined || facts.estimatedLossMinor <= rule.maxEstimatedLossMinor;
  const min =
    rule.minEstimatedLossMinor === undefined || facts.estimatedLossMinor > rule.minEstimatedLossMinor;
  return line && max && min;
}
