import { EventPublisher } from '@nestjs/cqrs';
import { CommandContext, eventIdFor, newEvent } from '../envelope';
import { EventStore } from '../event-store';
import { UpcasterRegistry } from '../upcasters';
import { EventSourcedAggregate } from './event-sourced-aggregate';

export class AggregateNotFoundError extends Error {
  override readonly name = 'AggregateNotFoundError';
  constructor(readonly streamId: string) {
    super(`${streamId} does not exist`);
  }
}

/**
 * Loads an aggregate by replaying its stream and saves its new events with the revision it
 * was loaded at as the expected revision: a concurrent writer gets WrongExpectedRevisionError
 * instead of a lost update.
 */
export class AggregateRepository<T extends EventSourcedAggregate> {
  constructor(
    private readonly store: EventStore,
    private readonly streamPrefix: string,
    private readonly create: (id: string) => T,
    private readonly upcasters = new UpcasterRegistry(),
    private readonly publisher?: EventPublisher,
  ) {}

  streamId(id: string): string {
    return `${this.streamPrefix}-${id}`;
  }

  async load(id: string): Promise<T> {
    const found = await this.find(id);
    if (!found) throw new AggregateNotFoundError(this.streamId(id));
    return found;
  }

  async find(id: string): Promise<T | null> {
    const history = await this.store.readStream(this.streamId(id));
    if (history.length === 0) return null;
    const aggregate = this.create(id);
    aggregate.replay(history.map((e) => this.upcasters.upcast(e)));
    return aggregate;
  }

  /** Appends the aggregate's uncommitted events, stamped with the command's actor and ids. */
  async save(aggregate: T, context: CommandContext): Promise<void> {
    const pending = aggregate.getUncommittedEvents();
    if (pending.length === 0) return;
    const streamId = this.streamId(aggregate.id);
    const events = pending.map((e, i) =>
      newEvent(
        {
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          eventId: context.causationId ? eventIdFor(context.causationId, streamId, i) : undefined,
        },
        context,
      ),
    );
    const expected = aggregate.revision ?? 'no_stream';
    const result = await this.store.append(streamId, events, expected);
    if (this.publisher) this.publisher.mergeObjectContext(aggregate);
    aggregate.commit();
    aggregate.markSaved(result.nextExpectedRevision);
  }
}
