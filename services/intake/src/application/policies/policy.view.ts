import { PolicySnapshot } from '../../domain/policy/policy.events';
import { ImportedPolicy, InsuredPerson, PolicyHolder } from '../../domain/policy/policy.state';

/** A policy as GET /policies/:policyNumber shows it: its current snapshot, holder and insured persons. */
export interface PolicyView extends PolicySnapshot {
  readonly version: number;
  readonly holder: PolicyHolder;
  readonly insuredPersons: readonly InsuredPerson[];
}

export function policyView(policy: ImportedPolicy): PolicyView {
  return {
    ...policy.imported.snapshot,
    version: policy.imported.version,
    holder: policy.holder,
    insuredPersons: policy.insuredPersons,
  };
}
