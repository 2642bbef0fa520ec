/**
 * `npm run audit -- timeline CLM-2026-000123 [--json] [--url http://localhost:3000]` prints the
 * cross-service timeline of a claim or complaint as analytics received it (causal order, actor
 * and role), asking the running platform as an auditor: a token is issued with the platform's
 * secret, as `npm run token` does (the embedded one in DATA_DIR, or AUTH_JWT_SECRET).
 * (`verify`, the tamper-evident history, belongs to the event-sourcing lib and is not here yet.)
 */
import { parseArgs } from 'node:util';
import { hasSharedSecret, issueToken, loadPlatformConfig } from '@claims/service-host';

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

async function main(): Promise<void> {
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

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
