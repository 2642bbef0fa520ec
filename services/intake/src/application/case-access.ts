import { randomUUID } from 'node:crypto';
import { AggregateNotFoundError, AggregateRepository, CommandContext, EventSourcedAggregate, WrongExpectedRevisionError, eventIdFor } from '@claims/event-sourcing';
import { Principal, mayAccessCaseOf } from '@claims/service-host';

/** A customer sees only their own cases: to them another's case does not exist (404). */
export async function loadCaseFor<T extends EventSourcedAggregate & { customerId: string | null }>(
  repository: AggregateRepository<T>,
  id: string,
  principal: Principal,
): Promise<T> {
  const found = await repository.load(id);
  if (!mayAccessCaseOf(principal, found.customerId ?? '')) throw new AggregateNotFoundError(repository.streamId(id));
  return found;
}

/** With an If-Match revision, a command on a case changed meanwhile is refused (409). */
export function refuseIfChangedSince(repository: AggregateRepository<EventSourcedAggregate>, aggregate: EventSourcedAggregate, expectedRevision?: number): void {
  if (expectedRevision !== undefined && aggregate.revision !== expectedRevision) {
    throw new WrongExpectedRevisionError(repository.streamId(aggregate.id), expectedRevision, aggregate.revision ?? 'no_stream');
  }
}

/** A new case's id, derived from the command so a retried command creates the same case. */
export function newCaseId(context: CommandContext, kind: string): string {
  return context.causationId ? eventIdFor(context.causationId, kind, 0) : randomUUID();
}
