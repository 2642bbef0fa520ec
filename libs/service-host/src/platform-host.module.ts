import { connect } from 'node:net';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
  Type,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { EventStore, PersonalDataVault } from '@claims/event-sourcing';
import {
  EventRelay,
  MessageBus,
  PostgresRelayLeadership,
  PublicEventMapping,
  integrationEventFrom,
  topicOf,
} from '@claims/messaging';
import { DataSource } from 'typeorm';
import {
  openDatabase,
  openEventStore,
  openMessageBus,
  openPersonalDataVault,
  openReadModelDatabase,
} from './infrastructure';
import { JsonLogger } from './json-logger';
import { serviceObservation } from './observability/observability.module';
import { PlatformConfig } from './platform-config';
import { AuthGuard, ScopedRequest } from './security/auth.guard';
import { AUDIT_LOGGER, CommandAuditController, CommandAuditMiddleware } from './security/command-audit';
import { ForgetDataSubjectController, PERSONAL_DATA_VAULT } from './security/forget-data-subject';
import { hostEntities } from './security/host-records';
import {
  HOST_DB,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RETENTION_MS,
  IdempotencyInterceptor,
} from './security/idempotency.interceptor';
import { TokenVerifier, tokenVerifierFor } from './security/token-verifier';
import { HealthController, HealthRegistry } from './service-health';
import { ServiceMessaging } from './service-kit/service-messaging';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** The process's JSON logger (redacting). */
export const HOST_LOGGER = Symbol('HOST_LOGGER');

@Injectable()
class HostLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(HOST_DB) private readonly db: DataSource,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.vault.close();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

/**
 * Where the host records (Idempotency-Key records, the command audit trail) live: on PostgreSQL
 * one `host` schema shared by every process of the platform, so any instance of any service
 * answers the whole audit trail and a key is held once platform-wide, as in the embedded mode;
 * embedded, `DATA_DIR/host-<process>/host.sqlite` (one process owns a DATA_DIR).
 */
export function hostRecordsOwner(config: PlatformConfig, processName: string): string {
  return config.READ_MODELS === 'postgres' ? 'host' : `host-${processName}`;
}

/** Rate limits per authenticated caller, or per address before authentication. */
@Injectable()
class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const scoped = request as unknown as ScopedRequest;
    return scoped.scope?.principal?.userId ?? scoped.ip ?? 'unknown';
  }
}

/**
 * What every process has once: configuration, logger, the message bus, /health, and the API's
 * security: bearer-token authentication and permissions, rate limits, Idempotency-Key and the
 * command audit trail.
 */
@Global()
@Module({})
export class PlatformHostModule {
  static forRoot(name: string, config: PlatformConfig, logger: JsonLogger): DynamicModule {
    return {
      module: PlatformHostModule,
      imports: [
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] }),
      ],
      controllers: [HealthController, CommandAuditController, ForgetDataSubjectController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: AUDIT_LOGGER, useValue: logger },
        { provide: HOST_LOGGER, useValue: logger },
        { provide: MESSAGE_BUS, useFactory: () => openMessageBus(config, logger) },
        {
          provide: HOST_DB,
          useFactory: () => openDatabase(config, hostRecordsOwner(config, name), 'host', hostEntities),
        },
        { provide: PERSONAL_DATA_VAULT, useFactory: () => openPersonalDataVault(config) },
        { provide: TokenVerifier, useFactory: () => tokenVerifierFor(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
        { provide: IDEMPOTENCY_LEASE_MS, useValue: config.IDEMPOTENCY_LEASE_SECONDS * 1000 },
        { provide: IDEMPOTENCY_RETENTION_MS, useValue: config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000 },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        CommandAuditMiddleware,
        HealthRegistry,
        HostLifecycle,
      ],
      exports: [PLATFORM_CONFIG, MESSAGE_BUS, PERSONAL_DATA_VAULT, HealthRegistry, HOST_LOGGER],
    };
  }
}

