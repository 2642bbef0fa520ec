import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { ScopedRequest } from './auth.guard';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request its scope: the caller's correlation id (or a new one, echoed back in
 * `X-Correlation-Id`) and its Idempotency-Key. The principal is added by the AuthGuard.
 */
export function requestScopeMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header('x-correlation-id');
  const correlationId = given && SAFE_ID.test(given) ? given : randomUUID();
  const key = request.header('idempotency-key');
  (request as ScopedRequest).scope = { correlationId, ...(key !== undefined ? { idempotencyKey: key } : {}) };
  response.setHeader('X-Correlation-Id', correlationId);
  next();
}

export function isValidIdempotencyKey(key: string): boolean {
  return SAFE_ID.test(key);
}
