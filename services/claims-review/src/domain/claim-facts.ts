import { Money } from './money';

export const PRODUCT_LINES = ['motor', 'health-accident', 'property'] as const;
export type ProductLine = (typeof PRODUCT_LINES)[number];

export const POLICY_STATUSES = ['in-force', 'lapsed', 'cancelled'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** The policy as intake saw it at submission (ClaimSubmitted v1). Dates are `YYYY-MM-DD`, inclusive. */
export interface PolicySnapshot {
  readonly policyNumber: string;
  readonly productLine: ProductLine;
  readonly coverStart: string;
  readonly coverEnd: string;
  readonly sumInsured: Money;
  readonly deductible: Money;
  /** Integer 0–100: the share of the loss (after the deductible) the policy pays. */
  readonly coverageRatioPercent: number;
  readonly coveredPerils: readonly string[];
  readonly exclusions: readonly string[];
  readonly status: PolicyStatus;
}

export interface Accident {
  /** ISO instant. */
  readonly occurredAt: string;
  /** Cause code, compared with the policy's covered perils and exclusions. */
  readonly cause: string;
  readonly lossKind: string;
}

export interface SubmittedDocument {
  readonly documentId: string;
  readonly kind: string;
  readonly contentHash: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

/** What claims review knows of a claim from intake, apart from the sealed personal data. */
export interface SubmittedClaim {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly channel: string;
  readonly feedbackChannel: string;
  readonly policy: PolicySnapshot;
  readonly accident: Accident;
  readonly estimatedLoss: Money;
  readonly documents: readonly SubmittedDocument[];
  readonly submittedAt: string;
}

/** Claimant details, stored only sealed for the customer (crypto-shredding). */
export interface ClaimantDetails {
  readonly claimantName?: unknown;
  readonly claimantPhone?: unknown;
  readonly insuredPersonName?: unknown;
  readonly place?: unknown;
  readonly description?: unknown;
}
