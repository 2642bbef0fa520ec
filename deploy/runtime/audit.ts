/**
 * The auditor's command line.
 *
 * `npm run audit -- verify [--service <name>] [--stream <stream id>]` recomputes the integrity
 * chains of the services' histories (every stream, or one) with the platform's settings (the
 * same environment as `npm start` or a service process) and reports the first broken link of
 * each history; exit code 1 when a chain is broken. The embedded histories can be read only
 * while the platform is stopped (one process owns a history file).
 *
 * `npm run audit -- timeline CLM-2026-000123 [--json] [--url http://localhost:3000]` prints the
 * cross-service timeline of a claim or complaint as analytics received it (causal order, actor
 * and role), asking the running platform as an auditor: a token is issued with the platform's
 * secret, as `npm run token` does (the embedded one in DATA_DIR, or AUTH_JWT_SECRET).
 */
import { parseArgs } from 'node:util';
import { BrokenLink, ChainVerifier, EventStore, verifyStream } from '@claims/event-sourcing';
import { hasSharedSecret, issueToken, loadPlatformConfig, openEventStore } from '@claims/service-host';

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

async function verify(): Promise<void> {
  const { values } = parseArgs({
    allowPositionals: true,
    options: { service: { type: 'string' }, stream: { type: 'string' } },
  });
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

/** One line of GET /api/v1/analytics/timelines/{number} (services/analytics/src/domain/timeline.ts). */
interface TimelineEntry {
  readonly time: string;
  readonly service: string;
  readonly type: string;
  readonly depth: number;
  readonly actor: string | null;
  readonly role: string | null;
}

const timelineText = (entries: readonly TimelineEntry[]) =>
  entries
    .map(
      (e) =>
        `${e.time}  ${e.service.padEnd(14)} ${'  '.repeat(e.depth)}${e.type.padEnd(34)} ${e.actor ?? ''}${e.role ? ` (${e.role})` : ''}`,
    )
    .join('\n');

async function timeline(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, url: { type: 'string' } },
  });
  const [command, number] = positionals;
  if (command !== 'timeline' || !number || !/^[A-Z]{3}-\d{4}-\d{6}$/.test(number)) {
    throw new Error(
      'usage: npm run audit -- timeline <CLM-YYYY-NNNNNN | CMP-YYYY-NNNNNN> [--json] [--url <base>]',
    );
  }
  const config = loadPlatformConfig();
  if (!hasSharedSecret(config))
    throw new Error('No platform secret: start the platform (npm start) or set DATA_DIR / AUTH_JWT_SECRET');
  const token = await issueToken(config, { role: 'auditor', subject: 'audit-cli', expiresIn: '5m' });
  const base = values.url ?? `http://localhost:${config.PORT}`;
  const response = await fetch(`${base}/api/v1/analytics/timelines/${number}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { events?: TimelineEntry[]; related?: string[]; detail?: string };
  if (!response.ok) throw new Error(`${response.status}: ${body.detail ?? JSON.stringify(body)}`);
  if (values.json) {
    process.stdout.write(JSON.stringify(body, null, 2) + '\n');
    return;
  }
  process.stdout.write(
    `Timeline of ${number}${body.related?.length ? ` (related: ${body.related.join(', ')})` : ''}\n`,
  );
  process.stdout.write(timelineText(body.events ?? []) + '\n');
}

const USAGE = [
  'usage: npm run audit -- verify [--service <name>] [--stream <stream id>]',
  '       npm run audit -- timeline <CLM-YYYY-NNNNNN | CMP-YYYY-NNNNNN> [--json] [--url <base>]',
].join('\n');

const command = process.argv[2];
(command === 'verify'
  ? verify()
  : command === 'timeline'
    ? timeline()
    : Promise.reject(new Error(USAGE))
).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
