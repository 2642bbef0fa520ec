import { AggregateRoot } from '@nestjs/cqrs';
import { EventEnvelope } from '../envelope';

/** A fact an aggregate records about itself; `type` is past tense, `schemaVersion` its shape. */
export interface DomainEvent<D = unknown> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
}

/**
 * Aggregate base on @nestjs/cqrs's AggregateRoot: state changes only by applying events, each
 * routed to `on<EventType>(event)`. `revision` is the stream revision it was loaded at, which
 * the repository uses as the expected revision when saving.
 */
export abstract class EventSourcedAggregate extends AggregateRoot<DomainEvent> {
  private loadedRevision: number | null = null;

  constructor(readonly id: string) {
    super();
  }

  get revision(): number | null {
    return this.loadedRevision;
  }

  /** Replays stored history (already upcast). */
  replay(history: readonly EventEnvelope[]): void {
    for (const event of history) {
      this.apply({ type: event.type, schemaVersion: event.schemaVersion, data: event.data }, true);
      this.loadedRevision = event.streamRevision;
    }
  }

  /** Called by the repository after a successful save. */
  markSaved(revision: number): void {
    this.loadedRevision = revision;
    this.uncommit();
  }

  protected override getEventName(event: DomainEvent): string {
    return event.type;
  }
}
