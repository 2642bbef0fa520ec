import { randomUUID, createHash } from 'node:crypto';
import { Actor, CommandContext } from '@claims/event-sourcing';
import { Role } from './access-policy';

/** The authenticated caller, from a verified bearer token. */
export interface Principal {
  /** Token subject: the user's id. */
  readonly userId: string;
  readonly role: Role;
  /** For role `customer`: the customer the caller is; they see only that customer's cases. */
  readonly customerId?: string;
}

/** What the HTTP layer knows about a request, attached by the host. */
export interface RequestScope {
  principal?: Principal;
  correlationId: string;
  idempotencyKey?: string;
  /** W3C trace context of the request's server span (the caller's trace, continued, or a new one). */
  traceparent?: string;
  tracestate?: string;
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.userId, role: principal.role };
}

/**
 * The context a command handler stamps on its events. The command id is derived from the
 * Idempotency-Key when there is one, so a retried request produces the same event ids.
 */
export function commandContextOf(
  principal: Principal,
  scope: Pick<RequestScope, 'correlationId' | 'idempotencyKey' | 'traceparent' | 'tracestate'>,
): CommandContext {
  const commandId = scope.idempotencyKey
    ? createHash('sha256').update(`${principal.userId}|${scope.idempotencyKey}`).digest('hex').slice(0, 32)
    : randomUUID();
  return {
    actor: actorOf(principal),
    correlationId: scope.correlationId,
    causationId: commandId,
    ...(scope.traceparent ? { traceparent: scope.traceparent } : {}),
    ...(scope.traceparent && scope.tracestate ? { tracestate: scope.tracestate } : {}),
  };
}

/**
 * A customer may see only their own cases; to everyone else the case does not exist (404),
 * so the answer never confirms that another person has a case.
 */
export function mayAccessCaseOf(principal: Principal, caseCustomerId: string): boolean {
  return principal.role !== 'customer' || principal.customerId === caseCustomerId;
}
