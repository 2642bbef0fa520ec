import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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

  @IsOptional()
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent):\/\/\S+$/, {
    message: 'must be an esdb:// (or kurrentdb://) connection string',
  })
  EVENTSTORE_URL?: string;

  @IsOptional()
  @Matches(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const KNOWN = Object.keys(new PlatformConfig()).concat(['DATABASE_URL', 'EVENTSTORE_URL', 'KAFKA_BROKERS']);

/** Reads and validates the configuration; throws ConfigurationError naming each bad variable. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const raw = Object.fromEntries(KNOWN.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(PlatformConfig, raw);
  const problems = validateSync(config).map(
    (error) => `${error.property}=${JSON.stringify(raw[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`,
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
  if (config.BUS === 'kafka' && !config.KAFKA_BROKERS) {
    problems.push('KAFKA_BROKERS: required when BUS=kafka');
  }
  return problems;
}
