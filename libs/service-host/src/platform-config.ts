import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const EVENT_STORE_KINDS = ['embedded', 'postgres', 'esdb'] as const;
export const BUS_KINDS = ['in-process', 'kafka'] as const;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];
export type BusKind = (typeof BUS_KINDS)[number];
export const READ_MODEL_KINDS = ['embedded', 'postgres'] as const;
export type ReadModelKind = (typeof READ_MODEL_KINDS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The platform's whole configuration, read from environment variables and validated at start.
 * Property names are the variable names, so an error names the variable to fix.
 */
export class PlatformConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  DATA_DIR = './data';

  @IsIn(EVENT_STORE_KINDS)
  EVENT_STORE: EventStoreKind = 'embedded';

  @IsIn(BUS_KINDS)
  BUS: BusKind = 'in-process';

  @IsIn(READ_MODEL_KINDS)
  READ_MODELS: ReadModelKind = 'embedded';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /** Prepended to every PostgreSQL schema the platform creates (several platforms in one database, tests). */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'must be lower-case letters, digits and _' })
  SCHEMA_PREFIX?: string;

  @IsOptional()
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent):\/\/\S+$/, {
    message: 'must be an esdb:// (or kurrentdb://) connection string',
  })
  EVENTSTORE_URL?: string;

  @IsOptional()
  @Matches(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'] },
    { message: 'must be an http(s) URL of a JWKS document' },
  )
  AUTH_JWKS_URL?: string;

  @IsString()
  AUTH_ISSUER = 'claims-platform';

  @IsString()
  AUTH_AUDIENCE = 'claims-platform-api';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** How long a request with an Idempotency-Key may run before a retry may take the key over. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_LEASE_SECONDS = 30;

  /**
   * How long a kept first response (which may hold personal data) answers retries; older ones
   * are deleted, so nothing outlives a forget request by more than this.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  IDEMPOTENCY_RETENTION_HOURS = 24;

  /** A working-day calendar JSON (holidays and make-up days); default: the bundled China-mainland one. */
  @IsOptional()
  @IsString()
  WORKING_CALENDAR_FILE?: string;

  /** `true`: empty every service's read models at start and rebuild them from the histories. */
  @IsIn(['true', 'false'])
  REBUILD_READ_MODELS: 'true' | 'false' = 'false';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** OTLP/HTTP collector to send traces to (e.g. http://otel-collector:4318); unset: no span leaves the process. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'] },
    { message: 'must be the http(s) URL of an OTLP/HTTP collector' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const KNOWN = Object.keys(new PlatformConfig()).concat([
  'DATABASE_URL',
  'EVENTSTORE_URL',
  'KAFKA_BROKERS',
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'WORKING_CALENDAR_FILE',
  'SCHEMA_PREFIX',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
]);

/** Reads and validates the configuration; throws ConfigurationError naming each bad variable. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const raw = Object.fromEntries(
    KNOWN.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const config = plainToInstance(PlatformConfig, raw);
  const problems = validateSync(config).map(
    (error) =>
      `${error.property}=${shown(error.property, raw[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  problems.push(...missingDependencies(config));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

function missingDependencies(config: PlatformConfig): string[] {
  const problems: string[] = [];
  if (config.EVENT_STORE === 'postgres' && !config.DATABASE_URL) {
    problems.push('DATABASE_URL: required when EVENT_STORE=postgres');
  }
  if (config.READ_MODELS === 'postgres' && !config.DATABASE_URL) {
    problems.push('DATABASE_URL: required when READ_MODELS=postgres');
  }
  if (config.EVENT_STORE === 'esdb' && !config.EVENTSTORE_URL) {
    problems.push('EVENTSTORE_URL: required when EVENT_STORE=esdb');
  }
  if (config.AUTH_JWT_SECRET && config.AUTH_JWKS_URL) {
    problems.push('AUTH_JWKS_URL: set either AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  if (config.EVENT_STORE !== 'embedded' && !config.AUTH_JWT_SECRET && !config.AUTH_JWKS_URL) {
    problems.push('AUTH_JWT_SECRET: AUTH_JWT_SECRET or AUTH_JWKS_URL is required outside the embedded mode');
  }
  if (config.BUS === 'kafka' && !config.KAFKA_BROKERS) {
    problems.push('KAFKA_BROKERS: required when BUS=kafka');
  }
  return problems;
}

/** A configuration value as it may appear in an error message: secrets and passwords hidden. */
function shown(variable: string, value: unknown): string {
  if (variable === 'AUTH_JWT_SECRET') return '(hidden)';
  return JSON.stringify(
    typeof value === 'string' ? value.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@') : value,
  );
}
