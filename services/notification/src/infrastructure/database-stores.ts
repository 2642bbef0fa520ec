import { PersonalDataVault, SealedValue } from '@claims/event-sourcing';
import { DataSource, EntityManager } from 'typeorm';
import { Channel, Recipient } from '../domain/channels';
import { DEFAULT_LOCALE, Locale } from '../domain/locale-format';
import { ContactPreferences } from '../domain/preferences';
import {
  CallTask,
  CallTaskQueue,
  CaseDirectory,
  CaseFacts,
  ContactDetails,
  ContactDirectory,
  Inbox,
  InboxEntry,
  MessageIndex,
  MessageSummary,
  PendingMessages,
  PreferencesStore,
} from '../application/ports';
import {
  CallTaskRow,
  CaseRow,
  ContactRow,
  InboxRow,
  MessageRow,
  PendingMessageRow,
  PreferencesRow,
} from './read-models';
import { LessThanOrEqual } from 'typeorm';

const caseKey = (kind: 'claim' | 'complaint', id: string) => `${kind}:${id}`;

/** Cases as the consumers recorded them. */
export class DatabaseCaseDirectory implements CaseDirectory {
  /** @param db the data source, or `{ manager }` of a consumer's transaction */
  constructor(private readonly db: { readonly manager: EntityManager }) {}

  async caseOf(kind: 'claim' | 'complaint', id: string): Promise<CaseFacts | null> {
    const row = await this.db.manager.findOneBy(CaseRow, { caseKey: caseKey(kind, id) });
    if (!row) return null;
    return {
      kind,
      id,
      number: row.number,
      customerId: row.customerId,
      handlerId: row.handlerId,
      preferredChannel: row.preferredChannel as Channel | null,
    };
  }

  /** Merges what an event tells of a case (a later event fills or replaces fields, never blanks them). */
  static async record(
    manager: EntityManager,
    kind: 'claim' | 'complaint',
    id: string,
    facts: Partial<Omit<CaseFacts, 'kind' | 'id'>>,
  ): Promise<void> {
    const key = caseKey(kind, id);
    const existing = await manager.findOneBy(CaseRow, { caseKey: key });
    const defined = Object.fromEntries(
      Object.entries(facts).filter(([, v]) => v !== null && v !== undefined),
    );
    await manager.save(CaseRow, {
      caseKey: key,
      number: existing?.number ?? id,
      customerId: existing?.customerId ?? null,
      handlerId: existing?.handlerId ?? null,
      preferredChannel: existing?.preferredChannel ?? null,
      ...defined,
    });
  }
}

/**
 * Customers' contact details sealed with the platform's vault, so forgetting the customer makes
 * them unreadable here too (and the message is recorded as suppressed). Staff are reached at their
 * work address, `<employee id>@<staff mail domain>`.
 */
export class SealedContactDirectory implements ContactDirectory {
  constructor(
    private readonly db: { readonly manager: EntityManager },
    private readonly vault: PersonalDataVault,
    private readonly staffMailDomain: string,
  ) {}

  async contactOf(recipient: Recipient): Promise<ContactDetails | 'forgotten' | null> {
    if (recipient.role !== 'customer')
      return {
        name: null,
        phone: null,
        email: `${recipient.id}@${this.staffMailDomain}`,
        locale: DEFAULT_LOCALE,
      };
    const row = await this.db.manager.findOneBy(ContactRow, { customerId: recipient.id });
    if (!row) return null;
    const opened = await this.vault.decrypt<Partial<ContactDetails>>(row.sealed as unknown as SealedValue);
    if (opened.erased) return 'forgotten';
    const { name = null, phone = null, email = null, locale = DEFAULT_LOCALE } = opened.value;
    return { name, phone, email, locale: locale as Locale };
  }

  static async record(
    manager: EntityManager,
    vault: PersonalDataVault,
    customerId: string,
    details: Partial<ContactDetails>,
  ): Promise<void> {
    const existing = await manager.findOneBy(ContactRow, { customerId });
    let merged: Partial<ContactDetails> = details;
    if (existing) {
      const opened = await vault.decrypt<Partial<ContactDetails>>(existing.sealed as unknown as SealedValue);
      if (!opened.erased) merged = { ...opened.value, ...stripNulls(details) };
    }
    const sealed = await vault.encrypt(customerId, merged);
    await manager.save(ContactRow, { customerId, sealed: sealed as unknown as Record<string, unknown> });
  }
}

