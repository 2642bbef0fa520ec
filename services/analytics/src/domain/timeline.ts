import { ReceivedEvent, inFoldOrder } from './received-event';

export interface TimelineEntry {
  readonly eventId: string;
  readonly service: string;
  readonly type: string;
  readonly time: string;
  readonly caseId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** How deep in its causal chain (0: caused by nothing in this timeline). */
  readonly depth: number;
  readonly actor: string | null;
  readonly role: string | null;
}

/** Who did it, as the published data names it, and in which role. */
const ACTORS: [field: string, role: string][] = [
  ['acceptedBy', 'claims-acceptor'],
  ['decidedBy', 'decider'],
  ['instructedBy', 'claims-handler'],
  ['closedBy', 'staff'],
  ['reopenedBy', 'manager'],
  ['sentBackBy', 'approver'],
  ['communicatedBy', 'staff'],
  ['archivedBy', 'staff'],
  ['withdrawnBy', 'customer'],
  ['grantedBy', 'staff'],
  ['investigatorId', 'investigator'],
  ['handlerId', 'handler'],
  ['toHandlerId', 'handler'],
];

export function actorOf(event: ReceivedEvent): { actor: string | null; role: string | null } {
  const d = event.data;
  for (const [field, role] of ACTORS) {
    const who = d[field];
    if (typeof who !== 'string' || !who) continue;
    if (field === 'decidedBy') {
      const as = typeof d['decidedAs'] === 'string' ? d['decidedAs'] : role;
      return { actor: who, role: as === 'fast-track' ? 'system' : as };
    }
    if (field === 'grantedBy')
      return { actor: who, role: typeof d['grantedAs'] === 'string' ? d['grantedAs'] : role };
    return { actor: who, role };
  }
  // The time-limit checks are the services' own; for the rest the published data names no one.
  if (/^(Clock|TimeLimit)/.test(event.type)) return { actor: 'system', role: 'system' };
  return { actor: null, role: null };
}

const serviceOf = (source: string) => source.split('/').filter(Boolean).pop() ?? source;

/**
 * Every event in causal order: an event caused by another in the timeline (its causation id is
 * that event's id) comes right after its cause's subtree position; otherwise in time order
 * (ties in the order of the publishing service's topic). Events of one correlation stay together under their first cause.
 */
export function causalTimeline(events: readonly ReceivedEvent[]): TimelineEntry[] {
  const byTime = inFoldOrder(events);
  const ids = new Set(byTime.map((e) => e.eventId));
  const children = new Map<string, ReceivedEvent[]>();
  const roots: ReceivedEvent[] = [];
  for (const e of byTime) {
    if (e.causationId && e.causationId !== e.eventId && ids.has(e.causationId)) {
      children.set(e.causationId, [...(children.get(e.causationId) ?? []), e]);
    } else roots.push(e);
  }
  const out: TimelineEntry[] = [];
  const seen = new Set<string>();
  const visit = (e: ReceivedEvent, depth: number) => {
    if (seen.has(e.eventId)) return;
    seen.add(e.eventId);
    out.push({
      eventId: e.eventId,
      service: serviceOf(e.source),
      type: e.type,
      time: e.time,
      caseId: e.caseId,
      correlationId: e.correlationId,
      causationId: e.causationId,
      depth,
      ...actorOf(e),
    });
    for (const child of children.get(e.eventId) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  for (const e of byTime) visit(e, 0); // a causal cycle (never expected) still shows every event
  return out;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function timelinePage(number: string, entries: readonly TimelineEntry[]): string {
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${escape(e.time)}</td><td>${escape(e.service)}</td><td style="padding-left:${8 + e.depth * 16}px">${escape(e.type)}</td><td>${escape(e.actor ?? '')}</td><td>${escape(e.role ?? '')}</td><td><code>${escape(e.correlationId)}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Timeline ${escape(number)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 8px;font-size:12px;text-align:left}@media print{tr{break-inside:avoid}}</style>
</head><body><h1>Timeline of ${escape(number)}</h1><p>${entries.length} events from every service, in causal order.</p>
<table><thead><tr><th>time</th><th>service</th><th>event</th><th>actor</th><th>role</th><th>correlation</th></tr></thead><tbody>${rows}</tbody></table></body></html>
`;
}

/** The timeline as text lines, for the command line. */
export function timelineText(entries: readonly TimelineEntry[]): string {
  return entries
    .map(
      (e) =>
        `${e.time}  ${e.service.padEnd(14)} ${'  '.repeat(e.depth)}${e.type.padEnd(34)} ${e.actor ?? ''}${e.role ? ` (${e.role})` : ''}`,
    )
    .join('\n');
}
