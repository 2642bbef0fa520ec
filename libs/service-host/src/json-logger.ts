import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { activeTraceIds } from './observability/tracing';
import { LogLevel } from './platform-config';

export type LogSink = (line: string) => void;

/**
 * Keys whose values never reach a log. pino redacts them as explicit paths, at the top of a
 * logged object and two levels down (`key`, `*.key`, `*.*.key`, and inside arrays). `name` is
 * deliberately not one of them: it names errors, relays and consumers; a person's name is logged
 * (if ever) under one of the `…Name` keys below or inside `personalData`, which are.
 */
export const REDACTED_KEYS: readonly string[] = [
  // credentials
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'password',
  'secret',
  'clientSecret',
  'apiKey',
  // personal data
  'personalData',
  'personal_data',
  'customerName',
  'fullName',
  'firstName',
  'lastName',
  'givenName',
  'familyName',
  'claimantName',
  'insuredName',
  'policyholderName',
  'holderName',
  'contactName',
  'payeeName',
  'accountName',
  'beneficiaryName',
  'userName',
  'phone',
  'phoneNumber',
  'mobile',
  'mobileNumber',
  'email',
  'mail',
  'address',
  'homeAddress',
  'idNumber',
  'id_number',
  'idCard',
  'id_card',
  'nationalId',
  'national_id',
  'passport',
  'passportNumber',
  'birthDate',
  'dateOfBirth',
  'birthday',
  'diagnosis',
  'medicalRecord',
  'medicalHistory',
  'bankAccount',
  'bankAccountNumber',
  'bank_account',
  'contact',
  'description',
  'body',
];

/** The pino redaction paths for REDACTED_KEYS. */
export const REDACTED_PATHS: readonly string[] = REDACTED_KEYS.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*[*].${key}`,
  `*.*[*].${key}`,
]);

/** Values that look like personal data or credentials inside free text, wherever they appear. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/Bearer\s+[A-Za-z0-9\-_.]+/g, 'Bearer [redacted]'],
  [/eyJ[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+/g, '[redacted-token]'],
  [/\b\d{17}[\dXx]\b/g, '[redacted-id-number]'],
  [/(?<!\d)(\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, '[redacted-phone]'],
  [/\+\d{1,3}[ -]?\d[\d -]{6,14}\d/g, '[redacted-phone]'],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[redacted-email]'],
];

/** Free text with tokens, ID numbers, phone numbers and e-mail addresses masked. */
export function redactText(text: string): string {
  return SECRET_PATTERNS.reduce((masked, [pattern, mask]) => masked.replace(pattern, mask), text);
}

/**
 * What a log line shows of an error: its class, its name when that differs, its code (a
 * PostgreSQL SQLSTATE, a Node errno name…), its message (free text redacted) and its cause, and
 * nothing else (a driver error's other fields may hold the query's parameters).
 */
export function errorFields(error: Error, depth = 0): Record<string, unknown> {
  const type = error.constructor?.name || 'Error';
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    type,
    ...(error.name && error.name !== type ? { name: error.name } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    message: redactText(error.message ?? ''),
    ...(cause !== undefined && depth < 3
      ? { cause: cause instanceof Error ? errorFields(cause, depth + 1) : scrub(cause, 8) }
      : {}),
  };
}

/** Errors as their fields, every string through the free-text patterns (keys are pino's job). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return errorFields(value);
  if (depth > 8 || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
}

/**
 * Structured JSON logs through pino, one object per line (`time`, `level`, `service`,
 * `context`, `msg`, fields, and `traceId`/`spanId` inside a traced request or message), for Nest
 * and for the platform's own code. Callers log facts and ids; as a second line of defence the
 * values under the keys of REDACTED_KEYS are replaced, and personal-looking strings (tokens, ID
 * and phone numbers, e-mail addresses) are masked anywhere. Errors are logged as their class,
 * code, message and cause.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(
    service: string,
    level: LogLevel = 'info',
    sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {
    this.pino = pino(
      {
        level,
        base: { service },
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: {
          level: (label) => ({ level: label }),
          log: (fields) => scrub(fields) as Record<string, unknown>,
        },
        serializers: {},
        redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
        mixin: () => activeTraceIds(),
      },
      { write: (line: string) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) },
    );
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string): void {
    this.write('error', message, context ?? traceOrContext, context ? traceOrContext : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('error', message, context);
  }

  private write(level: LogLevel, message: unknown, context?: string, stack?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields =
      message instanceof Error
        ? { msg: message.message, error: message }
        : typeof message === 'object' && message !== null
          ? message
          : { msg: String(message) };
    this.pino[level]({
      ...(context ? { context } : {}),
      ...fields,
      ...(stack ? { stack } : {}),
    });
  }
}
