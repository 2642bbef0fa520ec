import { AggregateRoot } from '@nestjs/cqrs';
import { PersonalData, RevealedEnvelope } from '../personal-data/personal-data';

/** A fact an aggregate records about itself; `type` is past tense, `schemaVersion` its shape. */
export interface DomainEvent<D = unknown> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
  /** When the fact happened, from the domain's clock (ISO 8601); default: when it is saved. */
  readonly occurredAt?: string;
  /**
   * Names, phone numbers, ID numbers, medical details...: never put them in `data`. The
   * repository stores them only encrypted for the subject, and they read as ERASED once the
   * subject is forgotten, so handlers must accept that.
   */
  readonly personalData?: PersonalData;
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

  /** Replays stored history (already revealed and upcast). */
  replay(history: readonly RevealedEnvelope[]): void {
    for (const event of history) {
      const { type, schemaVersion, data, personalData } = event;
      this.apply(personalData ? { type, schemaVersion, data, personalData } : { type, schemaVersion, data }, true);
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
