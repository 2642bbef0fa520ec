import { PolicySnapshotImportedData } from './policy.events';

export interface InsuredPerson {
  readonly personId: string;
  readonly name: string;
}

export interface PolicyHolder {
  readonly customerId: string;
  readonly name: string;
  readonly phone: string;
}

/** A policy as intake knows it: nothing, or the latest snapshot imported (names revealed from the history). */
export type Policy =
  | { readonly status: 'not-imported' }
  | {
      readonly status: 'imported';
      /** The last import as recorded: a repeated import of its version must carry exactly this. */
      readonly imported: PolicySnapshotImportedData;
      readonly holder: PolicyHolder;
      readonly insuredPersons: readonly InsuredPerson[];
    };

export type ImportedPolicy = Extract<Policy, { status: 'imported' }>;

export function insures(policy: ImportedPolicy, personId: string): boolean {
  return policy.imported.insuredPersonIds.includes(personId);
}
