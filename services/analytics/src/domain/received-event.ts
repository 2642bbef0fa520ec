/** One integration event as analytics received it: the consumed history every figure is folded from. */
export interface ReceivedEvent {
  readonly eventId: string;
  readonly topic: string;
  readonly partition: number;
  /** The bus offset in its topic partition (a decimal string). */
  readonly busOffset: string;
  readonly source: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly subject: string;
  /** The claim or complaint the event is about. */
  readonly caseId: string;
  readonly time: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The data as published (personal fields still sealed). */
  readonly data: Record<string, unknown>;
}

/** Topic partition → the highest offset included ("claims-platform.intake/0": "41"). */
export type Positions = Record<string, string>;

export const positionKey = (e: Pick<ReceivedEvent, 'topic' | 'partition'>) => `${e.topic}/${e.partition}`;

/** Whether an event lies within the positions (a partition not named is not included). */
export function withinPositions(event: ReceivedEvent, positions: Positions): boolean {
  const limit = positions[positionKey(event)];
  return limit !== undefined && BigInt(event.busOffset) <= BigInt(limit);
}

/** The positions of a set of events: each partition's highest offset, keys sorted. */
export function positionsOf(events: readonly ReceivedEvent[]): Positions {
  const found = new Map<string, bigint>();
  for (const e of events) {
    const key = positionKey(e);
    const offset = BigInt(e.busOffset);
    const known = found.get(key);
    if (known === undefined || offset > known) found.set(key, offset);
  }
  return Object.fromEntries([...found.keys()].sort().map((key) => [key, String(found.get(key))]));
}

/** A case's events in the order they are folded: by time, then topic, partition and offset. */
export function inFoldOrder(events: readonly ReceivedEvent[]): ReceivedEvent[] {
  return [...events].sort(
    (a, b) =>
      a.time.localeCompare(b.time) ||
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition ||
      (BigInt(a.busOffset) < BigInt(b.busOffset) ? -1 : BigInt(a.busOffset) > BigInt(b.busOffset) ? 1 : 0),
  );
}

/** The case an event is about: the claim id or complaint id in its data, else its subject. */
export function caseIdOf(data: Record<string, unknown>, subject: string): string {
  const id = data['claimId'] ?? data['complaintId'];
  return typeof id === 'string' && id.length > 0 ? id : subject;
}
