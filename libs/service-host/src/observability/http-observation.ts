import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { ScopedRequest } from '../security/auth.guard';
import { PlatformMetrics } from './platform-metrics';
import { contextFrom, platformTracer, traceContextOf } from './tracing';

/** The route label of a request no route answered (404s, refusals before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template that answered (`/api/v1/claims/:claimId`), never the concrete path, so the
 * labels stay few; Nest's catch-all for unknown paths (`/api/v1*path`) counts as unmatched.
 */
export function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}`;
}

/**
 * Observes every request: a server span continuing the caller's W3C `traceparent` (a new trace
 * when it sent none or a malformed one), whose context the request scope keeps for the command
 * context, and, once answered, the request counted and timed by method, route template and status.
 * The request and response emitters are bound to the span's context so it survives body parsing.
 */
export function observeHttp(metrics: PlatformMetrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const parent = contextFrom(request.headers);
    const span = platformTracer().startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': request.path },
      },
      parent,
    );
    const scope = (request as Partial<ScopedRequest>).scope;
    if (scope) Object.assign(scope, traceContextOf(span));
    response.once('close', () => {
      const route = routeOf(request);
      const status = response.statusCode;
      metrics.observeHttp(request.method, route, status, Number(process.hrtime.bigint() - started) / 1e9);
      span.updateName(route === UNMATCHED_ROUTE ? request.method : `${request.method} ${route}`);
      span.setAttribute('http.response.status_code', status);
      if (route !== UNMATCHED_ROUTE) span.setAttribute('http.route', route);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    const active = trace.setSpan(parent, span);
    context.bind(active, request);
    context.bind(active, response);
    context.with(active, next);
  };
}
