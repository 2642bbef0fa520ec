import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidationOptions, registerDecorator } from 'class-validator';

/** The years a date in a request may name: anything else is a typo or an attack. */
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/* eslint-disable no-control-regex -- control characters are exactly what these refuse */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */

/** ISO 4217 codes, from the runtime's ICU data. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

function realDate(year: number, month: number, day: number): boolean {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD`, a day that exists (no 2026-02-30), between 1900 and 2100. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  return match !== null && realDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** An ISO 8601 instant with its offset (`Z` or `±hh:mm`), at a real date and time, 1900–2100. */
export function isInstant(value: unknown): value is string {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match || !realDate(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  const offsetOk = match[7] === 'Z' || (Number(match[8]) <= 14 && Number(match[9]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCIES.has(value);
}

/**
 * Text a person wrote: not blank, no control characters (line breaks and tabs only where
 * `multiline`), no lone surrogates, at most `maxLength` characters.
 */
export function isPlainText(
  value: unknown,
  options: { maxLength: number; multiline?: boolean },
): value is string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > options.maxLength) return false;
  if (LONE_SURROGATE.test(value)) return false;
  return !(options.multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value);
}

function rule(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}`, ...options },
      validator: { validate: test },
    });
}

export const IsCalendarDate = (options?: ValidationOptions) =>
  rule('isCalendarDate', isCalendarDate, 'must be a real date YYYY-MM-DD between 1900 and 2100', options);

export const IsInstant = (options?: ValidationOptions) =>
  rule(
    'isInstant',
    isInstant,
    'must be an ISO 8601 instant with an offset (e.g. 2026-11-23T09:30:00+08:00), at a real date',
    options,
  );

export const IsCurrencyCode = (options?: ValidationOptions) =>
  rule('isCurrencyCode', isCurrencyCode, 'must be an ISO 4217 currency code, e.g. CNY', options);

export const IsPlainText = (maxLength: number, options: ValidationOptions & { multiline?: boolean } = {}) =>
  rule(
    'isPlainText',
    (value) => isPlainText(value, { maxLength, multiline: options.multiline }),
    `must be text of 1 to ${maxLength} characters, not blank, without control characters`,
    options,
  );

/** Money in a request: integer minor units (fen, cents) and an ISO 4217 currency; never a float. */
export class MoneyRequest {
  @ApiProperty({ example: 1250000, description: 'Integer minor units (fen, cents)', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 currency code' })
  @IsCurrencyCode()
  currency: string;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of keys that could reach an object's prototype, e.g. `contact.__proto__`: refused, never dropped. */
export function reservedKeyPaths(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const own = RESERVED_KEYS.has(key) && !Array.isArray(value) ? [here] : [];
    return [...own, ...reservedKeyPaths((value as Record<string, unknown>)[key], here)];
  });
}

/** Paths of strings (values or keys) that are not well-formed Unicode (a lone surrogate): refused everywhere. */
export function malformedTextPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [path || '(body)'] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const badKey = !Array.isArray(value) && LONE_SURROGATE.test(key) ? [here] : [];
    return [...badKey, ...malformedTextPaths((value as Record<string, unknown>)[key], here)];
  });
}
