import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The front desk's open work: consultations not yet answered and applications not yet complete.
 * Ids and non-personal facts only.
 */
@Entity({ name: 'intake_work_queue_item' })
export class WorkQueueItem {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  caseId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: 'consultation' | 'claim-application';

  /** The claim number, for applications. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  reference: string | null;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  ownerId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  team: string | null;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  channel: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  customerId: string | null;

  @Column({ type: 'varchar', length: 60 })
  status: string;

  /** ISO instant the case entered the queue; ISO strings sort in time order. */
  @Index()
  @Column({ type: 'varchar', length: 30 })
  openedAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  responseDueAt: string | null;
}

/** Where each claim stands, for the customer's tracking and the front desk. */
@Entity({ name: 'intake_claim_status' })
export class ClaimStatusView {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  claimId: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  claimNumber: string;

  @Index()
  @Column({ type: 'varchar', length: 100 })
  customerId: string;

  @Column({ type: 'varchar', length: 40 })
  policyNumber: string;

  @Column({ type: 'varchar', length: 30 })
  productLine: string;

  @Column({ type: 'varchar', length: 20 })
  channel: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  agentId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 60 })
  status: string;

  @Column({ type: 'integer', default: 0 })
  documentsSupplied: number;

  @Column({ type: 'integer', nullable: true })
  openSupplementaryRound: number | null;

  @Column({ type: 'varchar', length: 30 })
  reportedAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  submittedAt: string | null;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

/** Intake's read-model tables (the host adds the projection checkpoint and messaging bookkeeping). */
export const intakeReadModelEntities = [WorkQueueItem, ClaimStatusView];
