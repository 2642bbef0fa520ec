import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError } from '@claims/event-sourcing';
import { CommandCaller } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ReviewTerms } from '../../domain/review-case/review-case.guards';
import { checkTimeLimit } from '../../domain/review-case/time-limits';
import { CaseSummary, PAGE_SIZE, Page, REVIEW_TERMS, WORK_QUEUES, WorkQueues } from '../ports';
import { ReviewCaseDecisions } from '../review-case-decisions';
import { dueWindow } from './get-time-limit-board.query';

export interface TimeLimitCheckResult {
  readonly atRisk: string[];
  readonly overdue: string[];
}

/** Every open case whose running step is at risk or overdue by the clock records it, once per step. */
export class CheckTimeLimits extends Command<TimeLimitCheckResult> {
  constructor(readonly caller: CommandCaller) {
    super();
  }
}

@CommandHandler(CheckTimeLimits)
export class CheckTimeLimitsHandler implements ICommandHandler<CheckTimeLimits> {
  constructor(
    private readonly decisions: ReviewCaseDecisions,
    @Inject(WORK_QUEUES) private readonly queues: WorkQueues,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller }: CheckTimeLimits): Promise<TimeLimitCheckResult> {
    const now = this.clock.now();
    const window = dueWindow(this.terms, now);
    const due: string[] = [];
    let page: Page<CaseSummary> = { items: [], nextCursor: null };
    do {
      page = await this.queues.due(window, { limit: PAGE_SIZE.max, cursor: page.nextCursor ?? undefined });
      due.push(...page.items.map((c) => c.claimId));
    } while (page.nextCursor);
    const result: TimeLimitCheckResult = { atRisk: [], overdue: [] };
    for (const claimId of due) {
      const recorded = await this.checkOne(claimId, caller);
      if (recorded.includes('TimeLimitAtRisk')) result.atRisk.push(claimId);
      if (recorded.includes('TimeLimitExceeded')) result.overdue.push(claimId);
    }
    return result;
  }

  private async checkOne(claimId: string, caller: CommandCaller): Promise<string[]> {
    try {
      const { events } = await this.decisions.take(claimId, caller.context, (state, now, terms) =>
        checkTimeLimit(state, { now }, terms.timetable),
      );
      return events.map((e) => e.type);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return []; // changed meanwhile: the next run looks again
      throw error;
    }
  }
}
