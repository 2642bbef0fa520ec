import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, WrongExpectedRevisionError } from '@claims/event-sourcing';
import { READ_MODEL_DB } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { DataSource, IsNull, Not } from 'typeorm';
import { ReviewCaseDependencies } from '../../domain/review-case';
import { ReviewCaseView } from '../../infrastructure/read-models';
import { REVIEW_CASE_DEPENDENCIES, ReviewCases } from '../../infrastructure/review-cases';

export interface TimeLimitCheckResult {
  readonly atRisk: string[];
  readonly overdue: string[];
}

/**
 * The periodic time-limit check: every open case whose current step is at risk or overdue by the
 * Clock records it (once per step). Triggered by a timer in production and directly in tests.
 */
@Injectable()
export class TimeLimitCheck {
  constructor(
    private readonly cases: ReviewCases,
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REVIEW_CASE_DEPENDENCIES) private readonly deps: ReviewCaseDependencies,
  ) {}

  async execute(): Promise<TimeLimitCheckResult> {
    const now = this.clock.now();
    const running = await this.db.getRepository(ReviewCaseView).findBy({ stepDueAt: Not(IsNull()) });
    const due = running.filter((v) => this.deps.timetable.standing(new Date(v.stepDueAt as string), now) !== 'on-time');
    const result: TimeLimitCheckResult = { atRisk: [], overdue: [] };
    const context: CommandContext = { actor: { id: 'claims-review.time-limit-check', role: 'system' }, correlationId: randomUUID(), causationId: null };
    for (const view of due) {
      const recorded = await this.checkOne(view.claimId, context);
      if (recorded === 'at-risk') result.atRisk.push(view.claimId);
      if (recorded === 'overdue') result.overdue.push(view.claimId);
    }
    return result;
  }

  private async checkOne(claimId: string, context: CommandContext): Promise<'at-risk' | 'overdue' | null> {
    try {
      const reviewCase = await this.cases.load(claimId);
      const recorded = reviewCase.checkTimeLimit();
      await this.cases.save(reviewCase, context);
      return recorded;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return null; // changed meanwhile: the next run looks again
      throw error;
    }
  }
}
