import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('embedded (file on disk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-embedded-'));
  const file = join(dir, 'history.jsonl');
  const store = new EmbeddedEventStore(file);
  return {
    store,
    reopen: async () => {
      await store.close();
      return new EmbeddedEventStore(file);
    },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
