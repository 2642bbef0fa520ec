import { createHash } from 'node:crypto';
import { EventEnvelope, NewEvent } from './envelope';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * sha256 of what is stored of an event (sealed personal data as sealed, so crypto-shredding
 * never breaks a chain), in a canonical form that survives every adapter's round trip: keys
 * sorted, the event id in lower case, the time as an ISO instant in UTC.
 */
export function contentDigest(event: NewEvent, streamId: string): string {
  const content = {
    eventId: event.eventId.toLowerCase(),
    streamId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: new Date(event.occurredAt).toISOString(),
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    actor: event.actor,
    data: event.data ?? null,
    metadata: event.metadata ?? {},
  };
  return sha256(canonicalJson(content));
}

/** Chains an event to its predecessor in the stream: the same formula in SQL (PostgreSQL). */
export function chainHash(previousHash: string, streamRevision: number, digest: string): string {
  return sha256(`${previousHash}:${streamRevision}:${digest}`);
}

/** Hashes a batch about to follow `previousHash` at `firstRevision`. */
export function chainOf(
  events: readonly NewEvent[],
  streamId: string,
  previousHash: string,
  firstRevision: number,
): string[] {
  const hashes: string[] = [];
  let previous = previousHash;
  events.forEach((event, i) => {
    previous = chainHash(previous, firstRevision + i, contentDigest(event, streamId));
    hashes.push(previous);
  });
  return hashes;
}

export type BrokenLink = {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
  readonly eventId: string;
  /** `altered`: the hash does not match the content; `missing`: stored without a hash. */
  readonly problem: 'altered' | 'missing' | 'out-of-order';
};

/**
 * Follows the chains of many streams as their events come (a whole store read in position
 * order, or one stream), remembering only each stream's last hash.
 */
export class ChainVerifier {
  private readonly last = new Map<string, { revision: number; hash: string }>();
  checked = 0;

  /** The first broken link this event shows, or null. */
  check(event: EventEnvelope): BrokenLink | null {
    this.checked++;
    const link = (problem: BrokenLink['problem']): BrokenLink => ({
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      problem,
    });
    const before = this.last.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.streamRevision !== before.revision + 1) return link('out-of-order');
    if (!event.integrityHash) return link('missing');
    const expected = chainHash(before.hash, event.streamRevision, contentDigest(event, event.streamId));
    if (expected !== event.integrityHash) return link('altered');
    this.last.set(event.streamId, { revision: event.streamRevision, hash: event.integrityHash });
    return null;
  }
}

/** The first broken link of one stream's events (read from revision 0), or null. */
export function verifyStream(events: readonly EventEnvelope[]): BrokenLink | null {
  const verifier = new ChainVerifier();
  for (const event of events) {
    const broken = verifier.check(event);
    if (broken) return broken;
  }
  return null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
