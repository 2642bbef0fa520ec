import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One sample of a service's own gauge: its labels and value at the time of a scrape. */
export interface GaugeSample<Label extends string = string> {
  readonly labels?: Partial<Record<Label, string>>;
  readonly value: number;
}

/** A gauge a service registers (e.g. claims-review's time limits at risk and breached). */
export interface ServiceGaugeDefinition<Label extends string = string> {
  /** Prometheus metric name, e.g. `claims_time_limits`; prefix yours with `claims_`. */
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
  /** Read at each scrape of /metrics; a failure leaves the gauge empty for that scrape. */
  readonly read: () => Promise<readonly GaugeSample<Label>[]> | readonly GaugeSample<Label>[];
}

type GaugeReader = ServiceGaugeDefinition['read'];

let processRegistry: Registry | null = null;

/** Node's process metrics (CPU, memory, event loop, GC), collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Buckets of the HTTP duration histogram, in seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metrics of one host (one HTTP application): HTTP requests by method, route template and
 * status; whatever the host's services register; and, at each scrape, the process metrics.
 * Services add their own gauges with `registerGauge` (inject PlatformMetrics).
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly gauges = new Map<
    string,
    { readonly help: string; readonly labelNames: readonly string[]; readonly readers: GaugeReader[] }
  >();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request to its answer, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  /** Records one answered request. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  /**
   * Adds a gauge read at each scrape. Services that share a process (the embedded mode) may
   * register the same name with the same labels: each one's samples are added to it, so label
   * yours with `service`.
   */
  registerGauge<Label extends string>(definition: ServiceGaugeDefinition<Label>): void {
    const shared = this.gauges.get(definition.name);
    if (shared) {
      if (
        shared.help !== definition.help ||
        shared.labelNames.join() !== (definition.labelNames ?? []).join()
      )
        throw new Error(`Gauge ${definition.name} is already registered with other help or labels`);
      shared.readers.push(definition.read as GaugeReader);
      return;
    }
    const readers: GaugeReader[] = [definition.read as GaugeReader];
    this.gauges.set(definition.name, {
      help: definition.help,
      labelNames: definition.labelNames ?? [],
      readers,
    });
    new Gauge<Label>({
      name: definition.name,
      help: definition.help,
      labelNames: definition.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        const read = (reader: GaugeReader) =>
          Promise.resolve()
            .then(reader)
            .catch(() => []);
        for (const samples of await Promise.all(readers.map(read)))
          for (const sample of samples)
            this.set((sample.labels ?? {}) as Partial<Record<Label, string | number>>, sample.value);
      },
    });
  }

  /** The text exposition of this host's metrics and the process's. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}
