import { EventStore } from '@claims/event-sourcing';
import { EventRelay, MessageBus } from '@claims/messaging';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { projectionsFollowing } from '../service-kit/read-model-projection';
import { ServiceMessaging } from '../service-kit/service-messaging';
import { PlatformMetrics } from './platform-metrics';

export type ComponentKind = 'eventStore' | 'readModels' | 'relay' | 'consumer' | 'projection';

/** One part of a service that readiness checks and metrics show. */
export interface ComponentState {
  readonly kind: ComponentKind;
  /** `eventStore`, `readModels`, the relay's, consumer's or projection's own name. */
  readonly name: string;
  readonly up: boolean;
  readonly details: Record<string, unknown>;
}

/** What a service's components are made of (the ServiceInfrastructureModule's providers). */
export interface ServiceParts {
  readonly name: string;
  readonly store: EventStore;
  readonly readModels: DataSource;
  readonly relay: EventRelay | null;
  readonly messaging: ServiceMessaging;
}

/** Longest a single check may take before it counts as down. */
export const CHECK_TIMEOUT_MS = 3_000;
/** Relay and projection lag are counted up to this many events. */
export const LAG_LIMIT = 10_000;
/**
 * How long events may wait behind a relay checkpoint that does not move before readiness calls
 * the relay down (as /health does): a bus client that retries inside itself (kafkajs does while
 * the broker is gone) stalls the relay without failing it.
 */
export const STALLED_RELAY_MS = 5_000;

/** When each relay was first seen with events waiting behind an unchanged checkpoint. */
export type RelayWaits = Map<string, { readonly checkpoint: number; readonly since: number }>;

function withTimeout<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? `${error.constructor?.name ?? 'Error'}: ${error.message}` : String(error);
}

async function probe(
  check: () => Promise<unknown>,
): Promise<{ up: boolean; details: Record<string, unknown> }> {
  try {
    await withTimeout(check());
    return { up: true, details: {} };
  } catch (error) {
    return { up: false, details: { error: reason(error) } };
  }
}

async function lag(count: () => Promise<number>): Promise<number | null> {
  return withTimeout(count()).catch(() => null);
}

/** Every component of one service, checked now; `waits` carries relay stall detection between checks. */
export async function componentsOf(
  parts: ServiceParts,
  waits: RelayWaits = new Map(),
): Promise<ComponentState[]> {
  const [eventStore, readModels] = await Promise.all([
    probe(() => parts.store.readAll({ maxCount: 1 })),
    probe(() => parts.readModels.query('SELECT 1')),
  ]);
  const components: ComponentState[] = [
    { kind: 'eventStore', name: 'eventStore', ...eventStore },
    { kind: 'readModels', name: 'readModels', ...readModels },
  ];
  if (parts.relay) {
    const status = parts.relay.status();
    const lagEvents = await lag(() => parts.relay!.backlog(LAG_LIMIT));
    // A standby publishes nothing by design; the instance holding the lease reports stalls.
    const stalledSince =
      status.state === 'standby' ? null : stalled(waits, parts.relay.name, status.checkpoint, lagEvents);
    components.push({
      kind: 'relay',
      name: parts.relay.name,
      up: (status.state === 'running' && stalledSince === null) || status.state === 'standby',
      details: {
        state: status.state,
        checkpoint: status.checkpoint,
        lagEvents,
        ...(stalledSince ? { stalledSince } : {}),
        ...(status.failures
          ? { failures: status.failures, failingSince: status.failingSince, lastError: status.lastError }
          : {}),
      },
    });
  }
  const deadLetters = parts.messaging.deadLettersPublished();
  for (const [name, state] of Object.entries(parts.messaging.states())) {
    components.push({
      kind: 'consumer',
      name,
      up: state === 'up',
      details: { state, deadLettersPublished: deadLetters[name] ?? 0 },
    });
  }
  for (const projection of projectionsFollowing(parts.store)) {
    const state = projection.state();
    components.push({
      kind: 'projection',
      name: projection.name,
      up: state === 'up',
      details: { state, lagEvents: await lag(() => projection.backlog(LAG_LIMIT)) },
    });
  }
  return components;
}

/** Since when (ISO) events have waited behind an unmoving checkpoint for STALLED_RELAY_MS, else null. */
function stalled(
  waits: RelayWaits,
  relay: string,
  checkpoint: number,
  lagEvents: number | null,
): string | null {
  if (lagEvents === 0) {
    waits.delete(relay);
    return null;
  }
  const wait = waits.get(relay);
  if (wait?.checkpoint !== checkpoint) {
    waits.set(relay, { checkpoint, since: Date.now() });
    return null;
  }
  return Date.now() - wait.since >= STALLED_RELAY_MS ? new Date(wait.since).toISOString() : null;
}

