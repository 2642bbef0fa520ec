/**
 * `npm run audit -- verify [--service <name>] [--stream <stream id>]` recomputes the integrity
 * chains of the services' histories (every stream, or one) with the platform's settings (the
 * same environment as `npm start` or a service process) and reports the first broken link of
 * each history. Exit code 1 when a chain is broken. The embedded histories can be read only
 * while the platform is stopped (one process owns a history file).
 */
import { parseArgs } from 'node:util';
import { BrokenLink, ChainVerifier, EventStore, verifyStream } from '@claims/event-sourcing';
import { loadPlatformConfig, openEventStore } from '@claims/service-host';

const SERVICES = ['intake', 'claims-review', 'complaint', 'notification', 'analytics'];
const PAGE = 1000;

async function verifyHistory(store: EventStore): Promise<{ checked: number; broken: BrokenLink | null }> {
  const verifier = new ChainVerifier();
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({ afterPosition: after, maxCount: PAGE });
    for (const event of page) {
      const broken = verifier.check(event);
      if (broken) return { checked: verifier.checked, broken };
    }
    if (page.length < PAGE) return { checked: verifier.checked, broken: null };
    after = page[page.length - 1].globalPosition;
  }
}

function describe(link: BrokenLink): string {
  const why = {
    altered: 'its content or hash was changed',
    missing: 'it carries no hash',
    'out-of-order': 'a revision is missing before it',
  };
  return `stream ${link.streamId} revision ${link.streamRevision} (position ${link.globalPosition}, event ${link.eventId}): ${why[link.problem]}`;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { service: { type: 'string' }, stream: { type: 'string' } },
  });
  if (positionals[0] !== 'verify')
    throw new Error('usage: npm run audit -- verify [--service <name>] [--stream <stream id>]');
  if (values.service && !SERVICES.includes(values.service))
    throw new Error(`--service must be one of: ${SERVICES.join(', ')}`);
  const config = loadPlatformConfig();
  let intact = true;
  for (const service of values.service ? [values.service] : SERVICES) {
    const store = await openEventStore(config, service);
    try {
      const result = values.stream
        ? await store
            .readStream(values.stream)
            .then((events) => ({ checked: events.length, broken: verifyStream(events) }))
        : await verifyHistory(store);
      intact &&= result.broken === null;
      console.log(
        result.broken
          ? `${service}: BROKEN after ${result.checked} events at ${describe(result.broken)}`
          : `${service}: ${result.checked} events verified, every chain intact`,
      );
    } finally {
      await store.close();
    }
  }
  process.exit(intact ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
