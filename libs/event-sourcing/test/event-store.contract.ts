import { randomUUID } from 'node:crypto';
import {
  CommandContext,
  EventEnvelope,
  EventIdReusedError,
  EventStore,
  NewEvent,
  WrongExpectedRevisionError,
  newEvent,
  verifyStream,
} from '../src';

export interface StoreUnderTest {
  store: EventStore;
  /** Opens a second store on the same data (a restarted process). Optional. */
  reopen?: () => Promise<EventStore>;
  dispose: () => Promise<void>;
}

/** A second store on the same data whose first append takes its position and then waits. */
export interface HeldAppend {
  readonly store: EventStore;
  /** Resolves once the held append has taken its position (its transaction is still open). */
  readonly positionTaken: Promise<void>;
  /** Lets the held append commit. */
  commit(): void;
  close(): Promise<void>;
}

export interface ContractOptions {
  /**
   * For adapters whose appends commit concurrently: opens a HeldAppend on the subject's data.
   * Adapters that commit one append at a time cannot commit a lower position late; for them
   * the late-commit case is reported as skipped.
   */
  readonly holdAppendOpen?: (subject: StoreUnderTest) => Promise<HeldAppend>;
}

const context: CommandContext = {
  actor: { id: 'agent-7', role: 'customer-service' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
};

export function anEvent(type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent {
  return newEvent({ type, schemaVersion: 1, data }, context);
}

function events(n: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => anEvent(type, { i }));
}

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The one contract every event-store adapter must satisfy. Every stream id is unique per
 * test, so the suite also runs against a store that holds other data.
 */
export function eventStoreContract(
  adapterName: string,
  open: () => Promise<StoreUnderTest>,
  options: ContractOptions = {},
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    const run = randomUUID().slice(0, 8);
    const stream = (name: string) => `${name}-${run}-${randomUUID().slice(0, 8)}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    describe('append and read a stream', () => {
      it('stores the full envelope with revisions from 0 and the command context', async () => {
        const id = stream('claim');
        const batch = events(3);
        const result = await store.append(id, batch, 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);

        const read = await store.readStream(id);
        expect(read.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
        const first = read[0];
        expect(first).toMatchObject({
          streamId: id,
          type: 'ThingHappened',
          schemaVersion: 1,
          correlationId: context.correlationId,
          causationId: context.causationId,
          actor: context.actor,
          data: { i: 0 },
          metadata: {},
        });
        expect(new Date(first.occurredAt).toISOString()).toBe(batch[0].occurredAt);
        expect(Number.isNaN(Date.parse(first.recordedAt))).toBe(false);
        expect(result.lastGlobalPosition).toBe(read[2].globalPosition);
      });

      it('reads backwards and from a revision, with a max count', async () => {
        const id = stream('claim');
        await store.append(id, events(5), 'no_stream');
        const backwards = await store.readStream(id, { direction: 'backwards' });
        expect(backwards.map((e) => e.streamRevision)).toEqual([4, 3, 2, 1, 0]);
        const fromTwo = await store.readStream(id, { fromRevision: 2, maxCount: 2 });
        expect(fromTwo.map((e) => e.streamRevision)).toEqual([2, 3]);
        const backFromThree = await store.readStream(id, {
          direction: 'backwards',
          fromRevision: 3,
          maxCount: 2,
        });
        expect(backFromThree.map((e) => e.streamRevision)).toEqual([3, 2]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('refuses no_stream when the stream exists, with a typed conflict', async () => {
        const id = stream('claim');
        await store.append(id, events(1), 'no_stream');
        const error = await store.append(id, events(1), 'no_stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: id, expected: 'no_stream', actual: 0 });
      });

      it('refuses a stale exact revision and accepts the current one', async () => {
        const id = stream('claim');
        await store.append(id, events(2), 'no_stream');
        await expect(store.append(id, events(1), 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.append(id, events(1), 5)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.append(id, events(1), 1)).resolves.toMatchObject({ nextExpectedRevision: 2 });
      });

      it('refuses an exact revision and stream_exists on a missing stream', async () => {
        const error = await store.append(stream('claim'), events(1), 0).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 'no_stream' });
        await expect(store.append(stream('claim'), events(1), 'stream_exists')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
      });

      it('accepts any revision with any', async () => {
        const id = stream('claim');
        await store.append(id, events(1), 'any');
        await expect(store.append(id, events(2), 'any')).resolves.toMatchObject({ nextExpectedRevision: 2 });
      });

      it('writes nothing from a refused batch', async () => {
        const id = stream('claim');
        await store.append(id, events(1), 'no_stream');
        await store.append(id, events(3), 7).catch(() => undefined);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('lets exactly one of 50 concurrent writers win each revision, without gaps', async () => {
        const id = stream('claim');
        const writers = 50;
        const attempt = async (writer: number): Promise<number> => {
          for (let tries = 1; ; tries++) {
            const last = await store.readStream(id, { direction: 'backwards', maxCount: 1 });
            const expected = last.length === 0 ? 'no_stream' : last[0].streamRevision;
            try {
              await store.append(id, [anEvent('WriterWrote', { writer })], expected);
              return tries;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
            }
          }
        };
        const tries = await Promise.all(Array.from({ length: writers }, (_, w) => attempt(w)));
        const written = await store.readStream(id);
        expect(written.map((e) => e.streamRevision)).toEqual([...Array(writers).keys()]);
        expect(new Set(written.map((e) => (e.data as { writer: number }).writer)).size).toBe(writers);
        expect(tries.some((t) => t > 1)).toBe(true);
      }, 60_000);
    });

    describe('idempotent re-append', () => {
      it('does not duplicate a retried batch with the same event ids', async () => {
        const id = stream('claim');
        const batch = events(2);
        const first = await store.append(id, batch, 'no_stream');
        const retry = await store.append(id, batch, 'no_stream');
        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        const retryAny = await store.append(id, batch, 'any');
        expect(retryAny.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('refuses a batch that reuses an event id in another place', async () => {
        const id = stream('claim');
        const batch = events(2);
        await store.append(id, batch, 'no_stream');
        const mixed = [anEvent(), batch[1]];
        const error = await store.append(id, mixed, 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect([EventIdReusedError.name, WrongExpectedRevisionError.name]).toContain((error as Error).name);
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('reading the whole store', () => {
      it('returns events in commit order with increasing global positions', async () => {
        const start = await lastPosition(store);
        const a = stream('claim');
        const b = stream('complaint');
        await store.append(a, [anEvent('A1')], 'no_stream');
        await store.append(b, [anEvent('B1'), anEvent('B2')], 'no_stream');
        await store.append(a, [anEvent('A2')], 0);
        const all = (await store.readAll({ afterPosition: start })).filter((e) =>
          [a, b].includes(e.streamId),
        );
        expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        const positions = all.map((e) => e.globalPosition);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
      });

      it('reads after a position, exclusive, with a max count', async () => {
        const id = stream('claim');
        await store.append(id, events(4), 'no_stream');
        const mine = await store.readStream(id);
        const after = await store.readAll({
          afterPosition: mine[1].globalPosition,
          maxCount: 2,
          streamPrefixes: [id],
        });
        expect(after.map((e) => e.streamRevision)).toEqual([2, 3]);
      });

      it('filters by stream prefix and by event type', async () => {
        const start = await lastPosition(store);
        const tag = randomUUID().slice(0, 8);
        await store.append(
          `claim-${tag}-1`,
          [anEvent('ClaimReported'), anEvent('DocumentUploaded')],
          'no_stream',
        );
        await store.append(`complaint-${tag}-1`, [anEvent('ComplaintReceived')], 'no_stream');
        await store.append(`claim-${tag}-2`, [anEvent('ClaimReported')], 'no_stream');

        const claims = await store.readAll({ afterPosition: start, streamPrefixes: [`claim-${tag}`] });
        expect(claims.map((e) => e.type)).toEqual(['ClaimReported', 'DocumentUploaded', 'ClaimReported']);
        const reported = await store.readAll({
          afterPosition: start,
          eventTypes: ['ClaimReported', 'ComplaintReceived'],
          streamPrefixes: [`claim-${tag}`, `complaint-${tag}`],
        });
        expect(reported.map((e) => e.streamId)).toEqual([
          `claim-${tag}-1`,
          `complaint-${tag}-1`,
          `claim-${tag}-2`,
        ]);
      });
    });

    describe('subscriptions', () => {
      it('catches up from the start, then receives live events in order', async () => {
        const prefix = stream('sub');
        await store.append(`${prefix}-a`, events(3), 'no_stream');
        const seen: EventEnvelope[] = [];
        const subscription = store.subscribe({ streamPrefixes: [prefix] }, async (e) => {
          seen.push(e);
        });
        await subscription.caughtUp;
        await waitFor(() => seen.length === 3);
        await store.append(`${prefix}-b`, events(2, 'LiveHappened'), 'no_stream');
        await store.append(`${prefix}-a`, events(1, 'LiveHappened'), 2);
        await waitFor(() => seen.length === 6);
        await subscription.stop();
        expect(seen.map((e) => e.type)).toEqual([
          'ThingHappened',
          'ThingHappened',
          'ThingHappened',
          'LiveHappened',
          'LiveHappened',
          'LiveHappened',
        ]);
        const positions = seen.map((e) => e.globalPosition);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      });

      const ifConcurrentCommits = options.holdAppendOpen ? it : it.skip;
      ifConcurrentCommits(
        'never skips an append that took a lower position but committed after a higher one',
        async () => {
          const held = await options.holdAppendOpen!(subject);
          try {
            const prefix = stream('late');
            const seen: EventEnvelope[] = [];
            const subscription = store.subscribe({ streamPrefixes: [prefix] }, async (e) => {
              seen.push(e);
            });
            await subscription.caughtUp;
            const [late] = events(1, 'CommittedLate');
            const slow = held.store.append(`${prefix}-slow`, [late], 'no_stream');
            await held.positionTaken;
            const fast = await store.append(`${prefix}-fast`, events(1, 'CommittedEarly'), 'no_stream');
            await new Promise((r) => setTimeout(r, 300));
            // Nothing after the open transaction's position may be read while it can still commit.
            expect(seen).toEqual([]);
            expect(await store.readAll({ streamPrefixes: [prefix] })).toEqual([]);

            held.commit();
            const slowResult = await slow;
            await waitFor(() => seen.length === 2);
            await subscription.stop();
            expect(slowResult.lastGlobalPosition).toBeLessThan(fast.lastGlobalPosition);
            expect(seen.map((e) => e.type)).toEqual(['CommittedLate', 'CommittedEarly']);
            expect(seen[0].eventId).toBe(late.eventId);
          } finally {
            await held.close();
          }
        },
      );

      it('chains every stored event to its predecessor with an integrity hash an auditor can recompute', async () => {
        const id = stream('chained');
        await store.append(
          id,
          [anEvent('Opened', { amountMinor: 120000, nested: { b: 1, a: [2, 3] } })],
          'no_stream',
        );
        await store.append(id, events(2), 0);
        await store.append(id, events(1), 'any');
        const read = await store.readStream(id);
        expect(read.map((e) => e.integrityHash)).toEqual([
          expect.any(String),
          expect.any(String),
          expect.any(String),
          expect.any(String),
        ]);
        expect(new Set(read.map((e) => e.integrityHash)).size).toBe(4);
        expect(verifyStream(read)).toBeNull();
        // The same chain through readAll, and any change to what is stored breaks it there.
        const viaAll = (await store.readAll()).filter((e) => e.streamId === id);
        expect(verifyStream(viaAll)).toBeNull();
        const altered = read.map((e, i) => (i === 2 ? { ...e, data: { i: 99 } } : e));
        expect(verifyStream(altered)).toMatchObject({ streamRevision: 2, problem: 'altered' });
      });

      it('tells the position of the last event a reader can reach', async () => {
        await store.append(stream('head'), events(3), 'no_stream');
        const all = await store.readAll();
        expect(await store.headPosition()).toBe(all[all.length - 1].globalPosition);
      });

      it('resumes from a checkpoint without repeating or skipping events', async () => {
        const prefix = stream('resume');
        await store.append(`${prefix}-a`, events(4), 'no_stream');
        const first: EventEnvelope[] = [];
        const one = store.subscribe({ streamPrefixes: [prefix] }, async (e) => {
          first.push(e);
        });
        await waitFor(() => first.length === 4);
        await one.stop();
        const checkpoint = first[1].globalPosition;

        await store.append(`${prefix}-a`, events(2), 3);
        const second: EventEnvelope[] = [];
        const two = store.subscribe({ streamPrefixes: [prefix], afterPosition: checkpoint }, async (e) => {
          second.push(e);
        });
        await waitFor(() => second.length === 4);
        await new Promise((r) => setTimeout(r, 100));
        await two.stop();
        expect(second.map((e) => e.streamRevision)).toEqual([2, 3, 4, 5]);
      });

      it('delivers only the filtered event types', async () => {
        const prefix = stream('typed');
        const seen: string[] = [];
        const subscription = store.subscribe(
          { streamPrefixes: [prefix], eventTypes: ['Wanted'] },
          async (e) => {
            seen.push(e.type);
          },
        );
        await subscription.caughtUp;
        await store.append(
          `${prefix}-1`,
          [anEvent('Unwanted'), anEvent('Wanted'), anEvent('Unwanted')],
          'no_stream',
        );
        await store.append(`${prefix}-2`, [anEvent('Wanted')], 'no_stream');
        await waitFor(() => seen.length === 2);
        await subscription.stop();
        expect(seen).toEqual(['Wanted', 'Wanted']);
      });

      it('stops delivering and reports the failure when the handler throws', async () => {
        const prefix = stream('failing');
        await store.append(`${prefix}-1`, events(3), 'no_stream');
        const seen: number[] = [];
        const subscription = store.subscribe({ streamPrefixes: [prefix] }, async (e) => {
          if (e.streamRevision === 1) throw new Error('projection failed');
          seen.push(e.streamRevision);
        });
        await expect(subscription.done).rejects.toThrow('projection failed');
        expect(seen).toEqual([0]);
        await subscription.stop();
      });
    });

    describe('durability', () => {
      it('keeps every acknowledged event when the store is reopened', async () => {
        if (!subject.reopen) return;
        const id = stream('durable');
        await store.append(id, events(3), 'no_stream');
        const reopened = await subject.reopen();
        try {
          expect((await reopened.readStream(id)).map((e) => e.streamRevision)).toEqual([0, 1, 2]);
          await expect(reopened.append(id, events(1), 1)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        } finally {
          await reopened.close();
        }
      });
    });
  });
}

async function lastPosition(store: EventStore): Promise<number> {
  const all = await store.readAll();
  return all.length === 0 ? 0 : all[all.length - 1].globalPosition;
}
