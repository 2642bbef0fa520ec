import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the service learned of a case from the published events: ids and numbers, nothing personal. */
@Entity({ name: 'notification_case' })
export class CaseRow {
  /** `claim:<id>` or `complaint:<id>`. */
  @PrimaryColumn({ type: 'varchar', length: 80 }) caseKey: string;
  @Column({ type: 'varchar', length: 64 }) number: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) customerId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) handlerId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) preferredChannel: string | null;
}

/** A customer's contact details, sealed for them (unreadable once they are forgotten). */
@Entity({ name: 'notification_contact' })
export class ContactRow {
  @PrimaryColumn({ type: 'varchar', length: 100 }) customerId: string;
  @Column({ type: 'simple-json' }) sealed: Record<string, unknown>;
}

@Entity({ name: 'notification_preferences' })
export class PreferencesRow {
  @PrimaryColumn({ type: 'varchar', length: 100 }) customerId: string;
  @Column({ type: 'simple-json' }) preferences: Record<string, unknown>;
}

@Entity({ name: 'notification_inbox' })
export class InboxRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) messageId: string;
  @Index() @Column({ type: 'varchar', length: 100 }) customerId: string;
  @Column({ type: 'varchar', length: 20 }) caseKind: string;
  @Column({ type: 'varchar', length: 64 }) caseId: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'varchar', length: 40 }) receivedAt: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) readAt: string | null;
}

@Entity({ name: 'notification_call_task' })
export class CallTaskRow {
  @PrimaryColumn({ type: 'varchar', length: 120 }) taskId: string;
  @Column({ type: 'varchar', length: 64 }) messageId: string;
  @Column({ type: 'varchar', length: 100 }) customerId: string;
  @Column({ type: 'varchar', length: 20 }) caseKind: string;
  @Column({ type: 'varchar', length: 64 }) caseId: string;
  @Column({ type: 'varchar', length: 64 }) caseNumber: string;
  @Column({ type: 'text' }) script: string;
  @Column({ type: 'int' }) attempt: number;
  @Index() @Column({ type: 'varchar', length: 40 }) createdAt: string;
  @Index() @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) outcome: string | null;
}

/** A message still moving, and when it is due next (the sweep's work list). */
@Entity({ name: 'notification_pending_message' })
export class PendingMessageRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) messageId: string;
  @Index() @Column({ type: 'varchar', length: 40 }) dueAt: string;
}

/** Each message of a case, as it stands: staff read a case's messages and their delivery status. */
@Entity({ name: 'notification_message' })
@Index(['caseKind', 'caseId'])
export class MessageRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) messageId: string;
  @Column({ type: 'varchar', length: 20 }) caseKind: string;
  @Column({ type: 'varchar', length: 64 }) caseId: string;
  @Column({ type: 'varchar', length: 60 }) templateId: string;
  @Column({ type: 'varchar', length: 20 }) recipientRole: string;
  @Column({ type: 'varchar', length: 100 }) recipientId: string;
  @Column({ type: 'varchar', length: 60 }) sourceEventType: string;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) channel: string | null;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'varchar', length: 40 }) requestedAt: string;
  @Column({ type: 'varchar', length: 40 }) updatedAt: string;
}

export const notificationReadModels = [
  CaseRow,
  ContactRow,
  PreferencesRow,
  InboxRow,
  CallTaskRow,
  PendingMessageRow,
  MessageRow,
];
