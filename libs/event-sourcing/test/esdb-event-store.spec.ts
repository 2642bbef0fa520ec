import { EventStoreDbEventStore } from '../src/adapters/esdb-event-store';
import { eventStoreContract } from './event-store.contract';

/**
 * Runs the store contract against a live EventStoreDB, e.g.
 * EVENTSTORE_URL='esdb://localhost:2113?tls=false'. Every stream id in the contract is unique per
 * run, so a shared server works; the user must be allowed to read $all.
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  eventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.connect(url);
    return {
      store,
      reopen: async () => EventStoreDbEventStore.connect(url),
      dispose: () => store.close(),
    };
  });
} else {
  process.stdout.write('skipped: no EventStoreDB at EVENTSTORE_URL\n');
  describe.skip('EventStore contract: EventStoreDB (set EVENTSTORE_URL to run)', () => {
    it('runs the contract against a live EventStoreDB', () => undefined);
  });
}
