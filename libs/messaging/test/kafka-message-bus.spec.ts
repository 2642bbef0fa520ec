import { DeliveredMessage } from '../src';
import { TEST_RUN_PREFIX, messageBusContract, testEvent, uniqueName } from './message-bus.contract';
import { deleteKafkaTestData, kafkaAvailable, newTestKafkaBus } from './test-environment';

if (kafkaAvailable()) {
  const open = async () => ({
    bus: newTestKafkaBus(),
    reopen: async () => newTestKafkaBus(),
    dispose: () => deleteKafkaTestData(TEST_RUN_PREFIX),
  });
  messageBusContract('kafka', open, { durable: true, timeoutMs: 45_000 });

  describe('KafkaMessageBus batch consumption', () => {
    it('applies fetched messages together, and one by one through the handler when a batch fails', async () => {
      const bus = newTestKafkaBus();
      const topic = uniqueName('batches');
      const events = Array.from({ length: 40 }, (_, i) => testEvent(`claim-${i % 3}`, i));
      const poison = events[25].id;
      await bus.publish(topic, events);
      const batchSizes: number[] = [];
      const applied: string[] = [];
      const oneByOne: string[] = [];
      const subscription = await bus.consume(
        {
          groupId: `${topic}.group`,
          topics: [topic],
          applyBatch: async (messages: readonly DeliveredMessage[]) => {
            if (messages.some((m) => m.event.id === poison)) throw new Error('poison in this batch');
            batchSizes.push(messages.length);
            applied.push(...messages.map((m) => m.event.id));
          },
        },
        async (message) => {
          oneByOne.push(message.event.id);
          applied.push(message.event.id);
        },
      );
      try {
        const deadline = Date.now() + 30_000;
        while (applied.length < events.length && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
        expect([...applied].sort()).toEqual(events.map((e) => e.id).sort());
        expect(Math.max(...batchSizes)).toBeGreaterThan(1);
        expect(oneByOne).toContain(poison);
      } finally {
        await subscription.stop();
        await bus.close();
      }
    }, 45_000);
  });

  describe('KafkaMessageBus.checkConnection', () => {
    it('resolves while the broker answers (readiness probes)', async () => {
      const bus = newTestKafkaBus();
      try {
        await expect(bus.checkConnection()).resolves.toBeUndefined();
        await expect(Promise.all([bus.checkConnection(), bus.checkConnection()])).resolves.toEqual([
          undefined,
          undefined,
        ]);
      } finally {
        await bus.close();
      }
    }, 30_000);
  });
} else {
  describe.skip('MessageBus contract: kafka', () => it('needs a Kafka broker', () => undefined));
}
