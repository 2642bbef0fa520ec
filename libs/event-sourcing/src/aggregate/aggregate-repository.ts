import { EventPublisher } from '@nestjs/cqrs';
import { CommandContext, eventIdFor, newEvent } from '../envelope';
import { AppendResult, EventStore } from '../event-store';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { RevealedEnvelope, revealPersonalData, sealPersonalData } from '../personal-data/personal-data';
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
 * instead of a lost update. With a vault, events' personalData is stored only encrypted and
 * read back decrypted (or erased); without one, an event carrying personal data is refused.
 */
export class AggregateRepository<T extends EventSourcedAggregate> {
  constructor(
    private readonly store: EventStore,
    private readonly streamPrefix: string,
    private readonly create: (id: string) => T,
    private readonly upcasters = new UpcasterRegistry(),
    private readonly publisher?: EventPublisher,
    private readonly vault?: PersonalDataVault,
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
    const revealed: RevealedEnvelope[] = [];
    // One at a time: the first event fetches the subject's key, the rest hit the vault's cache.
    for (const event of history) {
      const plain = await revealPersonalData(event, this.vault);
      revealed.push({ ...this.upcasters.upcast(plain), personalData: plain.personalData });
    }
    const aggregate = this.create(id);
    aggregate.replay(revealed);
    return aggregate;
  }

  /**
   * Appends the aggregate's uncommitted events, stamped with the command's actor and ids.
   * Returns where they were stored (null when there was nothing to save), so a command can wait
   * for its read models to reach that position.
   */
  async save(aggregate: T, context: CommandContext): Promise<AppendResult | null> {
    const pending = aggregate.getUncommittedEvents();
    if (pending.length === 0) return null;
    const streamId = this.streamId(aggregate.id);
    const sealed = await Promise.all(pending.map((e) => sealPersonalData(e, this.vault)));
    const events = sealed.map((e, i) =>
      newEvent(
        {
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          occurredAt: e.occurredAt,
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
    return result;
  }
}
