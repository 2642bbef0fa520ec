import { messageBusContract } from './message-bus.contract';
import { kafkaAvailable, newTestKafkaBus } from './test-environment';

if (kafkaAvailable()) {
  messageBusContract('kafka', async () => ({ bus: newTestKafkaBus(), reopen: async () => newTestKafkaBus() }), {
    durable: true,
    timeoutMs: 45_000,
  });
} else {
  describe.skip('MessageBus contract: kafka', () => it('needs a Kafka broker', () => undefined));
}
