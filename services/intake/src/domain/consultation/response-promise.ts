import { TimeLimit, WorkingCalendar } from '@claims/working-calendar';
import { CHANNELS, Channel } from '../vocabulary';

/** How soon the front desk promises to answer, per channel: data (data/response-promises.json), not code. */
export class ResponsePromises {
  private readonly limits: ReadonlyMap<Channel, TimeLimit>;

  constructor(
    limits: Readonly<Record<string, TimeLimit | undefined>>,
    private readonly calendar: WorkingCalendar,
  ) {
    const missing = CHANNELS.filter((channel) => !limits[channel]);
    if (missing.length > 0) throw new Error(`No response promise for channel(s): ${missing.join(', ')}`);
    this.limits = new Map(
      CHANNELS.flatMap((channel) => {
        const limit = limits[channel];
        return limit ? [[channel, limit] as const] : [];
      }),
    );
  }

  static fromData(
    json: { promises: Record<string, TimeLimit> },
    calendar: WorkingCalendar,
  ): ResponsePromises {
    return new ResponsePromises(json.promises, calendar);
  }

  limitFor(channel: Channel): TimeLimit {
    const limit = this.limits.get(channel);
    if (!limit) throw new Error(`No response promise for channel ${channel}`);
    return limit;
  }

  dueAt(channel: Channel, receivedAt: Date): Date {
    return this.calendar.dueAt(receivedAt, this.limitFor(channel));
  }
}
