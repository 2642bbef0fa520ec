import { randomUUID } from 'node:crypto';
import {
  CommandContext,
  Decider,
  DeciderRepository,
  DomainRuleViolation,
  EmbeddedEventStore,
  EventUnion,
  NotFoundRefusal,
  UpcasterRegistry,
  WrongExpectedRevisionError,
  eventRecorder,
  newEvent,
  stateFrom,
  unknownEvent,
} from '../src';

/** A tiny process for the kernel's own tests: a notebook is opened, then notes are written in it. */
interface NotebookEvents {
  NotebookOpened: Record<string, never>;
  NoteWritten: { text: string; author: { name: string } };
}
type NotebookEvent = EventUnion<NotebookEvents>;

interface Notebook {
  readonly opened: boolean;
  readonly notes: readonly string[];
  readonly authors: readonly string[];
}

const notebook: Decider<Notebook, NotebookEvent> = {
  initialState: () => ({ opened: false, notes: [], authors: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'NotebookOpened':
        return { ...state, opened: true, notes: [] };
      case 'NoteWritten':
        return {
          ...state,
          notes: [...state.notes, event.data.text],
          authors: [...state.authors, event.data.author.name],
        };
      default:
        return unknownEvent(event);
    }
  },
};

const record = eventRecorder<NotebookEvents>({ NotebookOpened: 1, NoteWritten: 2 });

function open(): NotebookEvent[] {
  return [record('NotebookOpened', {})];
}

function write(state: Notebook, text: string, author: string): NotebookEvent[] {
  if (!state.opened) throw new DomainRuleViolation('notebook-not-open', 'Open the notebook first');
  if (text.length === 0) throw new DomainRuleViolation('empty-note', 'A note needs text');
  return [record('NoteWritten', { text, author: { name: author } })];
}

/** Opens a notebook and writes its first note, in one decision. */
function openWith(state: Notebook, text: string, author: string): NotebookEvent[] {
  const opened = open();
  return [...opened, ...write(stateFrom(notebook, opened, state), text, author)];
}

