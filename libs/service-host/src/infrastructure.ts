import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type } from '@nestjs/common';
import {
  EmbeddedEventStore,
  EventStore,
  EventStoreDbEventStore,
  FileSubjectKeyStore,
  PersonalDataVault,
  PostgresEventStore,
  PostgresSubjectKeyStore,
} from '@claims/event-sourcing';
import { InProcessMessageBus, KafkaMessageBus, MessageBus, messagingEntities } from '@claims/messaging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JournaledSqliteFile } from './journaled-sqlite-file';
import { JsonLogger } from './json-logger';
import { ProjectionCheckpoint } from './service-kit/read-model-projection';
import { PlatformConfig } from './platform-config';

/** `claims-review` -> `claims_review`: a service's name as a database schema name. */
export function schemaNameOf(config: PlatformConfig, service: string, suffix = ''): string {
  return `${config.SCHEMA_PREFIX ?? ''}${service.replace(/[^a-z0-9]+/g, '_')}${suffix}`;
}

function serviceDataDir(config: PlatformConfig, service: string): string {
  const dir = resolve(config.DATA_DIR, service);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function openEventStore(config: PlatformConfig, service: string): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'embedded':
      return new EmbeddedEventStore(join(serviceDataDir(config, service), 'history.jsonl'));
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: config.DATABASE_URL as string,
        schema: schemaNameOf(config, service, '_history'),
      });
    case 'esdb':
      return EventStoreDbEventStore.connect(config.EVENTSTORE_URL as string);
  }
}

export async function openMessageBus(config: PlatformConfig, logger: JsonLogger): Promise<MessageBus> {
  if (config.BUS === 'kafka') {
    return new KafkaMessageBus({
      brokers: (config.KAFKA_BROKERS as string).split(','),
      clientId: 'claims-platform',
      logger,
    });
  }
  return new InProcessMessageBus(config.EVENT_STORE === 'embedded' ? serviceDataDir(config, 'bus') : null);
}

/** A service's read-model database, with the relay, projection and processed-message bookkeeping. */
export async function openReadModelDatabase(
  config: PlatformConfig,
  service: string,
  entities: readonly Type<unknown>[],
): Promise<DataSource> {
  const db = await openDatabase(config, service, 'read-models', [
    ...messagingEntities,
    ProjectionCheckpoint,
    ...entities,
  ]);
  if (config.REBUILD_READ_MODELS === 'true') await emptyReadModels(db, entities);
  return db;
}

/**
 * Empties the projected tables and their checkpoints, so projections replay the whole history
 * (after a forget, or a projection fix). Relay checkpoints and processed-message records stay:
 * they are bookkeeping about the bus, not read models.
 */
async function emptyReadModels(db: DataSource, entities: readonly Type<unknown>[]): Promise<void> {
  for (const entity of [...entities, ProjectionCheckpoint]) await db.getRepository(entity).clear();
}

/** SQLite file `DATA_DIR/<owner>/<file>.sqlite` (embedded) or PostgreSQL schema `<owner>`. */
export async function openDatabase(
  config: PlatformConfig,
  owner: string,
  file: string,
  entities: readonly Type<unknown>[],
): Promise<DataSource> {
  if (config.READ_MODELS === 'postgres') {
    const schema = schemaNameOf(config, owner);
    const db = new DataSource({
      type: 'postgres',
      url: config.DATABASE_URL,
      schema,
      entities: [...entities],
      synchronize: true,
    });
    return withSchemaLock(config.DATABASE_URL as string, schema, async () => db.initialize());
  }
  return JournaledSqliteFile.open(join(serviceDataDir(config, owner), `${file}.sqlite`), entities);
}

/**
 * Creates the schema and runs `work` (TypeORM's synchronize) under a session advisory lock on the
 * schema's name: processes starting at once on a shared schema (the `host` records, two instances
 * of a service) take turns instead of racing to create the same tables.
 */
async function withSchemaLock<T>(url: string, schema: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`claims-platform.schema.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return await work();
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

/**
 * Personal-data keys live apart from every history, in one key store for the whole platform
 * (as a KMS would): a file per subject in DATA_DIR/personal-data-keys (embedded), or the
 * `personal_data` schema in PostgreSQL.
 */
export async function openPersonalDataVault(config: PlatformConfig): Promise<PersonalDataVault> {
  const keys =
    config.DATABASE_URL && (config.EVENT_STORE !== 'embedded' || config.READ_MODELS === 'postgres')
      ? await PostgresSubjectKeyStore.open({
          connectionString: config.DATABASE_URL,
          schema: schemaNameOf(config, 'personal-data'),
        })
      : new FileSubjectKeyStore(serviceDataDir(config, 'personal-data-keys'));
  return new PersonalDataVault(keys);
}
