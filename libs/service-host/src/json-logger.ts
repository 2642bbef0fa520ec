import { LoggerService } from '@nestjs/common';
import { LogLevel } from './platform-config';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string) => void;

/** Keys whose values never reach a log, wherever they appear in a logged object. */
const SECRET_KEYS =
  /^(authorization|cookie|token|access_?token|refresh_?token|password|secret|.*name|phone.*|mobile|e?mail|address|id_?(card|number)|national_?id|passport.*|birth.*|diagnosis|medical.*|bank_?account.*|contact|description|body|personal_?data)$/i;

/** Values that look like personal data or credentials inside free text. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/Bearer\s+[A-Za-z0-9\-_.]+/g, 'Bearer [redacted]'],
  [/eyJ[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+/g, '[redacted-token]'],
  [/\b\d{17}[\dXx]\b/g, '[redacted-id-number]'],
  [/(?<!\d)(\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, '[redacted-phone]'],
  [/\+\d{1,3}[ -]?\d[\d -]{6,14}\d/g, '[redacted-phone]'],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[redacted-email]'],
];

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return SECRET_PATTERNS.reduce((text, [pattern, mask]) => text.replace(pattern, mask), value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEYS.test(key) ? '[redacted]' : redact(item, depth + 1)]),
  );
}

/**
 * Structured JSON logs, one object per line, for Nest and for the platform's own code.
 * Callers log facts and ids; as a second line of defence, values under personal or secret keys
 * and personal-looking strings (tokens, ID and phone numbers, e-mail addresses) are redacted.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {}

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

  private write(level: LogLevel, message: unknown, context?: string, stack?: string): void {
    if (RANK[level] < RANK[this.level]) return;
    const fields = redact(typeof message === 'object' && message !== null ? message : { msg: String(message) }) as object;
    this.sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        service: this.service,
        ...(context ? { context } : {}),
        ...fields,
        ...(stack ? { stack: redact(stack) } : {}),
      }),
    );
  }
}
