export * from './clock';
export { DAY_MS, HOUR_MS } from './local-date';
export type { IsoDate, Weekday } from './local-date';
export { CalendarDataError } from './calendar-data';
export type { MakeUpWorkingDay, PublicHoliday, WorkingCalendarData } from './calendar-data';
export * from './working-calendar';
export * from './deadline-status';
export * from './calendar-loader';
