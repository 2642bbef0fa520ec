/**
 * What the fault and scale-out suites run on: real service processes (`node -r @swc-node/register
 * services/<name>/src/main.ts`), a Kafka broker of their own (deploy/kafka/start.sh with its own
 * home, ports and data, so stopping it disturbs nobody else) and PostgreSQL: `DATABASE_URL`, or a
 * private cluster the suite makes with PostgreSQL's own initdb/pg_ctl so it can restart it; the
 * suite's schemas under a fresh SCHEMA_PREFIX, dropped afterwards.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueToken, loadPlatformConfig } from '@claims/service-host';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../../..');
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KAFKA_DIR = join(ROOT, 'deploy/kafka');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Whether the suite can run here: PostgreSQL answers and Java is there for a broker. Missing
 * infrastructure skips the suite with `skipped: ...`, except under CI=true, where it fails.
 */
export function infrastructureAvailable(): boolean {
  const problems: string[] = [];
  const { hostname, port } = new URL(DATABASE_URL.replace(/^postgres(ql)?:/, 'tcp:'));
  const probe = `require('node:net').connect({host:process.argv[1],port:+process.argv[2]}).on('connect',()=>process.exit(0)).on('error',()=>process.exit(1)).setTimeout(2000,()=>process.exit(1))`;
  try {
    execFileSync(process.execPath, ['-e', probe, hostname, port || '5432'], {
      stdio: 'ignore',
      timeout: 5000,
    });
  } catch {
    problems.push(`no PostgreSQL at ${hostname}:${port || 5432}`);
  }
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    problems.push('no java for a Kafka broker');
  }
  if (problems.length === 0) return true;
  if (process.env.CI === 'true') throw new Error(`CI needs: ${problems.join(', ')}`);
  console.warn(`skipped: ${problems.join(', ')}`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A single-node broker of the suite's own, from deploy/kafka (jars shared with the project's). */
export class PrivateKafka {
  private constructor(
    readonly home: string,
    readonly port: number,
    private readonly controllerPort: number,
  ) {}

  static async create(home: string): Promise<PrivateKafka> {
    mkdirSync(home, { recursive: true });
    const sharedLib = join(KAFKA_DIR, '.kafka/lib');
    if (existsSync(join(sharedLib, '.resolved-pom.sha256')) && !existsSync(join(home, 'lib')))
      symlinkSync(sharedLib, join(home, 'lib'));
    return new PrivateKafka(home, await freePort(), await freePort());
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_HOME_DIR: this.home,
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
    };
  }

  /** Starts the broker; resolves when it serves (deploy/kafka/start.sh waits for it). */
  start(): void {
    execFileSync('bash', [join(KAFKA_DIR, 'start.sh')], { env: this.env(), stdio: 'pipe', timeout: 180_000 });
  }

  /** Stops it (SIGTERM, as an operator would; SIGKILL after 10 s). */
  stop(clean = false): void {
    execFileSync('bash', [join(KAFKA_DIR, 'stop.sh'), ...(clean ? ['--clean'] : [])], {
      env: { ...this.env(), KAFKA_STOP_TIMEOUT: '10' },
      stdio: 'pipe',
      timeout: 60_000,
    });
  }
}

/** The highest PostgreSQL server binaries Debian's packages installed, or PG_BIN. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  if (!versions.length) throw new Error('no PostgreSQL server binaries (apt-get install -y postgresql)');
  return versions[versions.length - 1];
}

/**
 * A PostgreSQL cluster of the suite's own (initdb, pg_ctl), so a fault can stop and restart it
 * without disturbing anyone else. Runs as the `postgres` user when the suite runs as root.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    readonly data: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const bin = postgresBin();
    const data = mkdtempSync(join(tmpdir(), 'claims-pg-'));
    const cluster = new PrivatePostgres(bin, data, await freePort());
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', data]);
    cluster.run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(tool: string, args: string[]): void {
    const command = join(this.bin, tool);
    const [file, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: 'pipe', timeout: 120_000 });
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.data} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.data, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]);
  }

  /** Stops the server; `immediate` is a crash (no checkpoint: the restart replays the WAL). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      /* already stopped */
    }
    rmSync(this.data, { recursive: true, force: true });
  }
}

export type Health = {
  status: string;
  services: Record<string, { status: string; components: Record<string, string> }>;
};

