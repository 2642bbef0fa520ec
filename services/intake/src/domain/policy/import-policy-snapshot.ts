import { DomainRuleViolation } from '@claims/event-sourcing';
import { PolicyEvent, PolicySnapshot, PolicySnapshotImportedData, recordPolicy } from './policy.events';
import { InsuredPerson, Policy } from './policy.state';

/** What the policy administration system sends: the snapshot plus holder and insured persons. */
export interface PolicyImport extends PolicySnapshot {
  readonly version: number;
  readonly holder: { readonly customerId: string; readonly name: string; readonly phone?: string };
  readonly insuredPersons: readonly InsuredPerson[];
}

export type ImportOutcome = 'imported' | 'already-imported';

/**
 * Imports a snapshot, idempotently by policy number and version: the same version again records
 * nothing; an older version, or the same version with other content, is refused.
 */
export function importPolicySnapshot(
  state: Policy,
  command: { policy: PolicyImport; now: Date },
): PolicyEvent[] {
  const { policy, now } = command;
  refuseInconsistentImport(policy);
  const data = importedData(policy);
  if (state.status === 'imported') {
    const current = state.imported;
    if (policy.version < current.version) {
      throw new DomainRuleViolation(
        'policy-version-outdated',
        `Policy ${policy.policyNumber} is already at version ${current.version}`,
        {
          currentVersion: current.version,
        },
      );
    }
    if (policy.version === current.version) {
      if (canonical(current) !== canonical(data)) {
        throw new DomainRuleViolation(
          'policy-version-conflict',
          `Version ${policy.version} of policy ${policy.policyNumber} was imported with other content`,
        );
      }
      return [];
    }
  }
  return [
    recordPolicy('PolicySnapshotImported', data, {
      occurredAt: now,
      personalData: {
        subjectId: policy.holder.customerId,
        fields: {
          holderName: policy.holder.name,
          holderPhone: policy.holder.phone ?? '',
          insuredPersonNames: Object.fromEntries(policy.insuredPersons.map((p) => [p.personId, p.name])),
        },
      },
    }),
  ];
}

/** What an import decided: events mean a new snapshot, none that this version was already there. */
export function importOutcome(events: readonly PolicyEvent[]): ImportOutcome {
  return events.length > 0 ? 'imported' : 'already-imported';
}

function importedData(policy: PolicyImport): PolicySnapshotImportedData {
  const snapshot: PolicySnapshot = {
    policyNumber: policy.policyNumber,
    productLine: policy.productLine,
    coverStart: policy.coverStart,
    coverEnd: policy.coverEnd,
    sumInsured: { amountMinor: policy.sumInsured.amountMinor, currency: policy.sumInsured.currency },
    deductible: { amountMinor: policy.deductible.amountMinor, currency: policy.deductible.currency },
    coverageRatioPercent: policy.coverageRatioPercent,
    coveredPerils: [...policy.coveredPerils],
    exclusions: [...policy.exclusions],
    status: policy.status,
  };
  return {
    snapshot,
    version: policy.version,
    holderCustomerId: policy.holder.customerId,
    insuredPersonIds: policy.insuredPersons.map((p) => p.personId),
  };
}

function refuseInconsistentImport(policy: PolicyImport): void {
  if (policy.coverEnd < policy.coverStart) {
    throw new DomainRuleViolation(
      'cover-period-invalid',
      `Policy ${policy.policyNumber}: cover ends before it starts`,
    );
  }
  if (policy.deductible.currency !== policy.sumInsured.currency) {
    throw new DomainRuleViolation(
      'policy-currency-mixed',
      `Policy ${policy.policyNumber}: deductible and sum insured are in different currencies`,
    );
  }
  if (policy.insuredPersons.length === 0) {
    throw new DomainRuleViolation(
      'no-insured-person',
      `Policy ${policy.policyNumber} names no insured person`,
    );
  }
}

/** The same facts give the same text whatever their keys' order (a JSONB column reorders them). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