@Injectable()
class ServiceLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(SERVICE_NAME) private readonly name: string,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
    @Inject(EventRelay) private readonly relay: EventRelay | null,
    private readonly messaging: ServiceMessaging,
    private readonly health: HealthRegistry,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onModuleInit(): void {
    this.health.register(this.name, async () => ({
      eventStore: await this.store.readAll({ maxCount: 1 }).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      readModels: await this.db.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      ...(this.config.BUS === 'kafka'
        ? { bus: await brokerReachable(this.config.KAFKA_BROKERS as string) }
        : {}),
      ...(this.relay ? { relay: await this.relayState(this.relay) } : {}),
      ...Object.fromEntries(
        Object.entries(this.messaging.states()).map(([name, state]) => [`consumer:${name}`, state]),
      ),
    }));
  }

  /** When /health first saw events waiting behind an unchanged relay checkpoint. */
  private relayWaiting: { checkpoint: number; since: number } | null = null;

  /**
   * `down` while the relay retries after a failure, and while events wait behind a checkpoint
   * that has not moved for RELAY_STALL_MS: a bus client that retries inside itself (kafkajs does
   * while the broker is gone) stalls the relay without failing it.
   */
  private async relayState(relay: EventRelay): Promise<'up' | 'down'> {
    const { state, checkpoint } = relay.status();
    if (state === 'retrying') return 'down';
    const waiting = await this.store.readAll({ afterPosition: checkpoint, maxCount: 1 }).then(
      (e) => e.length > 0,
      () => true,
    );
    if (!waiting) {
      this.relayWaiting = null;
      return 'up';
    }
    if (this.relayWaiting?.checkpoint !== checkpoint) this.relayWaiting = { checkpoint, since: Date.now() };
    return Date.now() - this.relayWaiting.since >= RELAY_STALL_MS ? 'down' : 'up';
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.messaging.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

/** How long events may wait behind an unmoving relay checkpoint before /health calls the relay down. */
export const RELAY_STALL_MS = 5_000;

/** `up` when a TCP connection to any of the brokers opens within a second. */
function brokerReachable(brokers: string): Promise<'up' | 'down'> {
  const attempts = brokers.split(',').map(
    (broker) =>
      new Promise<boolean>((resolve) => {
        const at = broker.lastIndexOf(':');
        const socket = connect({ host: broker.slice(0, at), port: Number(broker.slice(at + 1)) });
        const done = (ok: boolean) => {
          socket.destroy();
          resolve(ok);
        };
        socket.setTimeout(1_000, () => done(false));
        socket.once('connect', () => done(true));
        socket.once('error', () => done(false));
      }),
  );
  return Promise.all(attempts).then((ok) => (ok.some(Boolean) ? 'up' : 'down'));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export interface ServiceInfrastructureOptions {
  /** The bounded context's name, e.g. `claims-review`; it names its stores and its topic. */
  readonly name: string;
  /** TypeORM entities of the service's read models. */
  readonly entities: readonly Type<unknown>[];
  /**
   * Which stored events other contexts see, on which topic. Default: every event on the
   * service's own topic, keyed by its stream id. `false`: the service publishes nothing.
   */
  readonly publicEvents?: PublicEventMapping | false;
}

/**
 * A bounded context's own event store, read-model database and relay: no other service sees
 * its stores; others hear from it only through the integration events the relay publishes.
 */
@Module({})
export class ServiceInfrastructureModule {
  static forService(options: ServiceInfrastructureOptions): DynamicModule {
    const publicEvents =
      options.publicEvents ??
      ((envelope) => ({
        topic: topicOf(options.name),
        event: integrationEventFrom(envelope, options.name, envelope.streamId),
      }));
    return {
      module: ServiceInfrastructureModule,
      providers: [
        { provide: SERVICE_NAME, useValue: options.name },
        {
          provide: EVENT_STORE,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) => openEventStore(config, options.name),
        },
        {
          provide: READ_MODEL_DB,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) =>
            openReadModelDatabase(config, options.name, options.entities),
        },
        {
          provide: EventRelay,
          inject: [EVENT_STORE, MESSAGE_BUS, READ_MODEL_DB, HOST_LOGGER, PLATFORM_CONFIG],
          useFactory: (
            store: EventStore,
            bus: MessageBus,
            dataSource: DataSource,
            logger: JsonLogger,
            config: PlatformConfig,
          ) =>
            publicEvents
              ? new EventRelay({
                  name: `${options.name}.relay`,
                  store,
                  bus,
                  dataSource,
                  // Instances on one PostgreSQL may run side by side: one publishes, the others stand by.
                  leadership:
                    config.READ_MODELS === 'postgres' ? new PostgresRelayLeadership(dataSource) : undefined,
                  toPublicEvent: publicEvents,
                  onFailure: (error, failures, retryInMs) =>
                    logger.warn(
                      {
                        msg: 'relay failed, retrying',
                        relay: `${options.name}.relay`,
                        failures,
                        retryInMs,
                        error: messageOf(error),
                      },
                      'relay',
                    ),
                })
              : null,
        },
        {
          provide: ServiceMessaging,
          inject: [MESSAGE_BUS, READ_MODEL_DB, HOST_LOGGER],
          useFactory: (bus: MessageBus, db: DataSource, logger: JsonLogger) =>
            new ServiceMessaging(options.name, bus, db, {
              onFailure: (consumer, error, retryInMs) =>
                logger.warn(
                  {
                    msg: 'consumer stopped, resubscribing',
                    service: options.name,
                    consumer,
                    retryInMs,
                    error: messageOf(error),
                  },
                  'consumer',
                ),
            }),
        },
        ServiceLifecycle,
        serviceObservation({ name: SERVICE_NAME, store: EVENT_STORE, readModels: READ_MODEL_DB }),
      ],
      exports: [SERVICE_NAME, EVENT_STORE, READ_MODEL_DB, ServiceMessaging],
    };
  }
}