const stripNulls = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;

export class DatabasePreferencesStore implements PreferencesStore {
  constructor(private readonly db: DataSource) {}

  async preferencesOf(customerId: string, defaults: ContactPreferences): Promise<ContactPreferences> {
    const row = await this.db.manager.findOneBy(PreferencesRow, { customerId });
    return row ? { ...defaults, ...(row.preferences as Partial<ContactPreferences>) } : defaults;
  }

  async save(customerId: string, preferences: ContactPreferences): Promise<void> {
    await this.db.manager.save(PreferencesRow, {
      customerId,
      preferences: preferences as unknown as Record<string, unknown>,
    });
  }
}

export class DatabaseInbox implements Inbox {
  constructor(private readonly db: DataSource) {}

  async put(entry: InboxEntry): Promise<void> {
    const exists = await this.db.manager.existsBy(InboxRow, { messageId: entry.messageId });
    if (!exists) await this.db.manager.insert(InboxRow, { ...entry });
  }

  async list(customerId: string): Promise<InboxEntry[]> {
    const rows = await this.db.manager.find(InboxRow, {
      where: { customerId },
      order: { receivedAt: 'DESC' },
    });
    return rows.map((row) => ({ ...row, caseKind: row.caseKind as InboxEntry['caseKind'] }));
  }

  async markRead(customerId: string, messageId: string, at: Date): Promise<boolean> {
    const row = await this.db.manager.findOneBy(InboxRow, { messageId, customerId });
    if (!row) return false;
    if (!row.readAt) await this.db.manager.update(InboxRow, { messageId }, { readAt: at.toISOString() });
    return true;
  }
}

export class DatabaseCallTaskQueue implements CallTaskQueue {
  constructor(private readonly db: DataSource) {}

  async add(task: CallTask): Promise<void> {
    const exists = await this.db.manager.existsBy(CallTaskRow, { taskId: task.taskId });
    if (!exists) await this.db.manager.insert(CallTaskRow, { ...task });
  }

  async open(): Promise<CallTask[]> {
    const rows = await this.db.manager.find(CallTaskRow, {
      where: { status: 'open' },
      order: { createdAt: 'ASC' },
    });
    return rows.map(toTask);
  }

  async get(taskId: string): Promise<CallTask | null> {
    const row = await this.db.manager.findOneBy(CallTaskRow, { taskId });
    return row ? toTask(row) : null;
  }

  async complete(taskId: string, outcome: string): Promise<void> {
    await this.db.manager.update(CallTaskRow, { taskId }, { status: 'done', outcome });
  }
}

const toTask = (row: CallTaskRow): CallTask => ({
  ...row,
  caseKind: row.caseKind as CallTask['caseKind'],
  status: row.status as CallTask['status'],
});

export class DatabasePendingMessages implements PendingMessages {
  constructor(private readonly db: DataSource) {}

  async track(messageId: string, dueAt: string | null): Promise<void> {
    if (dueAt === null) await this.db.manager.delete(PendingMessageRow, { messageId });
    else await this.db.manager.save(PendingMessageRow, { messageId, dueAt });
  }

  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db.manager.find(PendingMessageRow, {
      where: { dueAt: LessThanOrEqual(now.toISOString()) },
      order: { dueAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.messageId);
  }
}

export class DatabaseMessageIndex implements MessageIndex {
  constructor(private readonly db: DataSource) {}

  async record(summary: MessageSummary): Promise<void> {
    await this.db.manager.save(MessageRow, { ...summary });
  }

  async forCase(kind: 'claim' | 'complaint', caseId: string): Promise<MessageSummary[]> {
    const rows = await this.db.manager.find(MessageRow, {
      where: { caseKind: kind, caseId },
      order: { requestedAt: 'ASC' },
    });
    return rows.map((r) => ({ ...r, caseKind: r.caseKind as MessageSummary['caseKind'] }));
  }
}