/** One service as its own process, as `start:distributed` runs it. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly log: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
    readonly instance = name,
  ) {
    this.log = join(logDir, `${instance}.log`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Spawns the process and waits for /health 200; resolves with how long that took (ms). */
  async start(extraEnv: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<number> {
    if (this.child) throw new Error(`${this.instance} is already running`);
    const started = Date.now();
    const out = openSync(this.log, 'a');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${this.name}/src/main.ts`], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), ...extraEnv },
      stdio: ['ignore', out, out],
    });
    this.child = child;
    running.add(child);
    this.exited = new Promise((done) =>
      child.once('exit', () => {
        running.delete(child);
        if (this.child === child) this.child = null;
        done();
      }),
    );
    for (;;) {
      if (!this.child) throw new Error(`${this.instance} exited during start:\n${this.tail()}`);
      if ((await this.health().catch(() => null))?.status === 'up') return Date.now() - started;
      if (Date.now() - started > timeoutMs)
        throw new Error(`${this.instance} not healthy after ${timeoutMs} ms:\n${this.tail()}`);
      await sleep(250);
    }
  }

  /** kill -9: no shutdown hooks, nothing flushed. */
  async kill9(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the service stops its relay and consumers and exits. */
  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    child.kill('SIGTERM');
    await Promise.race([this.exited, sleep(20_000)]);
    if (this.child === child) await this.kill9();
  }

  async health(): Promise<Health> {
    const answer = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(3_000) });
    return (await answer.json()) as Health;
  }

  tail(lines = 30): string {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** A platform of service processes on one schema prefix, broker and secret. */
export class Platform {
  readonly prefix = `f${randomUUID().replace(/-/g, '').slice(0, 10)}_`;
  readonly secret = randomBytes(32).toString('base64url');
  readonly workDir = mkdtempSync(join(tmpdir(), 'claims-faults-'));
  readonly services = new Map<string, ServiceProcess>();
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly kafka: PrivateKafka,
    readonly postgres: PrivatePostgres | null,
  ) {}

  /** On `DATABASE_URL`, or with `privatePostgres` on a cluster of its own that a fault may restart. */
  static async create(options: { privatePostgres?: boolean } = {}): Promise<Platform> {
    const workDir = mkdtempSync(join(tmpdir(), 'claims-kafka-'));
    const kafka = await PrivateKafka.create(workDir);
    kafka.start();
    return new Platform(kafka, options.privatePostgres ? await PrivatePostgres.create() : null);
  }

  get databaseUrl(): string {
    return this.postgres?.url ?? DATABASE_URL;
  }

  /** Adds an instance of a service (not started). */
  async add(name: string, instance = name): Promise<ServiceProcess> {
    const dataDir = join(this.workDir, 'data', instance);
    mkdirSync(dataDir, { recursive: true });
    const service = new ServiceProcess(
      name,
      await freePort(),
      {
        DATA_DIR: dataDir,
        EVENT_STORE: 'postgres',
        READ_MODELS: 'postgres',
        BUS: 'kafka',
        DATABASE_URL: this.databaseUrl,
        KAFKA_BROKERS: this.kafka.brokers,
        SCHEMA_PREFIX: this.prefix,
        AUTH_JWT_SECRET: this.secret,
        RATE_LIMIT_PER_MINUTE: '1000000',
        IDEMPOTENCY_LEASE_SECONDS: '3',
        LOG_LEVEL: 'warn',
      },
      this.workDir,
      instance,
    );
    this.services.set(instance, service);
    return service;
  }

  get(instance: string): ServiceProcess {
    const service = this.services.get(instance);
    if (!service) throw new Error(`no ${instance}`);
    return service;
  }

  async token(role: string, subject = `${role}-1`): Promise<string> {
    const key = `${role}/${subject}`;
    if (!this.tokens.has(key)) {
      const config = loadPlatformConfig({ AUTH_JWT_SECRET: this.secret });
      this.tokens.set(key, await issueToken(config, { role: role as never, subject, expiresIn: '2h' }));
    }
    return this.tokens.get(key) as string;
  }

  async query<T extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  schema(service: string, suffix = ''): string {
    return `"${this.prefix}${service.replace(/-/g, '_')}${suffix}"`;
  }

  /** Every row of every read-model table of the service (bookkeeping excluded), canonically ordered. */
  async readModels(service: string): Promise<Record<string, string[]>> {
    const tables = await this.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> ALL($2) ORDER BY table_name`,
      [
        `${this.prefix}${service.replace(/-/g, '_')}`,
        ['relay_checkpoint', 'projection_checkpoint', 'processed_message'],
      ],
    );
    const dump: Record<string, string[]> = {};
    for (const { table_name: table } of tables) {
      const rows = await this.query<{ row: unknown }>(
        `SELECT to_jsonb(t) AS row FROM ${this.schema(service)}."${table}" t`,
      );
      dump[table] = rows.map((r) => JSON.stringify(r.row)).sort();
    }
    return dump;
  }

  /** Stops every process and the broker; drops the suite's schemas. */
  async destroy(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop().catch(() => undefined)));
    try {
      this.kafka.stop(true);
    } catch {
      /* already stopped */
    }
    const schemas = await this.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`,
      [`${this.prefix}%`],
    ).catch(() => []);
    for (const { nspname } of schemas)
      await this.query(`DROP SCHEMA "${nspname}" CASCADE`).catch(() => undefined);
    this.postgres?.destroy();
    rmSync(this.kafka.home, { recursive: true, force: true });
    if (process.env.KEEP_FAULT_LOGS !== 'true') rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** An HTTP answer, or null when the request did not get one (connection refused or reset, timeout). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

export async function send(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<Answer | null> {
  try {
    const answer = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
    const text = await answer.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: answer.status, body, headers: answer.headers };
  } catch {
    return null;
  }
}

export const delay = sleep;

export type Copy = { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer> };

/** Every message of a topic as it was published (key, value, CloudEvents headers). */
export async function readAll(kafka: Kafka, topic: string): Promise<Copy[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  let remaining = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  const copies: Copy[] = [];
  if (remaining === 0) return copies;
  const consumer = kafka.consumer({ groupId: `fault-suite-reader-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((done) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        copies.push({
          key: message.key,
          value: message.value,
          headers: message.headers as Record<string, Buffer>,
        });
        if (--remaining === 0) done();
      },
    });
  });
  await consumer.disconnect();
  return copies;
}
