import { randomUUID } from 'node:crypto';
import { CommandContext, eventIdFor } from '@claims/event-sourcing';

/** An id for something a command creates, derived from the command id: a retried request makes the same one. */
export function idFromCommand(context: CommandContext, what: string): string {
  return context.causationId ? eventIdFor(context.causationId, what, 0) : randomUUID();
}
