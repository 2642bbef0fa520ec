import { BusSubscription, DeliveredMessage, MessageBus } from '@claims/messaging';
import { ServiceMessaging } from '../src';
import { DataSource } from 'typeorm';

/** A bus whose consumers can be made to fail, as a broker outage makes kafkajs consumers stop. */
function failingBus() {
  const consumers: { reject: (error: Error) => void; handler: (m: DeliveredMessage) => Promise<void> }[] = [];
  const bus: MessageBus = {
    publish: async () => undefined,
    readTopic: async () => [],
    close: async () => undefined,
    consume: async (_options, handler) => {
      let reject: (error: Error) => void = () => undefined;
      const done = new Promise<void>((_resolve, rejectDone) => (reject = rejectDone));
      done.catch(() => undefined);
      consumers.push({ reject, handler });
      const subscription: BusSubscription = { done, stop: async () => undefined };
      return subscription;
    },
  };
  return { bus, consumers };
}

describe('ServiceMessaging', () => {
  it('resubscribes a consumer that stopped on an error, with backoff, and reports it down meanwhile', async () => {
    const { bus, consumers } = failingBus();
    const failures: string[] = [];
    const messaging = new ServiceMessaging('claims-review', bus, {} as DataSource, {
      backoff: { initialMs: 30, maxMs: 30 },
      onFailure: (consumer, error) => failures.push(`${consumer}: ${(error as Error).message}`),
    });
    await messaging.follow({
      name: 'intake-events',
      topics: ['claims-platform.intake'],
      apply: async () => undefined,
    });
    expect(messaging.states()).toEqual({ 'intake-events': 'up' });

    consumers[0].reject(new Error('broker gone'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(messaging.states()).toEqual({ 'intake-events': 'down' });
    expect(failures).toEqual(['intake-events: broker gone']);

    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(consumers).toHaveLength(2);
    expect(messaging.states()).toEqual({ 'intake-events': 'up' });
    await messaging.stop();
    consumers[1].reject(new Error('after stop'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(consumers).toHaveLength(2);
  });
});
