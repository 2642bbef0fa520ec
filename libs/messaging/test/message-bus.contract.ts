import { randomUUID } from 'node:crypto';
import {
  BusSubscription,
  DeliveredMessage,
  IntegrationEvent,
  MessageBus,
  REPLAYED_FROM_HEADER,
  deadLetterTopicOf,
  listDeadLetters,
  replayDeadLetters,
  retryingHandler,
} from '../src';

export interface BusUnderTest {
  readonly bus: MessageBus;
  /** A new bus over the same durable state, as after a process restart; null for a memory-only bus. */
  readonly reopen: (() => Promise<MessageBus>) | null;
  readonly dispose?: () => Promise<void>;
}

/** Prefix of every topic and group this test file creates (jest loads this module per file). */
export const TEST_RUN_PREFIX = `test.${randomUUID().slice(0, 8)}.`;

export function uniqueName(label: string): string {
  return `${TEST_RUN_PREFIX}${label}.${randomUUID().slice(0, 8)}`;
}

export function testEvent(subject: string, sequence: number): IntegrationEvent<{ sequence: number }> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/claims-platform/contract-test',
    type: 'ThingHappened',
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    schemaversion: 1,
    correlationid: randomUUID(),
    causationid: randomUUID(),
    data: { sequence },
  };
}

/** `keys` aggregates with `perKey` events each, interleaved: k0#0, k1#0, ..., k0#1, ... */
export function interleavedEvents(
  keys: number,
  perKey: number,
  prefix = 'key',
): IntegrationEvent<{ sequence: number }>[] {
  const events = [];
  for (let sequence = 0; sequence < perKey; sequence++) {
    for (let k = 0; k < keys; k++) events.push(testEvent(`${prefix}-${k}`, sequence));
  }
  return events;
}

