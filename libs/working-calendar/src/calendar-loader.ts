import { readFileSync } from 'node:fs';
import cnMainland from '../data/cn-mainland.json';
import { CalendarDataError } from './calendar-data';
import { WorkingCalendar } from './working-calendar';

/** Builds a calendar from parsed JSON, validating it; throws `CalendarDataError` listing every problem. */
export function calendarFromData(json: unknown, context?: string): WorkingCalendar {
  return new WorkingCalendar(json as ConstructorParameters<typeof WorkingCalendar>[0], context);
}

/**
 * Reads and validates a calendar JSON file (same shape as `data/cn-mainland.json`), so the
 * yearly holiday list can be replaced through configuration without a release.
 * Synchronous: meant to run once at start-up. Errors name the file.
 */
export function loadCalendarFile(path: string): WorkingCalendar {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CalendarDataError([`cannot read the file: ${(error as Error).message}`], path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CalendarDataError([`not valid JSON: ${(error as Error).message}`], path);
  }
  return calendarFromData(json, path);
}

/** The bundled China mainland calendar (Asia/Shanghai, Saturday and Sunday off, 2025–2026 holidays). */
export function cnMainlandCalendar(): WorkingCalendar {
  return calendarFromData(cnMainland, 'bundled cn-mainland.json');
}

/** The calendar at `path` if configured, else the bundled China mainland one. */
export function loadWorkingCalendar(path?: string): WorkingCalendar {
  return path ? loadCalendarFile(path) : cnMainlandCalendar();
}
