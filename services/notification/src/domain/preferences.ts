import { Channel } from './channels';

/** A local time of day, `HH:MM`. */
export type TimeOfDay = `${number}:${number}`;

/**
 * What a customer agreed to hear and how, as data: the channel they asked for at intake, the
 * optional message kinds they opted out of, and when not to be disturbed by SMS.
 */
export interface ContactPreferences {
  readonly preferredChannel: Channel;
  /** Template ids (or `*` for all) of non-mandatory messages the customer does not want. */
  readonly optOuts: readonly string[];
  /** No SMS from `from` to `to` (local time, may span midnight), unless the message is urgent. */
  readonly quietHours: { readonly from: TimeOfDay; readonly to: TimeOfDay } | null;
  /** The customer's offset from UTC in minutes (China: +480, no daylight saving). */
  readonly utcOffsetMinutes: number;
}

export const DEFAULT_PREFERENCES: ContactPreferences = {
  preferredChannel: 'sms',
  optOuts: [],
  quietHours: { from: '21:00', to: '08:00' },
  utcOffsetMinutes: 480,
};

/** Whether a non-mandatory message with this template is opted out of. */
export function optedOut(preferences: ContactPreferences, templateId: string): boolean {
  return preferences.optOuts.includes('*') || preferences.optOuts.includes(templateId);
}

const minutesOf = (t: TimeOfDay): number => {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
};

/**
 * The instant quiet hours end, when `now` falls inside them; otherwise null. Pure: the instant is
 * computed from `now` and the customer's fixed UTC offset.
 */
export function quietHoursEnd(preferences: ContactPreferences, now: Date): Date | null {
  const quiet = preferences.quietHours;
  if (!quiet) return null;
  const dayMs = 24 * 60 * 60_000;
  const offsetMs = preferences.utcOffsetMinutes * 60_000;
  const local = now.getTime() + offsetMs;
  const localMidnight = Math.floor(local / dayMs) * dayMs;
  const minute = Math.floor((local - localMidnight) / 60_000);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return null;
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return null;
  const endDay = from > to && minute >= from ? localMidnight + dayMs : localMidnight;
  return new Date(endDay + to * 60_000 - offsetMs);
}