export async function waitFor(
  what: string | (() => string),
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function collector() {
  const messages: DeliveredMessage[] = [];
  return {
    messages,
    ids: () => messages.map((m) => m.event.id),
    handler: async (message: DeliveredMessage) => {
      messages.push(message);
    },
  };
}

function sequencesByKey(messages: readonly DeliveredMessage[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const m of messages)
    byKey.set(m.key, [...(byKey.get(m.key) ?? []), (m.event.data as { sequence: number }).sequence]);
  return byKey;
}

const ids = (events: readonly IntegrationEvent[]) => events.map((e) => e.id);

/** What every MessageBus adapter must do; each test uses its own topics and groups. */
export interface ContractOptions {
  /** Whether the bus keeps its state across a restart (then `reopen` must be given). */
  readonly durable: boolean;
  readonly timeoutMs?: number;
}

export function messageBusContract(
  name: string,
  open: () => Promise<BusUnderTest>,
  options: ContractOptions,
): void {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const durableIt = options.durable ? it : it.skip;

  describe(`MessageBus contract: ${name}`, () => {
    let subject: BusUnderTest;
    let bus: MessageBus;
    const opened: MessageBus[] = [];
    const subscriptions: BusSubscription[] = [];

    const consume = async (
      on: MessageBus,
      groupId: string,
      topic: string,
      handler: (m: DeliveredMessage) => Promise<void>,
    ) => {
      const subscription = await on.consume({ groupId, topics: [topic] }, handler);
      subscriptions.push(subscription);
      return subscription;
    };
    /** The bus a restarted process would have: a reopened one when the adapter keeps state durably. */
    const restarted = async (): Promise<MessageBus> => {
      if (!subject.reopen) return bus;
      const reopened = await subject.reopen();
      opened.push(reopened);
      return reopened;
    };

    beforeAll(async () => {
      subject = await open();
      bus = subject.bus;
      opened.push(bus);
    }, timeoutMs);

    afterAll(async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
      await Promise.all(opened.map((b) => b.close()));
      await subject?.dispose?.();
    }, timeoutMs);

    it(
      'delivers the CloudEvent with its attributes, key and headers',
      async () => {
        const topic = uniqueName('attributes');
        const event = testEvent('claim-1', 0);
        await bus.publish(topic, [event], { 'x-trace-id': 'trace-1' });
        const received = collector();
        await consume(bus, uniqueName('group'), topic, received.handler);
        await waitFor('the message', () => received.messages.length === 1);

        const [message] = received.messages;
        expect(message.event).toEqual(event);
        expect(message.event).toMatchObject({
          specversion: '1.0',
          datacontenttype: 'application/json',
          schemaversion: 1,
        });
        expect(message).toMatchObject({ topic, key: 'claim-1' });
        expect(message.headers).toMatchObject({
          'content-type': 'application/cloudevents+json',
          'x-trace-id': 'trace-1',
        });
        expect(BigInt(message.offset) >= 0n).toBe(true);
      },
      timeoutMs,
    );

    it(
      'keeps publish order per key with many keys interleaved',
      async () => {
        const topic = uniqueName('order');
        const events = interleavedEvents(8, 25);
        for (let i = 0; i < events.length; i += 20) await bus.publish(topic, events.slice(i, i + 20));
        const received = collector();
        await consume(bus, uniqueName('group'), topic, received.handler);
        await waitFor('every message', () => received.messages.length >= events.length);

        const expected = Array.from({ length: 25 }, (_, i) => i);
        const byKey = sequencesByKey(received.messages);
        expect(byKey.size).toBe(8);
        byKey.forEach((sequences) => expect(sequences).toEqual(expected));
      },
      timeoutMs,
    );

    it(
      'delivers every message to each of two groups',
      async () => {
        const topic = uniqueName('groups');
        const events = interleavedEvents(5, 6);
        await bus.publish(topic, events);
        const first = collector();
        const second = collector();
        await Promise.all([
          consume(bus, uniqueName('group-a'), topic, first.handler),
          consume(bus, uniqueName('group-b'), topic, second.handler),
        ]);
        await waitFor(
          'both groups',
          () => first.messages.length >= events.length && second.messages.length >= events.length,
        );

        expect(new Set(first.ids())).toEqual(new Set(ids(events)));
        expect(new Set(second.ids())).toEqual(new Set(ids(events)));
      },
      timeoutMs,
    );

    it(
      'resumes a restarted group after its last committed offset',
      async () => {
        const topic = uniqueName('resume');
        const group = uniqueName('group');
        const before = interleavedEvents(6, 2);
        await bus.publish(topic, before);
        const firstRun = collector();
        const subscription = await consume(bus, group, topic, firstRun.handler);
        await waitFor('the first run', () => firstRun.messages.length >= before.length);
        await subscription.stop();

        const after = interleavedEvents(6, 2);
        const busAfterRestart = await restarted();
        await busAfterRestart.publish(topic, after);
        const secondRun = collector();
        await consume(busAfterRestart, group, topic, secondRun.handler);
        // Same keys, so any redelivered old message would arrive before the new ones of its partition.
        await waitFor('the second run', () => secondRun.messages.length >= after.length);

        expect(firstRun.ids().sort()).toEqual(ids(before).sort());
        expect(secondRun.ids().sort()).toEqual(ids(after).sort());
      },
      timeoutMs,
    );

    it(
      'redelivers after a restart the message whose handler failed, and nothing before it',
      async () => {
        const topic = uniqueName('failed');
        const group = uniqueName('group');
        const events = Array.from({ length: 6 }, (_, i) => testEvent('claim-1', i));
        await bus.publish(topic, events);
        const firstRun = collector();
        const failing = await consume(bus, group, topic, async (message) => {
          if (message.event.id === events[3].id) throw new Error('projection failed');
          await firstRun.handler(message);
        });
        await expect(failing.done).rejects.toThrow('projection failed');

        const secondRun = collector();
        await consume(await restarted(), group, topic, secondRun.handler);
        await waitFor('the redelivery', () => secondRun.messages.length >= 3);

        expect(firstRun.ids()).toEqual(ids(events.slice(0, 3)));
        expect(secondRun.ids()).toEqual(ids(events.slice(3)));
      },
      timeoutMs,
    );

    it(
      'reads a whole topic, in order per key, and an unknown topic as empty',
      async () => {
        const topic = uniqueName('read');
        const events = interleavedEvents(4, 5);
        await bus.publish(topic, events.slice(0, 7));
        await bus.publish(topic, events.slice(7));

        const messages = await bus.readTopic(topic);
        expect(messages.map((m) => m.event.id).sort()).toEqual(ids(events).sort());
        sequencesByKey(messages).forEach((sequences) => expect(sequences).toEqual([0, 1, 2, 3, 4]));
        expect(await bus.readTopic(uniqueName('unknown'))).toEqual([]);
      },
      timeoutMs,
    );

    describe('with durable state', () => {
      durableIt(
        'redelivers after a process restart the message whose handler never finished',
        async () => {
          const topic = uniqueName('crash');
          const group = uniqueName('group');
          const events = Array.from({ length: 5 }, (_, i) => testEvent('claim-1', i));
          await bus.publish(topic, events);
          let dieNow: (error: Error) => void = () => undefined;
          const neverFinishes = new Promise<void>((_, reject) => (dieNow = reject));
          const firstRun = collector();
          const crashed = await consume(bus, group, topic, async (message) => {
            await firstRun.handler(message);
            if (message.event.id === events[2].id) await neverFinishes;
          });
          await waitFor('the stuck handler', () => firstRun.messages.length === 3);

          const secondRun = collector();
          await consume(await restarted(), group, topic, secondRun.handler);
          await waitFor('the redelivery', () => secondRun.messages.length >= 3);
          dieNow(new Error('the old process is gone'));
          await expect(crashed.done).rejects.toThrow('the old process is gone');

          expect(secondRun.ids()).toEqual(ids(events.slice(2)));
        },
        timeoutMs,
      );
    });

    describe('retries and dead letters', () => {
      it(
        'retries a failing handler, dead-letters what keeps failing, moves on and replays once per replay group',
        async () => {
          const topic = uniqueName('retry');
          const group = uniqueName('group');
          const [ok, poison, flaky, last] = Array.from({ length: 4 }, (_, i) => testEvent('claim-1', i));
          await bus.publish(topic, [ok, poison, flaky, last], { 'x-trace-id': 'trace-2' });

          const calls = new Map<string, number>();
          let poisonFixed = false;
          const handled = collector();
          const handler = retryingHandler(
            bus,
            async (message) => {
              const call = (calls.get(message.event.id) ?? 0) + 1;
              calls.set(message.event.id, call);
              if (message.event.id === poison.id && !poisonFixed)
                throw new Error(`cannot apply ${message.event.type}`);
              if (message.event.id === flaky.id && call < 3) throw new Error('database briefly unavailable');
              await handled.handler(message);
            },
            { attempts: 3, baseDelayMs: 5 },
          );
          const subscription = await consume(bus, group, topic, handler);
          await waitFor('the last message', () => handled.ids().includes(last.id));

          expect(handled.ids()).toEqual([ok.id, flaky.id, last.id]);
          expect(calls.get(poison.id)).toBe(3);
          const letters = await listDeadLetters(bus, topic);
          expect(letters).toHaveLength(1);
          const [letter] = letters;
          expect(letter.event).toEqual(poison);
          expect(letter).toMatchObject({
            error: 'Error: cannot apply ThingHappened',
            originalTopic: topic,
            attempts: 3,
            headers: { 'x-trace-id': 'trace-2' },
          });
          const original = (await bus.readTopic(topic)).find((m) => m.event.id === poison.id);
          expect(letter.originalPartition).toBe(original?.partition);
          expect(letter.originalOffset).toBe(original?.offset);
          expect(Date.parse(letter.failedAt)).not.toBeNaN();
          expect((await bus.readTopic(deadLetterTopicOf(topic)))[0].headers['dead-letter-attempts']).toBe(
            '3',
          );

          poisonFixed = true;
          const replayed = await replayDeadLetters(bus, topic, 'ops-replay');
          expect(replayed.map((r) => r.id)).toEqual([letter.id]);
          await waitFor('the replayed message', () => handled.ids().includes(poison.id));
          const redelivered = handled.messages.find((m) => m.event.id === poison.id);
          expect(redelivered?.headers).toMatchObject({
            [REPLAYED_FROM_HEADER]: letter.id,
            'x-trace-id': 'trace-2',
          });
          expect(await replayDeadLetters(bus, topic, 'ops-replay')).toEqual([]);
          expect((await replayDeadLetters(bus, topic, 'another-replay')).map((r) => r.id)).toEqual([
            letter.id,
          ]);
          await subscription.stop();
        },
        timeoutMs * 2,
      );
    });
  });
}
