import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError } from '@claims/event-sourcing';
import { CommandCaller, systemCaller } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { checkClocks } from '../../domain/complaint/clocks';
import { ComplaintRules } from '../../domain/complaint-rules';
import { ComplaintDecisions } from '../complaint-decisions';
import {
  COMPLAINT_QUEUE,
  COMPLAINT_RULES,
  ComplaintQueue,
  ComplaintSummary,
  PAGE_SIZE,
  Page,
} from '../ports';

export interface ClockCheckResult {
  readonly atRisk: string[];
  readonly breached: string[];
}

/** Every open complaint with a running clock near or past its deadline records it, once per clock. */
export class CheckClocks extends Command<ClockCheckResult> {
  constructor(readonly caller: CommandCaller) {
    super();
  }
}

@CommandHandler(CheckClocks)
export class CheckClocksHandler implements ICommandHandler<CheckClocks> {
  constructor(
    private readonly decisions: ComplaintDecisions,
    @Inject(COMPLAINT_QUEUE) private readonly queue: ComplaintQueue,
    @Inject(COMPLAINT_RULES) private readonly rules: ComplaintRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller }: CheckClocks): Promise<ClockCheckResult> {
    // the widest at-risk window of any clock: every complaint that may need an alert
    const widestHours = Math.max(...Object.values(this.rules.atRiskWithinHours));
    const dueBefore = new Date(this.clock.now().getTime() + widestHours * 3_600_000).toISOString();
    const due: string[] = [];
    let page: Page<ComplaintSummary> = { items: [], nextCursor: null };
    do {
      page = await this.queue.list(
        { openOnly: true, dueBefore },
        { limit: PAGE_SIZE.max, cursor: page.nextCursor ?? undefined },
      );
      due.push(...page.items.map((c) => c.complaintId));
    } while (page.nextCursor);
    const result: ClockCheckResult = { atRisk: [], breached: [] };
    for (const complaintId of due) {
      const recorded = await this.checkOne(complaintId, caller);
      if (recorded.includes('ClockAtRisk')) result.atRisk.push(complaintId);
      if (recorded.includes('ClockBreached')) result.breached.push(complaintId);
    }
    return result;
  }

  private async checkOne(complaintId: string, caller: CommandCaller): Promise<string[]> {
    try {
      const { events } = await this.decisions.take(complaintId, caller.context, (state, now, terms) =>
        checkClocks(state, { now }, terms),
      );
      return events.map((e) => e.type);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return []; // changed meanwhile: the next run looks again
      throw error;
    }
  }
}

/** The periodic clock check, given as the system: a timer runs it in production; tests call `execute()`. */
@Injectable()
export class ClockCheck {
  constructor(private readonly commands: CommandBus) {}

  execute(): Promise<ClockCheckResult> {
    const caller = systemCaller('complaint.clock-check', randomUUID(), null);
    return this.commands.execute(new CheckClocks(caller));
  }
}
