import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, Type } from '@nestjs/common';
import { EventStore } from '@claims/event-sourcing';
import { MessageBus } from '@claims/messaging';
import { DataSource } from 'typeorm';
import { openEventStore, openMessageBus, openReadModelDatabase } from './infrastructure';
import { JsonLogger } from './json-logger';
import { PlatformConfig } from './platform-config';
import { HealthController, HealthRegistry } from './service-health';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const PLATFORM_LOGGER = Symbol('PLATFORM_LOGGER');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Injectable()
class BusLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

/** What every process has once: configuration, logger, the message bus and /health. */
@Global()
@Module({})
export class PlatformHostModule {
  static forRoot(config: PlatformConfig, logger: JsonLogger): DynamicModule {
    return {
      module: PlatformHostModule,
      controllers: [HealthController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: PLATFORM_LOGGER, useValue: logger },
        { provide: MESSAGE_BUS, useFactory: () => openMessageBus(config, logger) },
        HealthRegistry,
        BusLifecycle,
      ],
      exports: [PLATFORM_CONFIG, PLATFORM_LOGGER, MESSAGE_BUS, HealthRegistry],
    };
  }
}

@Injectable()
class ServiceLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_NAME) private readonly name: string,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register(this.name, async () => ({
      eventStore: await this.store.readAll({ maxCount: 1 }).then(() => 'up' as const, () => 'down' as const),
      readModels: await this.db.query('SELECT 1').then(() => 'up' as const, () => 'down' as const),
    }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

export interface ServiceInfrastructureOptions {
  /** The bounded context's name, e.g. `claims-review`; it names its stores too. */
  readonly name: string;
  /** TypeORM entities of the service's read models. */
  readonly entities: readonly Type<unknown>[];
}

/** A bounded context's own event store and read-model database: no other service sees them. */
@Module({})
export class ServiceInfrastructureModule {
  static forService(options: ServiceInfrastructureOptions): DynamicModule {
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
          useFactory: (config: PlatformConfig) => openReadModelDatabase(config, options.name, options.entities),
        },
        ServiceLifecycle,
      ],
      exports: [SERVICE_NAME, EVENT_STORE, READ_MODEL_DB],
    };
  }
}