const context = (): CommandContext => ({
  actor: { id: 'handler-1', role: 'claims-handler' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

describe('DeciderRepository', () => {
  let store: EmbeddedEventStore;
  let repository: DeciderRepository<Notebook, NotebookEvent>;
  const upcasters = new UpcasterRegistry().register('NoteWritten', 1, (data) => ({
    text: data.text,
    author: { name: String(data.authorName ?? 'unknown') },
  }));

  beforeEach(() => {
    store = new EmbeddedEventStore(null);
    repository = new DeciderRepository({ store, streamPrefix: 'notebook', decider: notebook, upcasters });
  });
  afterEach(() => store.close());

  it('saves new events with the command context and reads the state back by replaying them', async () => {
    const ctx = context();
    const handled = await repository.handle('n1', ctx, (s) => openWith(s, 'first', 'Ann'));
    expect(handled.revision).toBe(1);
    expect(handled.appended?.nextExpectedRevision).toBe(1);
    expect(handled.events.map((e) => e.type)).toEqual(['NotebookOpened', 'NoteWritten']);
    expect(handled.state.notes).toEqual(['first']);

    const stored = await store.readStream('notebook-n1');
    expect(stored.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['NotebookOpened', 1],
      ['NoteWritten', 2],
    ]);
    for (const event of stored) {
      expect(event).toMatchObject({
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId,
      });
    }

    const loaded = await repository.read('n1');
    expect(loaded.state.notes).toEqual(['first']);
    expect(loaded.revision).toBe(1);
  });

  it('refuses a write decided on a stale state with a concurrency conflict, losing nothing', async () => {
    await repository.handle('n2', context(), open);
    const first = await repository.read('n2');
    const second = await repository.read('n2');
    await repository.append('n2', write(first.state, 'from first', 'Ann'), first.revision, context());
    await expect(
      repository.append('n2', write(second.state, 'from second', 'Bob'), second.revision, context()),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    // A stale If-Match revision is refused before deciding.
    const decide = jest.fn((s: Notebook) => write(s, 'from second', 'Bob'));
    await expect(
      repository.handle('n2', context(), decide, { expectedRevision: second.revision ?? undefined }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(decide).not.toHaveBeenCalled();
    expect((await repository.read('n2')).state.notes).toEqual(['from first']);
  });

  it('treats a retried command as already done (same command id, no duplicate events)', async () => {
    const openCtx = context();
    await repository.append('n3', open(), null, openCtx);
    // The retry decided on the same state before the first attempt's answer came back.
    await repository.append('n3', open(), null, openCtx);
    expect(await store.readStream('notebook-n3')).toHaveLength(1);

    // The retry reads the state the first attempt left and decides again: its events get the same ids.
    const writeCtx = context();
    const firstAttempt = await repository.handle('n3', writeCtx, (s) => write(s, 'once', 'Ann'));
    const retry = await repository.handle('n3', writeCtx, (s) => write(s, 'once', 'Ann'));
    expect(retry.appended).toEqual(firstAttempt.appended);
    expect(retry.state).toEqual(firstAttempt.state); // the answer of a retry shows the state once, not twice
    expect(await store.readStream('notebook-n3')).toHaveLength(2);
    expect(await repository.read('n3')).toEqual({
      state: { opened: true, notes: ['once'], authors: ['Ann'] },
      revision: 1,
    });
  });

  it('answers the stored outcome when a creating command is retried after its events were stored', async () => {
    // The first attempt stored its events, then its process died before answering.
    const ctx = context();
    const first = await repository.handle('n4', ctx, (s) => openWith(s, 'first', 'Ann'));
    await repository.handle('n4', context(), (s) => write(s, 'later', 'Bob'));
    const opening = (s: Notebook) => {
      if (s.opened) throw new DomainRuleViolation('already-open', 'The notebook is already open');
      return openWith(s, 'first', 'Ann');
    };
    const retry = await repository.handle('n4', ctx, opening);
    expect(retry.appended).toEqual(first.appended);
    expect(retry.revision).toBe(1);
    expect(retry.state.notes).toEqual(['first']);
    expect(retry.events.map((e) => e.type)).toEqual(['NotebookOpened', 'NoteWritten']);
    expect(await store.readStream('notebook-n4')).toHaveLength(3);
    // Another command with the same decision is still refused.
    await expect(repository.handle('n4', context(), opening)).rejects.toBeInstanceOf(DomainRuleViolation);
  });

  it('reads an event stored as v1 as v2 through the upcaster', async () => {
    const ctx = context();
    await store.append(
      'notebook-old',
      [
        newEvent({ type: 'NotebookOpened', schemaVersion: 1, data: {} }, ctx),
        newEvent(
          { type: 'NoteWritten', schemaVersion: 1, data: { text: 'legacy', authorName: 'Chen' } },
          ctx,
        ),
      ],
      'no_stream',
    );
    const loaded = await repository.read('old');
    expect(loaded.state.notes).toEqual(['legacy']);
    expect(loaded.state.authors).toEqual(['Chen']);
    expect((await repository.history('old'))[1]).toMatchObject({
      schemaVersion: 2,
      data: { text: 'legacy', author: { name: 'Chen' } },
    });
    const raw = await store.readStream('notebook-old');
    expect(raw[1].schemaVersion).toBe(1);
    expect(upcasters.upcast(raw[1])).toMatchObject({ schemaVersion: 2, data: { author: { name: 'Chen' } } });
  });

  it('says when a stream does not exist', async () => {
    expect(await repository.read('nope')).toEqual({ state: notebook.initialState(), revision: null });
    expect(await repository.readAsOf('nope', { revision: 0 })).toBeNull();
    await expect(repository.audit('nope')).rejects.toBeInstanceOf(NotFoundRefusal);
    await expect(repository.auditAsOf('nope', { revision: 0 })).rejects.toBeInstanceOf(NotFoundRefusal);
    expect(await store.readStream('notebook-nope')).toEqual([]);
  });
});

describe('UpcasterRegistry', () => {
  it('chains steps v1 -> v2 -> v3 and leaves current events alone', () => {
    const registry = new UpcasterRegistry()
      .register('Paid', 1, (d) => ({ ...d, currency: 'CNY' }))
      .register('Paid', 2, (d) => ({ amountMinor: Number(d.amount) * 100, currency: d.currency }));
    const stored = {
      eventId: randomUUID(),
      type: 'Paid',
      schemaVersion: 1,
      streamId: 's',
      streamRevision: 0,
      globalPosition: 1,
      occurredAt: '',
      recordedAt: '',
      correlationId: 'c',
      causationId: null,
      actor: { id: 'a', role: 'r' },
      data: { amount: 12 },
      metadata: {},
    };
    expect(registry.upcast(stored)).toMatchObject({
      schemaVersion: 3,
      data: { amountMinor: 1200, currency: 'CNY' },
    });
    const current = { ...stored, schemaVersion: 3, data: { amountMinor: 5, currency: 'EUR' } };
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses two upcasters for the same version', () => {
    const registry = new UpcasterRegistry().register('Paid', 1, (d) => d);
    expect(() => registry.register('Paid', 1, (d) => d)).toThrow(/already registered/);
  });
});
