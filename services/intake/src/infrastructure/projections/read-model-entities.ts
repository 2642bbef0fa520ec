import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ClaimStatusEntry, RequestedDocuments, WorkQueueEntry } from '../../application/ports';
import {
  ClaimStatus,
  ReviewDecision,
  ReviewPayment,
  ReviewProgress,
  ReviewStage,
} from '../../domain/claim-application/claim-application.state';
import { CustomerStage } from '../../domain/claim-application/customer-stage';

/**
 * The front desk's open work: consultations not yet answered and applications not yet complete.
 * Ids and non-personal facts only.
 */
@Entity({ name: 'intake_work_queue_item' })
@Index(['openedAt', 'caseId'])
export class WorkQueueItem implements WorkQueueEntry {
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

/**
 * Where each claim stands, from the report to closure, for the customer's tracking and the front
 * desk: intake's own steps and what claims review told of it (its customer-facing facts only).
 * The decision, payment and requested documents are JSON (small, read whole, never queried into).
 */
@Entity({ name: 'intake_claim_status_v2' })
@Index(['reportedAt', 'claimId'])
export class ClaimStatusView implements ClaimStatusEntry {
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
  status: ClaimStatus;

  @Index()
  @Column({ type: 'varchar', length: 40 })
  stage: CustomerStage;

  @Column({ type: 'varchar', length: 40, nullable: true })
  reviewStage: ReviewStage | null;

  @Column({ type: 'integer', default: 0 })
  documentsSupplied: number;

  @Column({ type: 'integer', nullable: true })
  openSupplementaryRound: number | null;

  @Column({ type: 'simple-json', nullable: true })
  requestedDocuments: RequestedDocuments | null;

  @Column({ type: 'simple-json', nullable: true })
  decision: ReviewDecision | null;

  @Column({ type: 'simple-json', nullable: true })
  payment: ReviewPayment | null;

  @Column({ type: 'simple-json', nullable: true })
  reopened: ReviewProgress['reopened'];

  /** ISO instants (`toISOString()`): their order as strings is their order in time. */
  @Column({ type: 'varchar', length: 30 })
  reportedAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  submittedAt: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  acceptedAt: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  closedAt: string | null;

  @Column({ type: 'varchar', length: 40 })
  updatedAt: string;
}

/** Intake's read-model tables (the host adds the projection checkpoint and messaging bookkeeping). */
export const intakeReadModelEntities = [WorkQueueItem, ClaimStatusView];
