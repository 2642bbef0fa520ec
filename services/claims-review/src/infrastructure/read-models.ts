import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';

const minorUnits: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** One row per review case: the work queues, the time-limit board and the case view read it. */
@Entity({ name: 'review_case_view' })
export class ReviewCaseView {
  @PrimaryColumn({ type: 'varchar', length: 64 }) claimId: string;
  @Index() @Column({ type: 'varchar', length: 64 }) claimNumber: string;
  @Index() @Column({ type: 'varchar', length: 100 }) customerId: string;
  @Index() @Column({ type: 'varchar', length: 100 }) policyNumber: string;
  @Column({ type: 'varchar', length: 40 }) productLine: string;
  @Column({ type: 'varchar', length: 40 }) channel: string;
  @Index() @Column({ type: 'varchar', length: 40 }) status: string;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) handlerId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) investigatorId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) proposedBy: string | null;
  /** Approval level the proposed decision waits for (null when none waits). */
  @Column({ type: 'int', nullable: true }) approvalLevel: number | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) currentStep: string | null;
  /** ISO instant; null while the step's clock is paused for the customer, or once closed. */
  @Index() @Column({ type: 'varchar', length: 40, nullable: true }) stepDueAt: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) pausedSince: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) customerRespondBy: string | null;
  /** The last time-limit alert recorded for the current step. */
  @Column({ type: 'varchar', length: 20, nullable: true }) timeLimitAlert: string | null;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'bigint', transformer: minorUnits }) estimatedLossMinor: number;
  @Column({ type: 'bigint', nullable: true, transformer: minorUnits }) assessedLossMinor: number | null;
  @Column({ type: 'bigint', nullable: true, transformer: minorUnits }) payoutMinor: number | null;
  @Column({ type: 'bigint', default: 0, transformer: minorUnits }) paidMinor: number;
  @Column({ type: 'simple-json', nullable: true }) payoutWorking: unknown;
  @Column({ type: 'simple-json', nullable: true }) decision: unknown;
  @Column({ type: 'simple-json' }) suspicions: Record<string, string>;
  @Column({ type: 'int', default: 0 }) supplementaryRounds: number;
  @Column({ type: 'boolean', default: false }) fastTracked: boolean;
  @Column({ type: 'varchar', length: 10, nullable: true }) expectedArrivalDate: string | null;
  @Column({ type: 'varchar', length: 40 }) submittedAt: string;
  @Column({ type: 'varchar', length: 40 }) updatedAt: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) closedAt: string | null;
}

/** What each policy has been paid across its claims (confirmed payments): the remaining sum insured. */
@Entity({ name: 'policy_paid_total' })
export class PolicyPaidTotal {
  @PrimaryColumn({ type: 'varchar', length: 100 }) policyNumber: string;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'bigint', transformer: minorUnits }) paidMinor: number;
  @Column({ type: 'int' }) paidClaims: number;
}

/**
 * Every re-examination an upheld complaint asked for (the complaint service's
 * ClaimReexaminationRequested), one row per message, with what came of it: the case reopened, it
 * was already reopened for that complaint, the claim is unknown here, or the case could not be
 * reopened (not closed: its status is kept). Staff follow up the last two; nothing is dropped
 * silently.
 */
@Entity({ name: 'claim_reexamination_request' })
export class ClaimReexaminationRequest {
  @PrimaryColumn({ type: 'varchar', length: 200 }) messageId: string;
  @Index() @Column({ type: 'varchar', length: 64 }) claimNumber: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) claimId: string | null;
  @Column({ type: 'varchar', length: 64 }) complaintId: string;
  @Index() @Column({ type: 'varchar', length: 32 }) complaintNumber: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'varchar', length: 40 }) requestedAt: string;
  @Index() @Column({ type: 'varchar', length: 30 }) outcome: ReexaminationOutcome;
  /** The refusal's code and the case's status when it was not reopened. */
  @Column({ type: 'varchar', length: 500, nullable: true }) detail: string | null;
  @Column({ type: 'varchar', length: 40 }) recordedAt: string;
}

export type ReexaminationOutcome = 'reopened' | 'already-reopened' | 'unknown-claim' | 'not-reopenable';

/** The service's tables (the host adds the projection checkpoint and messaging bookkeeping). */
export const reviewReadModels = [ReviewCaseView, PolicyPaidTotal, ClaimReexaminationRequest];
