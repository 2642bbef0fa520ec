import { cnMainlandCalendar } from '../src';

/** The bundled China mainland calendar (Asia/Shanghai). */
export const cn = cnMainlandCalendar();

/** A Shanghai wall-clock time, e.g. sh('2025-03-03T10:00') — UTC+8, no DST. */
export function sh(localDateTime: string): Date {
  return new Date(`${localDateTime}+08:00`);
}

/** The deadline instant for a Shanghai civil date: 23:59:59.999 local. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}
