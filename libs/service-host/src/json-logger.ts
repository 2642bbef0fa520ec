import { LoggerService } from '@nestjs/common';
import { LogLevel } from './platform-config';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string) => void;

/**
 * Structured JSON logs, one object per line, for Nest and for the platform's own code.
 * Callers log facts and ids, never request bodies or personal data.
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
    const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    this.sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        service: this.service,
        ...(context ? { context } : {}),
        ...fields,
        ...(stack ? { stack } : {}),
      }),
    );
  }
}
