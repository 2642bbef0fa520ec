import { DomainEvent } from '@claims/event-sourcing';

/**
 * Reading an event's sealed personal fields back: they may read as `[erased]` once the customer
 * was forgotten, or be absent on old events, so each reader says what it accepts.
 */
export function personalText(event: DomainEvent, name: string): string {
  const value = event.personalData?.fields[name];
  return typeof value === 'string' ? value : '';
}

/** A personal field that maps ids to texts (e.g. insured person id -> name); `{}` once erased. */
export function personalTexts(event: DomainEvent, name: string): Readonly<Record<string, string>> {
  const value = event.personalData?.fields[name];
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** A personal field that is an object of texts; null when it is not one (e.g. erased). */
export function personalRecord(event: DomainEvent, name: string): Readonly<Record<string, unknown>> | null {
  const value = event.personalData?.fields[name];
  return isRecord(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
