import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The first response to a POST carrying an Idempotency-Key, per caller and key. */
@Entity({ name: 'idempotency_record' })
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  callerAndKey: string;

  /** sha256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** null while the first request is still being handled. */
  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  /** The process instance handling the first request while `status` is null. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  owner: string | null;

  /**
   * Until when (epoch ms) the first request may still be running. A retry after it takes the
   * key over and runs again: the command id derives from the key, so it completes what a crashed
   * first attempt began instead of doing it twice.
   */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | number | null) => (v === null ? null : Number(v)),
    },
  })
  leaseUntil: number | null;

  @CreateDateColumn()
  createdAt: Date;
}

/** One line of the command audit trail: every state-changing request, accepted or refused. */
@Entity({ name: 'command_audit' })
export class CommandAuditRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'varchar', length: 100 })
  correlationId: string;

  @Index()
  @Column({ type: 'varchar', length: 30 })
  at: string;

  /** null when the caller was not authenticated. */
  @Index()
  @Column({ type: 'varchar', length: 200, nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  role: string | null;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 300 })
  path: string;

  @Column({ type: 'integer' })
  status: number;

  @Column({ type: 'varchar', length: 10 })
  outcome: 'accepted' | 'refused' | 'failed';
}

export const hostEntities = [IdempotencyRecord, CommandAuditRecord];
