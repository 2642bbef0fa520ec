import { ContactPreferences } from '../domain/preferences';
import {
  CallTask,
  CallTaskQueue,
  Inbox,
  InboxEntry,
  MessageIndex,
  MessageSummary,
  PendingMessages,
  PreferencesStore,
} from '../application/ports';

/** The customer inbox kept in memory (tests; embedded until a read model table replaces it). */
export class InMemoryInbox implements Inbox {
  private readonly entries = new Map<string, InboxEntry>();

  async put(entry: InboxEntry): Promise<void> {
    if (!this.entries.has(entry.messageId)) this.entries.set(entry.messageId, entry);
  }

  async list(customerId: string): Promise<InboxEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.customerId === customerId)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  async markRead(customerId: string, messageId: string, at: Date): Promise<boolean> {
    const entry = this.entries.get(messageId);
    if (!entry || entry.customerId !== customerId) return false;
    if (!entry.readAt) this.entries.set(messageId, { ...entry, readAt: at.toISOString() });
    return true;
  }
}

export class InMemoryCallTaskQueue implements CallTaskQueue {
  private readonly tasks = new Map<string, CallTask>();

  async add(task: CallTask): Promise<void> {
    if (!this.tasks.has(task.taskId)) this.tasks.set(task.taskId, task);
  }

  async open(): Promise<CallTask[]> {
    return [...this.tasks.values()]
      .filter((t) => t.status === 'open')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get(taskId: string): Promise<CallTask | null> {
    return this.tasks.get(taskId) ?? null;
  }

  async complete(taskId: string, outcome: string): Promise<void> {
    const task = this.tasks.get(taskId);
    if (task) this.tasks.set(taskId, { ...task, status: 'done', outcome });
  }
}

export class InMemoryPreferencesStore implements PreferencesStore {
  private readonly saved = new Map<string, ContactPreferences>();

  async preferencesOf(customerId: string, defaults: ContactPreferences): Promise<ContactPreferences> {
    return this.saved.get(customerId) ?? defaults;
  }

  async save(customerId: string, preferences: ContactPreferences): Promise<void> {
    this.saved.set(customerId, preferences);
  }
}

export class InMemoryPendingMessages implements PendingMessages {
  private readonly rows = new Map<string, string>();

  async track(messageId: string, dueAt: string | null): Promise<void> {
    if (dueAt === null) this.rows.delete(messageId);
    else this.rows.set(messageId, dueAt);
  }

  async due(now: Date, limit: number): Promise<string[]> {
    return [...this.rows.entries()]
      .filter(([, dueAt]) => Date.parse(dueAt) <= now.getTime())
      .sort((a, b) => a[1].localeCompare(b[1]))
      .slice(0, limit)
      .map(([id]) => id);
  }
}

export class InMemoryMessageIndex implements MessageIndex {
  private readonly rows = new Map<string, MessageSummary>();

  async record(summary: MessageSummary): Promise<void> {
    this.rows.set(summary.messageId, summary);
  }

  async forCase(kind: 'claim' | 'complaint', caseId: string): Promise<MessageSummary[]> {
    return [...this.rows.values()]
      .filter((r) => r.caseKind === kind && r.caseId === caseId)
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }
}
