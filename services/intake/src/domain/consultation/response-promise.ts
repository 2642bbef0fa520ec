import { TimeLimit, WorkingCalendar } from '@claims/working-calendar';
import { CHANNELS, Channel } from '../vocabulary';

/** How soon the front desk promises to answer, per channel: data (data/response-promises.json), not code. */
export class ResponsePromises {
  constructor(
    private readonly limits: Readonly<Record<Channel, TimeLimit>>,
    private readonly calendar: WorkingCalendar,
  ) {
    const missing = CHANNELS.filter((channel) => !limits[channel]);
    if (missing.length > 0) throw new Error(`No response promise for channel(s): ${missing.join(', ')}`);
  }

  static fromData(json: { promises: Record<string, TimeLimit> }, calendar: WorkingCalendar): ResponsePromises {
    return new ResponsePromises(json.promises as Record<Channel, TimeLimit>, calendar);
  }

  limitFor(channel: Channel): TimeLimit {
    return this.limits[channel];
  }

  dueAt(channel: Channel, receivedAt: Date): Date {
    return this.calendar.dueAt(receivedAt, this.limits[channel]);
  }
}
