import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  LoggerService,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import {
  DomainRuleViolation,
  GoneRefusal,
  InvalidInputRefusal,
  NotFoundRefusal,
  WrongExpectedRevisionError,
} from '@claims/event-sourcing';
import { Request, Response } from 'express';

/** One invalid input field, addressed by its path in the request body (e.g. `loss.amount`). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

/** Thrown by application code to answer with a specific problem (404, 409, 422 ...). */
export class ProblemException extends HttpException {
  constructor(status: number, title: string, detail?: string, extensions: Record<string, unknown> = {}) {
    super({ title, detail, ...extensions }, status);
  }
}

export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}

/** Global input rules: unknown fields refused, types transformed, errors with field paths. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ title: 'Invalid request', errors: fieldProblems(errors) }),
  });
}

const TYPE_BASE = 'https://claims-platform.example/problems/';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (problem.status >= 500) {
      this.logger.error(
        {
          msg: 'request failed',
          path: request.path,
          error: exception instanceof Error ? exception : describe(exception),
        },
        'http',
      );
    }
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (typeof problem.retryAfterSeconds === 'number')
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    response.status(problem.status).type('application/problem+json').send(problem);
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    const domain = domainProblem(exception, instance);
    if (domain) return domain;
    if (!(exception instanceof HttpException) || isWrappedHttpError(exception)) {
      const status = bodyParserStatus(exception instanceof HttpException ? exception.cause : exception);
      if (status)
        return problem(
          status,
          status === 413 ? 'Request body too large' : 'Malformed request body',
          instance,
        );
      return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal error', instance);
    }
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'string') return problem(status, body, instance);
    const { title, message, error, statusCode: _statusCode, ...rest } = body as Record<string, unknown>;
    const detail = Array.isArray(message) ? message.join('; ') : (message as string | undefined);
    return {
      ...problem(status, String(title ?? error ?? exception.message), instance),
      ...(detail && detail !== title ? { detail } : {}),
      ...rest,
    };
  }
}

/** Errors of the domain and the event store, as the HTTP answers a client can act on. */
function domainProblem(exception: unknown, instance: string): ProblemDetails | null {
  if (exception instanceof DomainRuleViolation) {
    return {
      ...ruleDetails(exception.details),
      ...problem(422, 'Business rule violated', instance),
      detail: exception.message,
      code: exception.code,
    };
  }
  if (exception instanceof WrongExpectedRevisionError) {
    return {
      ...problem(409, 'Concurrent change', instance),
      detail: 'The case was changed by someone else meanwhile; reload it and try again',
    };
  }
  if (exception instanceof NotFoundRefusal)
    return { ...problem(404, exception.title, instance), detail: exception.message };
  if (exception instanceof GoneRefusal)
    return { ...problem(410, exception.title, instance), detail: exception.message };
  if (exception instanceof InvalidInputRefusal) {
    return {
      ...problem(400, 'Invalid request', instance),
      detail: exception.message,
      errors: exception.errors,
    };
  }
  return null;
}

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

/**
 * A rule's details as problem extensions; a detail named like a problem member (e.g. a case's
 * `status`) goes under `details` instead, so it can never replace the HTTP status.
 */
function ruleDetails(details: Record<string, unknown>): Record<string, unknown> {
  const clashing = Object.entries(details).filter(([key]) => PROBLEM_MEMBERS.has(key));
  const free = Object.entries(details).filter(([key]) => !PROBLEM_MEMBERS.has(key));
  return {
    ...Object.fromEntries(free),
    ...(clashing.length ? { details: Object.fromEntries(clashing) } : {}),
  };
}

function problem(status: number, title: string, instance: string): ProblemDetails {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { type: `${TYPE_BASE}${slug}`, title, status, instance };
}

/**
 * Nest 12's Express adapter hands on the errors of the body parser and Express (http-errors: a
 * status under 500 and an expose flag) as a plain HttpException caused by them; they are answered
 * from that cause, as they were when they reached this filter unwrapped.
 */
function isWrappedHttpError(exception: HttpException): boolean {
  return (
    exception.constructor === HttpException &&
    typeof (exception.cause as { expose?: unknown } | undefined)?.expose === 'boolean'
  );
}

/**
 * body-parser errors (malformed JSON, oversized body…) are http-errors: an exposed 4xx status and a
 * `type`. Any other error's `status` field (a domain fact) is never an HTTP status.
 */
function bodyParserStatus(exception: unknown): number | null {
  const { status, type, expose } = (exception ?? {}) as {
    status?: unknown;
    type?: unknown;
    expose?: unknown;
  };
  const fromBodyParser = typeof type === 'string' && expose === true;
  return fromBodyParser && typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown error';
}
