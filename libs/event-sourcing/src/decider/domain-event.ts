import { PersonalData } from '../personal-data/personal-data';

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
