import { EventEnvelope } from '../envelope';
import { PersonalDataIntegrityError, PersonalDataVault, SealedValue } from './personal-data-vault';

/** What every personal field reads as once its subject was forgotten. */
export const ERASED = '[erased]';

/**
 * The personal part of a domain event. It is stored only encrypted for its subject, inside the
 * event's data under PERSONAL_DATA_KEY, and reads back here (or erased, once forgotten).
 */
export interface PersonalData {
  /** Pseudonymous id of the person (e.g. a customer id), stored in clear: never a name or ID number. */
  readonly subjectId: string;
  readonly fields: Record<string, unknown>;
  /** True when the subject was forgotten: every field then reads as ERASED. */
  readonly erased?: boolean;
}

/** Reserved key of an event's data that holds its sealed personal data. */
export const PERSONAL_DATA_KEY = 'personalData';

/** How personal data is stored: the field names (not personal) stay readable after erasure. */
export interface SealedPersonalData extends SealedValue {
  readonly fieldNames: readonly string[];
}

/** A stored event with its personal data decrypted (or erased) beside its data. */
export type RevealedEnvelope<D = unknown> = EventEnvelope<D> & { readonly personalData?: PersonalData };

/** Thrown instead of ever storing personal data in clear. */
export class PersonalDataWithoutVaultError extends Error {
  override readonly name = 'PersonalDataWithoutVaultError';
  constructor(readonly eventType: string) {
    super(`${eventType} carries personal data, but no PersonalDataVault was given to seal or reveal it`);
  }
}

/**
 * Returns the event with its personalData encrypted into data[PERSONAL_DATA_KEY]. Refuses data
 * that already uses the reserved key, and personal data without a vault.
 */
export async function sealPersonalData<
  E extends { type: string; data: unknown; personalData?: PersonalData },
>(event: E, vault: PersonalDataVault | undefined): Promise<Omit<E, 'personalData'>> {
  const { personalData, ...rest } = event;
  if (isRecord(event.data) && PERSONAL_DATA_KEY in event.data) {
    throw new Error(
      `${event.type}: data.${PERSONAL_DATA_KEY} is reserved; put personal data in event.personalData`,
    );
  }
  if (!personalData) return rest;
  if (!vault) throw new PersonalDataWithoutVaultError(event.type);
  const data = event.data ?? {};
  if (!isRecord(data))
    throw new Error(`${event.type}: an event with personal data needs an object as its data`);
  const sealed = await vault.encrypt(personalData.subjectId, personalData.fields);
  const stored: SealedPersonalData = { ...sealed, fieldNames: Object.keys(personalData.fields) };
  return { ...rest, data: { ...data, [PERSONAL_DATA_KEY]: stored } };
}

/**
 * Decrypts a stored event's personal data into `personalData` (fields read as ERASED, with
 * `erased: true`, when the subject was forgotten) and removes the sealed form from data.
 * Events without personal data come back unchanged. Reveal before upcasting.
 */
export async function revealPersonalData<D = unknown>(
  envelope: EventEnvelope,
  vault: PersonalDataVault | undefined,
): Promise<RevealedEnvelope<D>> {
  const sealed = sealedPart(envelope);
  if (!sealed) return envelope as RevealedEnvelope<D>;
  if (!vault) throw new PersonalDataWithoutVaultError(envelope.type);
  const { [PERSONAL_DATA_KEY]: _sealed, ...data } = envelope.data as Record<string, unknown>;
  const { subjectId, fieldNames, ...value } = sealed;
  const opened = await vault.decrypt<Record<string, unknown>>({ subjectId, ...value });
  const personalData: PersonalData = opened.erased
    ? { subjectId, fields: Object.fromEntries(fieldNames.map((name) => [name, ERASED])), erased: true }
    : { subjectId, fields: opened.value };
  return { ...envelope, data: data as D, personalData };
}

export function hasPersonalData(envelope: Pick<EventEnvelope, 'data'>): boolean {
  return sealedPart(envelope) !== null;
}

function sealedPart(envelope: Pick<EventEnvelope, 'data'>): SealedPersonalData | null {
  if (!isRecord(envelope.data) || !(PERSONAL_DATA_KEY in envelope.data)) return null;
  const sealed = envelope.data[PERSONAL_DATA_KEY] as Partial<SealedPersonalData> | null;
  if (typeof sealed?.ciphertext !== 'string' || !Array.isArray(sealed.fieldNames)) {
    throw new PersonalDataIntegrityError(`data.${PERSONAL_DATA_KEY} is not sealed personal data`);
  }
  return sealed as SealedPersonalData;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
