import { ConfigurationError, loadPlatformConfig } from '../src';

describe('platform configuration', () => {
  it('defaults to the embedded mode on port 3000', () => {
    expect(loadPlatformConfig({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EVENT_STORE: 'embedded',
      BUS: 'in-process',
      READ_MODELS: 'embedded',
    });
  });

  it('reads the distributed settings', () => {
    const config = loadPlatformConfig({
      PORT: '8081',
      EVENT_STORE: 'esdb',
      EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false',
      BUS: 'kafka',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      READ_MODELS: 'postgres',
      DATABASE_URL: 'postgres://claims@db:5432/claims',
      AUTH_JWKS_URL: 'https://login.example/.well-known/jwks.json',
    });
    expect(config).toMatchObject({ PORT: 8081, EVENT_STORE: 'esdb', BUS: 'kafka', READ_MODELS: 'postgres' });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE'],
    [{ BUS: 'rabbit' }, 'BUS'],
    [{ KAFKA_BROKERS: 'not a list' }, 'KAFKA_BROKERS'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL'],
    [{ READ_MODELS: 'postgres' }, 'DATABASE_URL'],
    [{ EVENT_STORE: 'esdb' }, 'EVENTSTORE_URL'],
    [{ BUS: 'kafka' }, 'KAFKA_BROKERS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ AUTH_JWKS_URL: 'not a url' }, 'AUTH_JWKS_URL'],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x@y/z' }, 'AUTH_JWT_SECRET'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
  ])('refuses %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadPlatformConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.some((p) => p.startsWith(variable))).toBe(true);
  });
});

it('never shows a secret or a password in a configuration error', () => {
  let message = '';
  try {
    loadPlatformConfig({ AUTH_JWT_SECRET: 'too-short-secret', DATABASE_URL: 'mysql://user:hunter2@db/x' });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain('AUTH_JWT_SECRET=(hidden)');
  expect(message).not.toContain('too-short-secret');
  expect(message).not.toContain('hunter2');
});
