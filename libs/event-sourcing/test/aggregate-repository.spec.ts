import { randomUUID } from 'node:crypto';
import {
  AggregateNotFoundError,
  AggregateRepository,
  CommandContext,
  EmbeddedEventStore,
  EventSourcedAggregate,
  UpcasterRegistry,
  WrongExpectedRevisionError,
  newEvent,
} from '../src';

interface NoteWritten {
  text: string;
  author: { name: string };
}

/** A tiny aggregate for the kernel's own tests. */
class Notebook extends EventSourcedAggregate {
  notes: string[] = [];
  authors: string[] = [];

  static open(id: string): Notebook {
    const notebook = new Notebook(id);
    notebook.apply({ type: 'NotebookOpened', schemaVersion: 1, data: {} });
    return notebook;
  }

  write(text: string, author: string): void {
    if (text.length === 0) throw new Error('empty note');
    this.apply({ type: 'NoteWritten', schemaVersion: 2, data: { text, author: { name: author } } });
  }

  onNotebookOpened(): void {
    this.notes = [];
  }

  onNoteWritten(event: { data: NoteWritten }): void {
    this.notes.push(event.data.text);
    this.authors.push(event.data.author.name);
  }
}

const context = (): CommandContext => ({
  actor: { id: 'handler-1', role: 'claims-handler' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

describe('AggregateRepository', () => {
  let store: EmbeddedEventStore;
  let repository: AggregateRepository<Notebook>;
  const upcasters = new UpcasterRegistry().register('NoteWritten', 1, (data) => ({
    text: data.text,
    author: { name: String(data.authorName ?? 'unknown') },
  }));

  beforeEach(() => {
    store = new EmbeddedEventStore(null);
    repository = new AggregateRepository(store, 'notebook', (id) => new Notebook(id), upcasters);
  });
  afterEach(() => store.close());

  it('saves new events with the command context and loads by replaying them', async () => {
    const notebook = Notebook.open('n1');
    notebook.write('first', 'Ann');
    const ctx = context();
    await repository.save(notebook, ctx);
    expect(notebook.revision).toBe(1);
    expect(notebook.getUncommittedEvents()).toEqual([]);

    const stored = await store.readStream('notebook-n1');
    expect(stored.map((e) => [e.type, e.schemaVersion])).toEqual([['NotebookOpened', 1], ['NoteWritten', 2]]);
    for (const event of stored) {
      expect(event).toMatchObject({ actor: ctx.actor, correlationId: ctx.correlationId, causationId: ctx.causationId });
    }

    const loaded = await repository.load('n1');
    expect(loaded.notes).toEqual(['first']);
    expect(loaded.revision).toBe(1);
  });

  it('refuses a save from a stale copy with a concurrency conflict, losing nothing', async () => {
    await repository.save(Notebook.open('n2'), context());
    const first = await repository.load('n2');
    const second = await repository.load('n2');
    first.write('from first', 'Ann');
    second.write('from second', 'Bob');
    await repository.save(first, context());
    await expect(repository.save(second, context())).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await repository.load('n2')).notes).toEqual(['from first']);
  });

  it('treats a retried command as already done (same command id, no duplicate events)', async () => {
    const ctx = context();
    const notebook = Notebook.open('n3');
    await repository.save(notebook, ctx);
    const retry = Notebook.open('n3');
    await repository.save(retry, ctx);
    expect(await store.readStream('notebook-n3')).toHaveLength(1);
  });

  it('reads an event stored as v1 as v2 through the upcaster', async () => {
    const ctx = context();
    await store.append(
      'notebook-old',
      [
        newEvent({ type: 'NotebookOpened', schemaVersion: 1, data: {} }, ctx),
        newEvent({ type: 'NoteWritten', schemaVersion: 1, data: { text: 'legacy', authorName: 'Chen' } }, ctx),
      ],
      'no_stream',
    );
    const loaded = await repository.load('old');
    expect(loaded.notes).toEqual(['legacy']);
    expect(loaded.authors).toEqual(['Chen']);
    const raw = await store.readStream('notebook-old');
    expect(raw[1].schemaVersion).toBe(1);
    expect(upcasters.upcast(raw[1])).toMatchObject({ schemaVersion: 2, data: { author: { name: 'Chen' } } });
  });

  it('says when an aggregate does not exist', async () => {
    await expect(repository.load('nope')).rejects.toBeInstanceOf(AggregateNotFoundError);
    expect(await repository.find('nope')).toBeNull();
  });
});

describe('UpcasterRegistry', () => {
  it('chains steps v1 -> v2 -> v3 and leaves current events alone', () => {
    const registry = new UpcasterRegistry()
      .register('Paid', 1, (d) => ({ ...d, currency: 'CNY' }))
      .register('Paid', 2, (d) => ({ amountMinor: Number(d.amount) * 100, currency: d.currency }));
    const stored = {
      eventId: randomUUID(), type: 'Paid', schemaVersion: 1, streamId: 's', streamRevision: 0, globalPosition: 1,
      occurredAt: '', recordedAt: '', correlationId: 'c', causationId: null, actor: { id: 'a', role: 'r' },
      data: { amount: 12 }, metadata: {},
    };
    expect(registry.upcast(stored)).toMatchObject({ schemaVersion: 3, data: { amountMinor: 1200, currency: 'CNY' } });
    const current = { ...stored, schemaVersion: 3, data: { amountMinor: 5, currency: 'EUR' } };
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses two upcasters for the same version', () => {
    const registry = new UpcasterRegistry().register('Paid', 1, (d) => d);
    expect(() => registry.register('Paid', 1, (d) => d)).toThrow(/already registered/);
  });
});
