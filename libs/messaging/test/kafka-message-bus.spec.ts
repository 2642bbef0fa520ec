import { TEST_RUN_PREFIX, messageBusContract } from './message-bus.contract';
import { deleteKafkaTestData, kafkaAvailable, newTestKafkaBus } from './test-environment';

if (kafkaAvailable()) {
  const open = async () => ({
    bus: newTestKafkaBus(),
    reopen: async () => newTestKafkaBus(),
    dispose: () => deleteKafkaTestData(TEST_RUN_PREFIX),
  });
  messageBusContract('kafka', open, { durable: true, timeoutMs: 45_000 });

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
