import { DomainRuleViolation } from '@claims/event-sourcing';
import { ClaimsReviewRules } from './review-rules';

/** Who signs a decision: level 0 is the handler alone, 1.. are approver levels. */
export class ApprovalAuthority {
  constructor(private readonly rules: ClaimsReviewRules['authority']) {}

  /** The lowest level allowed to sign a decision about this amount (minor units). */
  requiredLevel(amountMinor: number): number {
    if (amountMinor <= this.rules.handlerLimitMinor) return 0;
    const levels = [...this.rules.approvalLevels].sort((a, b) => a.level - b.level);
    const fitting = levels.find((l) => l.limitMinor === null || amountMinor <= l.limitMinor);
    if (!fitting)
      throw new DomainRuleViolation('no-authority', 'No approval level may sign this amount', {
        amountMinor,
      });
    return fitting.level;
  }

  /** The approval level of a staff member acting in `role`. */
  levelOf(userId: string, role: string): number {
    if (role === 'manager') return this.topLevel();
    if (role === 'approver') return this.rules.approverLevels[userId] ?? 1;
    return 0;
  }

  topLevel(): number {
    return Math.max(0, ...this.rules.approvalLevels.map((l) => l.level));
  }
}
