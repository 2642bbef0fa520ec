import {
  Context,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  TextMapGetter,
  Tracer,
  context,
  isSpanContextValid,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';

/** W3C trace context as carried on HTTP headers, event metadata and CloudEvents attributes. */
export interface TraceContext {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

export interface TracingOptions {
  /** `service.name` of the spans: the process's name (`platform` embedded, else the service). */
  readonly serviceName: string;
  /** OTLP/HTTP collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); without it no span leaves the process. */
  readonly otlpEndpoint?: string;
}

const TRACER_NAME = 'claims-platform';
const propagator = new W3CTraceContextPropagator();
const recordGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

let provider: NodeTracerProvider | null = null;

/**
 * Starts OpenTelemetry tracing once per process: W3C trace context, spans kept in the request's
 * or message's async context (so logs and commands see them), and, only when an OTLP endpoint is
 * configured, a batch exporter to that collector. Without one, spans are made (their ids carry
 * the trace through events and messages) but never sent anywhere. Later calls change nothing.
 */
export function startTracing(options: TracingOptions): void {
  if (provider) return;
  const spanProcessors: SpanProcessor[] = options.otlpEndpoint
    ? [
        new BatchSpanProcessor(
          new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }),
        ),
      ]
    : [];
  provider = new NodeTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || options.serviceName }),
    ),
    spanProcessors,
  });
  provider.register({ propagator });
}

/** Sends the spans still buffered (at shutdown); nothing when tracing was not started. */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush();
}

export function platformTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** The context a caller's `traceparent`/`tracestate` continue; the root context when absent or malformed. */
export function contextFrom(carrier: TraceContext | Record<string, string | string[] | undefined>): Context {
  return propagator.extract(
    ROOT_CONTEXT,
    carrier as Record<string, string | string[] | undefined>,
    recordGetter,
  );
}

/** The trace context of a span (default: the active one), to hand on; empty when there is none. */
export function traceContextOf(span: Span | undefined = trace.getActiveSpan()): TraceContext {
  if (!span || !isSpanContextValid(span.spanContext())) return {};
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, { set: (c, key, value) => (c[key] = value) });
  return {
    traceparent: carrier.traceparent,
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** Ids of the active span for log lines; empty outside any span. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return isSpanContextValid(span.spanContext()) ? { traceId, spanId } : {};
}

/**
 * Runs `work` in a new span: a child of the given trace context (a consumed message's; a new
 * trace when it has none), else of the active span. The span records a failure (the error's
 * class only: messages may hold personal data) and ends when `work` settles.
 */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; parent?: TraceContext; attributes?: Record<string, string | number> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ? contextFrom(options.parent) : context.active();
  const span = platformTracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.constructor?.name ?? 'error' });
    throw error;
  } finally {
    span.end();
  }
}
