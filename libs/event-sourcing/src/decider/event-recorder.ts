import { PersonalData } from '../personal-data/personal-data';
import { EventUnion } from './decider';

/** The current schema version of every event type in a catalogue: a new type must declare one. */
export type SchemaVersions<Catalogue> = { readonly [T in keyof Catalogue & string]: number };

export interface RecordOptions {
  /** When it happened, from the domain's clock. */
  readonly occurredAt?: string | Date;
  /** Names, phone numbers, ID numbers…: stored only sealed for their subject. */
  readonly personalData?: PersonalData;
}

/**
 * The one typed way to record a fact: `record('ClaimAccepted', data, { occurredAt })` checks the
 * data against the catalogue and stamps the type's current schema version.
 */
export function eventRecorder<Catalogue>(versions: SchemaVersions<Catalogue>) {
  return <T extends keyof Catalogue & string>(
    type: T,
    data: Catalogue[T],
    options: RecordOptions = {},
  ): Extract<EventUnion<Catalogue>, { type: T }> => {
    const occurredAt =
      options.occurredAt instanceof Date ? options.occurredAt.toISOString() : options.occurredAt;
    return {
      type,
      schemaVersion: versions[type],
      data,
      ...(occurredAt !== undefined ? { occurredAt } : {}),
      ...(options.personalData ? { personalData: options.personalData } : {}),
    } as unknown as Extract<EventUnion<Catalogue>, { type: T }>;
  };
}
