import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per complaint: the work queue and the customers' lists read it (the view folds the history). */
@Entity({ name: 'complaint_view' })
export class ComplaintRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) complaintId: string;
  @Column({ type: 'varchar', length: 20 }) complaintNumber: string;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) customerId: string | null;
  @Column({ type: 'varchar', length: 40 }) channel: string;
  @Column({ type: 'varchar', length: 60 }) category: string;
  @Index() @Column({ type: 'varchar', length: 40 }) status: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) priority: string | null;
  @Column({ type: 'boolean', default: false }) major: boolean;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) handlerId: string | null;
  @Column({ type: 'int', default: 0 }) round: number;
  @Column({ type: 'int', nullable: true }) approvalLevel: number | null;
  /** Each clock's state and due instant, to find the nearest running deadline. */
  @Column({ type: 'simple-json' }) clocks: Record<string, { state: string; dueAt: string }>;
  /** The nearest due instant of a running clock (ISO, UTC); null when none runs. */
  @Index() @Column({ type: 'varchar', length: 40, nullable: true }) nextDueAt: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) nextClock: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) regulatoryDueAt: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) lastAlert: string | null;
  @Column({ type: 'simple-json' }) relatedClaimNumbers: string[];
  @Column({ type: 'varchar', length: 40 }) receivedAt: string;
  @Column({ type: 'varchar', length: 40 }) updatedAt: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) closedAt: string | null;
}

/** A claim claims review told of: its id and number (ClaimAccepted carries both). */
@Entity({ name: 'complaint_claim_ref' })
export class ClaimRef {
  @PrimaryColumn({ type: 'varchar', length: 64 }) claimId: string;
  @Index() @Column({ type: 'varchar', length: 64 }) claimNumber: string;
}

/** Who had a hand in a claim: the recusal facts. */
@Entity({ name: 'complaint_claim_involvement' })
export class ClaimInvolvementRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) claimId: string;
  @PrimaryColumn({ type: 'varchar', length: 100 }) staffId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) involvedAs: 'handler' | 'investigator' | 'approver';
  @Column({ type: 'varchar', length: 40 }) since: string;
}

/** The related claim's timeline: claims review's public events on it, by event id. */
@Entity({ name: 'complaint_claim_timeline' })
export class ClaimTimelineRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) eventId: string;
  @Index() @Column({ type: 'varchar', length: 64 }) claimId: string;
  @Column({ type: 'varchar', length: 60 }) type: string;
  @Column({ type: 'varchar', length: 40 }) occurredAt: string;
}

/** The service's tables (the host adds the projection checkpoint and messaging bookkeeping). */
export const complaintReadModels = [ComplaintRow, ClaimRef, ClaimInvolvementRow, ClaimTimelineRow];
