import {
  Controller,
  DynamicModule,
  Get,
  Global,
  Header,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { EventStore } from '@claims/event-sourcing';
import { EventRelay, MessageBus } from '@claims/messaging';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../security/auth.guard';
import { ServiceMessaging } from '../service-kit/service-messaging';
import { ComponentState, ObservedServices } from './observed-services';
import { PlatformMetrics } from './platform-metrics';
import { flushTraces } from './tracing';

/** Paths served outside the API prefix and the OpenAPI document, like `/health`. */
export const OBSERVABILITY_PATHS = ['metrics', 'health/live', 'health/ready'] as const;

/** Prometheus text exposition of the process's metrics (public, never rate limited). */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PlatformMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async metricsText(@Res({ passthrough: true }) response: Response): Promise<string> {
    const { contentType, body } = await this.metrics.exposition();
    response.type(contentType);
    return body;
  }
}

/** The readiness key of a service's component, e.g. `claims-review.consumer:intake-claims`. */
export function readinessKey(service: string, component: ComponentState): string {
  switch (component.kind) {
    case 'eventStore':
    case 'readModels':
    case 'relay':
      return `${service}.${component.kind}`;
    default:
      return `${service}.${component.kind}:${component.name}`;
  }
}

/**
 * Kubernetes-style probes through @nestjs/terminus. Liveness: the process answers (never its
 * dependencies, so an outage does not restart every pod). Readiness: the bus and every service's
 * event store, read models, relay, consumers and projections; 503 while any is down, naming it
 * under `error`, with relay and projection lag in the details.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly observed: ObservedServices,
  ) {}

  @Get('live')
  live(@Res({ passthrough: true }) response: Response) {
    return this.answer(response, [
      () =>
        this.indicators
          .check('process')
          .up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const snapshot = await this.observed.snapshot();
    const indicate = (key: string, state: { up: boolean; details: Record<string, unknown> }) => () =>
      state.up
        ? this.indicators.check(key).up(state.details)
        : this.indicators.check(key).down(state.details);
    return this.answer(response, [
      indicate('bus', snapshot.bus),
      ...snapshot.services.flatMap((service) =>
        service.components.map((c) => indicate(readinessKey(service.name, c), c)),
      ),
    ]);
  }

  /** Terminus answers 503 by throwing: the body is given as is, not as a problem document. */
  private async answer(response: Response, checks: Parameters<HealthCheckService['check']>[0]) {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }
}

@Injectable()
class TraceFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTraces().catch(() => undefined);
  }
}

/**
 * `/metrics`, `/health/live` and `/health/ready` for a host, and the registries its services
 * report to. Global: a service injects PlatformMetrics to register its own gauges.
 */
@Global()
@Module({})
export class ObservabilityModule {
  /** @param busToken the injection token of the host's MessageBus. */
  static forRoot(busToken: symbol): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [MetricsController, ProbesController],
      providers: [
        { provide: PlatformMetrics, useFactory: () => new PlatformMetrics() },
        {
          provide: ObservedServices,
          inject: [busToken, PlatformMetrics],
          useFactory: (bus: MessageBus, metrics: PlatformMetrics) => new ObservedServices(bus, metrics),
        },
        TraceFlush,
      ],
      exports: [PlatformMetrics, ObservedServices],
    };
  }
}

/**
 * A provider that hands a service's store, read models, relay and consumers (its projections are
 * found through the store) to the host's readiness and metrics; the tokens are the service
 * module's own (given, not imported, to keep this file free of the host module).
 */
export function serviceObservation(tokens: { name: symbol; store: symbol; readModels: symbol }) {
  @Injectable()
  class ServiceObservation implements OnModuleInit {
    constructor(
      @Inject(tokens.name) readonly name: string,
      @Inject(tokens.store) readonly store: EventStore,
      @Inject(tokens.readModels) readonly readModels: DataSource,
      @Inject(EventRelay) readonly relay: EventRelay | null,
      readonly messaging: ServiceMessaging,
      readonly observed: ObservedServices,
    ) {}

    onModuleInit(): void {
      const { name, store, readModels, relay, messaging } = this;
      this.observed.register({ name, store, readModels, relay, messaging });
    }
  }
  return ServiceObservation;
}