export interface ObservedSnapshot {
  readonly bus: { readonly up: boolean; readonly details: Record<string, unknown> };
  readonly services: ReadonlyArray<{ readonly name: string; readonly components: readonly ComponentState[] }>;
}

/**
 * The services of one host, as readiness and metrics see them: each registers its parts at
 * start; a snapshot checks the bus and every component (a scrape's gauges share one snapshot).
 */
export class ObservedServices {
  private readonly services = new Map<string, ServiceParts>();
  private readonly relayWaits: RelayWaits = new Map();
  private recent: { at: number; snapshot: Promise<ObservedSnapshot> } | null = null;

  constructor(
    private readonly bus: MessageBus,
    metrics: PlatformMetrics,
  ) {
    this.registerMetrics(metrics);
  }

  register(parts: ServiceParts): void {
    this.services.set(parts.name, parts);
  }

  /** Checks everything now; callers within a second share the same answer. */
  snapshot(): Promise<ObservedSnapshot> {
    const now = Date.now();
    if (this.recent && now - this.recent.at < 1_000) return this.recent.snapshot;
    const snapshot = this.check();
    this.recent = { at: now, snapshot };
    return snapshot;
  }

  private async check(): Promise<ObservedSnapshot> {
    const [bus, services] = await Promise.all([
      probe(() => this.bus.checkConnection?.() ?? Promise.resolve()),
      Promise.all(
        [...this.services.values()].map(async (parts) => ({
          name: parts.name,
          components: await componentsOf(parts, this.relayWaits),
        })),
      ),
    ]);
    return { bus, services };
  }

  private registerMetrics(metrics: PlatformMetrics): void {
    const snapshot = () => this.snapshot();
    const services = () => [...this.services.values()];
    const registers = [metrics.registry];
    const components = (kind: ComponentKind) => async () =>
      (await snapshot()).services.flatMap((s) =>
        s.components.filter((c) => c.kind === kind).map((c) => ({ service: s.name, component: c })),
      );

    /** Labelled by service, and by the component's name when a service may have several. */
    const upGauge = (name: string, help: string, kind: ComponentKind, label: string | null) =>
      new Gauge({
        name,
        help,
        labelNames: label ? ['service', label] : ['service'],
        registers,
        async collect() {
          this.reset();
          for (const { service, component } of await components(kind)()) {
            this.set(label ? { service, [label]: component.name } : { service }, component.up ? 1 : 0);
          }
        },
      });
    const lagGauge = (name: string, help: string, kind: ComponentKind, label: string) =>
      new Gauge({
        name,
        help,
        labelNames: ['service', label],
        registers,
        async collect() {
          this.reset();
          for (const { service, component } of await components(kind)()) {
            const lagEvents = component.details.lagEvents;
            if (typeof lagEvents === 'number') this.set({ service, [label]: component.name }, lagEvents);
          }
        },
      });

    new Gauge({
      name: 'claims_bus_up',
      help: 'Whether the message bus answers (1) or not (0)',
      registers,
      async collect() {
        this.set((await snapshot()).bus.up ? 1 : 0);
      },
    });
    upGauge(
      'claims_event_store_up',
      "Whether the service's event store answers (1) or not (0)",
      'eventStore',
      null,
    );
    upGauge(
      'claims_read_models_up',
      "Whether the service's read-model database answers (1) or not (0)",
      'readModels',
      null,
    );
    upGauge(
      'claims_relay_up',
      'Whether the relay is publishing (1) or retrying after a failure (0)',
      'relay',
      'relay',
    );
    lagGauge(
      'claims_relay_lag_events',
      'Stored events after the relay checkpoint, not yet published (counted up to 10000)',
      'relay',
      'relay',
    );
    upGauge(
      'claims_consumer_up',
      'Whether the consumer is receiving (1) or waiting to resubscribe (0)',
      'consumer',
      'consumer',
    );
    upGauge(
      'claims_projection_up',
      'Whether the read-model projection is applying (1) or waiting to retry (0)',
      'projection',
      'projection',
    );
    lagGauge(
      'claims_projection_lag_events',
      'Stored events the projection has not applied yet (counted up to 10000)',
      'projection',
      'projection',
    );

    const counted = new Map<string, number>();
    new Counter({
      name: 'claims_dead_letters_published_total',
      help: 'Messages a consumer gave up on and published to the dead-letter topic',
      labelNames: ['service', 'consumer'],
      registers,
      collect() {
        for (const parts of services()) {
          for (const [consumer, total] of Object.entries(parts.messaging.deadLettersPublished())) {
            const key = `${parts.name}\u0000${consumer}`;
            const delta = total - (counted.get(key) ?? 0);
            if (delta > 0 || !counted.has(key))
              this.inc({ service: parts.name, consumer }, Math.max(0, delta));
            counted.set(key, total);
          }
        }
      },
    });
  }
}
