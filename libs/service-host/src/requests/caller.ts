import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { ScopedRequest } from '../security/auth.guard';
import { traceContextOf } from '../observability/tracing';
import { Principal, commandContextOf } from '../security/principal';

/** Who is calling and the context their command stamps on its events (correlation and command ids). */
export interface Caller {
  readonly principal: Principal;
  readonly context: CommandContext;
}

/** The verified caller of the current request, with its command context: one parameter per route. */
export const CurrentCaller = createParamDecorator((_: unknown, execution: ExecutionContext): Caller => {
  const scope = execution.switchToHttp().getRequest<ScopedRequest>().scope;
  if (!scope.principal) throw new Error('CurrentCaller used on a public route');
  return { principal: scope.principal, context: commandContextOf(scope.principal, scope) };
});

/**
 * Whoever issues a command: a person through the API (a Caller), or a consumer or timer of the
 * service itself, which has only the context its events are stamped with.
 */
export type CommandCaller = Pick<Caller, 'context'>;

/**
 * A consumer's or a timer's caller: actor `system`, ids from the message or tick that caused it,
 * and the active trace (a consumed message's), so the command's events continue it.
 */
export function systemCaller(
  component: string,
  correlationId: string,
  causationId: string | null,
): CommandCaller {
  return {
    context: { actor: { id: component, role: 'system' }, correlationId, causationId, ...traceContextOf() },
  };
}
