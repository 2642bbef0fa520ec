import { Inject, Injectable } from '@nestjs/common';
import { foldAll } from '../../domain/case-archive';
import { QuarterlyReport, quarterlyReport, reportJson } from '../../domain/quarterly-report';
import { Positions, positionsOf } from '../../domain/received-event';
import { CLOSED_QUARTERS, ClosedQuarters, RECEIVED_HISTORY, ReceivedHistory } from '../ports';

/**
 * Computes a quarter's report from the received history: at given positions (a recomputation),
 * or at everything received so far. A closed quarter answers with the bytes kept at closing.
 */
@Injectable()
export class QuarterlyReports {
  constructor(
    @Inject(RECEIVED_HISTORY) private readonly history: ReceivedHistory,
    @Inject(CLOSED_QUARTERS) private readonly closed: ClosedQuarters,
  ) {}

  async compute(quarter: string, positions?: Positions): Promise<QuarterlyReport> {
    const events = await this.history.events(positions);
    const cases = await foldAll(events, (e) => this.history.reveal(e));
    return quarterlyReport(quarter, cases, {
      positions: positions ?? positionsOf(events),
      events: events.length,
    });
  }

  /** The report's JSON text: the frozen one of a closed quarter, else computed now. */
  async current(quarter: string): Promise<{ json: string; closed: boolean }> {
    const frozen = await this.closed.find(quarter);
    if (frozen) return { json: frozen.json, closed: true };
    return { json: reportJson(await this.compute(quarter)), closed: false };
  }
}
