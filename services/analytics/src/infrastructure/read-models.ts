import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MaskedCustomer } from '../domain/masking';

/** Every integration event analytics received, as published: the history reports and rebuilds fold. */
@Entity({ name: 'analytics_received_event' })
export class ReceivedEventRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) eventId: string;
  @Column({ type: 'varchar', length: 80 }) topic: string;
  @Column({ type: 'int' }) partition: number;
  @Column({ type: 'varchar', length: 24 }) busOffset: string;
  @Column({ type: 'varchar', length: 100 }) source: string;
  @Column({ type: 'varchar', length: 80 }) type: string;
  @Column({ type: 'int' }) schemaVersion: number;
  @Column({ type: 'varchar', length: 100 }) subject: string;
  @Index() @Column({ type: 'varchar', length: 100 }) caseId: string;
  @Column({ type: 'varchar', length: 40 }) time: string;
  @Index() @Column({ type: 'varchar', length: 100 }) correlationId: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) causationId: string | null;
  @Column({ type: 'simple-json' }) data: Record<string, unknown>;
}

/** The archive: one row per claim or complaint (ArchivedCase). */
@Entity({ name: 'analytics_case' })
export class ArchivedCaseRow {
  @PrimaryColumn({ type: 'varchar', length: 100 }) caseId: string;
  @Index() @Column({ type: 'varchar', length: 20 }) kind: string;
  @Index() @Column({ type: 'varchar', length: 40, nullable: true }) number: string | null;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) policyNumber: string | null;
  @Column({ type: 'simple-json', nullable: true }) customer: MaskedCustomer | null;
  @Index() @Column({ type: 'varchar', length: 40 }) status: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) outcome: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) category: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) channel: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) productLine: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) branch: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) handlerId: string | null;
  @Column({ type: 'simple-json' }) reasonCodes: string[];
  @Column({ type: 'simple-json' }) milestones: Record<string, string>;
  @Column({ type: 'simple-json' }) durations: Record<string, number>;
  @Column({ type: 'varchar', length: 20, nullable: true }) route: string | null;
  @Column({ type: 'int' }) supplementaryRounds: number;
  @Column({ type: 'int' }) escalations: number;
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v: unknown) => v,
      from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
    },
  })
  payoutMinor: number | null;
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v: unknown) => v,
      from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
    },
  })
  paidMinor: number | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) currency: string | null;
  @Column({ type: 'simple-json' }) timeLimitsAtRisk: string[];
  @Column({ type: 'simple-json' }) timeLimitsExceeded: string[];
  @Column({ type: 'simple-json' }) clocks: Record<
    string,
    'within' | 'late' | 'breached' | 'stopped' | 'running'
  >;
  @Column({ type: 'varchar', length: 20, nullable: true }) satisfaction: 'satisfied' | 'dissatisfied' | null;
  @Column({ type: 'int' }) reevaluations: number;
  @Column({ type: 'varchar', length: 60, nullable: true }) rootCause: string | null;
  @Column({ type: 'boolean' }) correctiveAction: boolean;
  @Column({ type: 'simple-json' }) relatedNumbers: string[];
  @Index() @Column({ type: 'varchar', length: 40, nullable: true }) receivedAt: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) closedAt: string | null;
  @Column({ type: 'int' }) reopened: number;
}

/** A closed quarter: the report's bytes as they were when it was closed. */
@Entity({ name: 'analytics_closed_quarter' })
export class ClosedQuarterRow {
  @PrimaryColumn({ type: 'varchar', length: 7 }) quarter: string;
  @Column({ type: 'text' }) json: string;
  @Column({ type: 'varchar', length: 40 }) closedAt: string;
  @Column({ type: 'varchar', length: 100 }) closedBy: string;
}

export const analyticsReadModels = [ReceivedEventRow, ArchivedCaseRow, ClosedQuarterRow];
