import { DomainEvent, DomainRuleViolation, EventSourcedAggregate } from '@claims/event-sourcing';
import { Money, ProductLine } from '../vocabulary';

export const POLICY_STATUSES = ['in-force', 'lapsed', 'cancelled'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** The policy facts other contexts need, without personal data (the catalogue's PolicySnapshot). */
export interface PolicySnapshot {
  readonly policyNumber: string;
  readonly productLine: ProductLine;
  /** Dates `YYYY-MM-DD`, inclusive. */
  readonly coverStart: string;
  readonly coverEnd: string;
  readonly sumInsured: Money;
  readonly deductible: Money;
  readonly coverageRatioPercent: number;
  readonly coveredPerils: readonly string[];
  readonly exclusions: readonly string[];
  readonly status: PolicyStatus;
}

export interface InsuredPerson {
  readonly personId: string;
  readonly name: string;
}

/** What the policy administration system sends: the snapshot plus holder and insured persons. */
export interface PolicyImport extends PolicySnapshot {
  readonly version: number;
  readonly holder: { readonly customerId: string; readonly name: string; readonly phone?: string };
  readonly insuredPersons: readonly InsuredPerson[];
}

export interface PolicySnapshotImportedData {
  readonly snapshot: PolicySnapshot;
  readonly version: number;
  readonly holderCustomerId: string;
  readonly insuredPersonIds: readonly string[];
}

export type ImportOutcome = 'imported' | 'already-imported';

/**
 * A policy as intake knows it: the latest snapshot imported from policy administration.
 * Stream `policy-<policyNumber>`; imports are idempotent by policy number and version.
 */
export class Policy extends EventSourcedAggregate {
  private current: PolicySnapshotImportedData | null = null;
  private holderName = '';
  private holderPhone = '';
  private insuredNames: Record<string, string> = {};

  get exists(): boolean {
    return this.current !== null;
  }

  get snapshot(): PolicySnapshot {
    return this.state().snapshot;
  }

  get version(): number {
    return this.state().version;
  }

  get holderCustomerId(): string {
    return this.state().holderCustomerId;
  }

  get holder(): { customerId: string; name: string; phone: string } {
    return { customerId: this.holderCustomerId, name: this.holderName, phone: this.holderPhone };
  }

  get insuredPersons(): InsuredPerson[] {
    return this.state().insuredPersonIds.map((personId) => ({ personId, name: this.insuredNames[personId] ?? '' }));
  }

  insures(personId: string): boolean {
    return this.state().insuredPersonIds.includes(personId);
  }

  /** Same version again: nothing new. An older version, or the same version with other content: refused. */
  importSnapshot(policy: PolicyImport): ImportOutcome {
    refuseInconsistentImport(policy);
    const data = importedData(policy);
    if (this.current && policy.version < this.current.version) {
      throw new DomainRuleViolation('policy-version-outdated', `Policy ${policy.policyNumber} is already at version ${this.current.version}`, {
        currentVersion: this.current.version,
      });
    }
    if (this.current && policy.version === this.current.version) {
      if (JSON.stringify(this.current) !== JSON.stringify(data)) {
        throw new DomainRuleViolation('policy-version-conflict', `Version ${policy.version} of policy ${policy.policyNumber} was imported with other content`);
      }
      return 'already-imported';
    }
    this.apply({
      type: 'PolicySnapshotImported',
      schemaVersion: 1,
      data,
      personalData: {
        subjectId: policy.holder.customerId,
        fields: {
          holderName: policy.holder.name,
          holderPhone: policy.holder.phone ?? '',
          insuredPersonNames: Object.fromEntries(policy.insuredPersons.map((p) => [p.personId, p.name])),
        },
      },
    });
    return 'imported';
  }

  onPolicySnapshotImported(event: DomainEvent<PolicySnapshotImportedData>): void {
    this.current = event.data;
    const fields = event.personalData?.fields ?? {};
    this.holderName = String(fields.holderName ?? '');
    this.holderPhone = String(fields.holderPhone ?? '');
    const names = fields.insuredPersonNames;
    this.insuredNames = typeof names === 'object' && names !== null ? (names as Record<string, string>) : {};
  }

  private state(): PolicySnapshotImportedData {
    if (!this.current) throw new Error(`Policy ${this.id} has no snapshot`);
    return this.current;
  }
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
    throw new DomainRuleViolation('cover-period-invalid', `Policy ${policy.policyNumber}: cover ends before it starts`);
  }
  if (policy.deductible.currency !== policy.sumInsured.currency) {
    throw new DomainRuleViolation('policy-currency-mixed', `Policy ${policy.policyNumber}: deductible and sum insured are in different currencies`);
  }
  if (policy.insuredPersons.length === 0) {
    throw new DomainRuleViolation('no-insured-person', `Policy ${policy.policyNumber} names no insured person`);
  }
}

/**
 * A claim may be made only on a known policy that is in force on the accident date (local
 * date, cover period inclusive).
 */
export function refuseClaimUnlessCovered(policy: Policy | null, policyNumber: string, accidentDate: string): void {
  if (!policy?.exists) {
    throw new DomainRuleViolation('policy-unknown', `There is no policy ${policyNumber}`, { policyNumber });
  }
  const { status, coverStart, coverEnd } = policy.snapshot;
  if (status !== 'in-force') {
    throw new DomainRuleViolation('policy-not-in-force', `Policy ${policyNumber} is ${status}`, { policyNumber, policyStatus: status });
  }
  if (accidentDate < coverStart) {
    throw new DomainRuleViolation('accident-before-cover-start', `Policy ${policyNumber} was not yet active on ${accidentDate}: cover starts on ${coverStart}`, {
      policyNumber,
      coverStart,
      accidentDate,
    });
  }
  if (accidentDate > coverEnd) {
    throw new DomainRuleViolation('accident-after-cover-end', `Policy ${policyNumber} had lapsed on ${accidentDate}: cover ended on ${coverEnd}`, {
      policyNumber,
      coverEnd,
      accidentDate,
    });
  }
}
