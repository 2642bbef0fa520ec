import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessMessageBus } from '../src';
import { messageBusContract, testEvent, uniqueName } from './message-bus.contract';

messageBusContract(
  'in-process, memory only',
  async () => ({ bus: new InProcessMessageBus(null), reopen: null }),
  {
    durable: false,
  },
);

messageBusContract(
  'in-process, on disk',
  async () => {
    const directory = mkdtempSync(join(tmpdir(), 'bus-'));
    return {
      bus: new InProcessMessageBus(directory),
      reopen: async () => new InProcessMessageBus(directory),
      dispose: async () => rmSync(directory, { recursive: true, force: true }),
    };
  },
  { durable: true },
);

describe('InProcessMessageBus on disk', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'bus-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('drops a torn last line left by a crash during publish', async () => {
    const bus = new InProcessMessageBus(directory);
    const topic = uniqueName('torn');
    const event = testEvent('claim-1', 0);
    await bus.publish(topic, [event]);
    await bus.close();
    appendFileSync(join(directory, 'topics', `${topic}.jsonl`), '{"key":"claim-1","ev');

    const reopened = new InProcessMessageBus(directory);
    expect((await reopened.readTopic(topic)).map((m) => m.event)).toEqual([event]);
    await reopened.publish(topic, [testEvent('claim-1', 1)]);
    await reopened.close();
    expect(await new InProcessMessageBus(directory).readTopic(topic)).toHaveLength(2);
  });

  it('refuses a second consumer of one group on one topic, as one partition has one consumer', async () => {
    const bus = new InProcessMessageBus(null);
    const options = { groupId: 'group', topics: ['topic'] };
    const first = await bus.consume(options, async () => undefined);
    await expect(bus.consume(options, async () => undefined)).rejects.toThrow('already consumes topic');
    await first.stop();
    await (await bus.consume(options, async () => undefined)).stop();
  });
});
