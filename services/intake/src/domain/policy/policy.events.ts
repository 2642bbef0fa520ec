import { EventUnion, eventRecorder } from '@claims/event-sourcing';
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

export interface PolicySnapshotImportedData {
  readonly snapshot: PolicySnapshot;
  readonly version: number;
  readonly holderCustomerId: string;
  readonly insuredPersonIds: readonly string[];
}

/**
 * Stream `policy-<policyNumber>`: the snapshots imported from policy administration. Sealed for
 * the holder: `holderName`, `holderPhone`, `insuredPersonNames` (person id -> name).
 */
export interface PolicyEvents {
  PolicySnapshotImported: PolicySnapshotImportedData;
}

export type PolicyEvent = EventUnion<PolicyEvents>;

export const recordPolicy = eventRecorder<PolicyEvents>({ PolicySnapshotImported: 1 });
