import {
  closeSync,
  existsSync,
  fdatasync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { Type } from '@nestjs/common';
import initSqlJs from 'sql.js';
import { DataSource } from 'typeorm';

/** A statement that changed the database, and its parameters. */
type JournalEntry = [sql: string, parameters: unknown[] | null];

interface SqlJsStatement {
  bind(values?: unknown[]): boolean;
  step(): boolean;
}

interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement;
  run(sql: string, parameters?: unknown[]): void;
  exec(sql: string): { values: unknown[][] }[];
  export(): Uint8Array;
  close(): void;
}

interface SqljsDriverInternals {
  databaseConnection: SqlJsDatabase;
  autoSave(): Promise<void>;
  queryRunner?: { isTransactionActive: boolean };
}

/** Once the journal is this big and bigger than the snapshot, the next commit writes a snapshot. */
const MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT = 8 * 2 ** 20;

/**
 * An embedded (sql.js) read-model database kept on disk as a snapshot plus a journal: each
 * commit appends the statements it ran as one line and fdatasyncs it before the commit returns,
 * so a write costs what it changed, not the size of the database. When the journal outgrows the
 * snapshot a new snapshot is written (amortised). A torn last line is a commit that never
 * returned. The snapshot's `user_version` names the journal generation it goes with, so a crash
 * between writing a snapshot and resetting the journal never replays a journal twice.
 */
export class JournaledSqliteFile {
  private readonly journalFile: string;
  private fd: number | null = null;
  private generation = 0;
  private pending: JournalEntry[] = [];
  private readonly marks: number[] = [];
  private snapshotBytes = 0;
  private journalBytes = 0;
  private appending = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly dataSource: DataSource,
  ) {
    this.journalFile = `${file}.journal`;
  }

  /** Opens (replaying the journal) and synchronises the entities' tables. */
  static async open(file: string, entities: readonly Type<unknown>[]): Promise<DataSource> {
    const database = await recover(file);
    const dataSource = new DataSource({
      type: 'sqljs',
      database,
      autoSave: false,
      entities: [...entities],
      synchronize: true,
    });
    await dataSource.initialize();
    new JournaledSqliteFile(file, dataSource).attach();
    return dataSource;
  }

  private get driver(): SqljsDriverInternals {
    return this.dataSource.driver as unknown as SqljsDriverInternals;
  }

  private attach(): void {
    this.writeSnapshot(); // the synchronised schema becomes the base of a fresh journal
    const db = this.driver.databaseConnection;
    const prepare = db.prepare.bind(db);
    db.prepare = (sql: string) => this.recorded(sql, prepare(sql));
    // TypeORM calls autoSave after each write outside a transaction and after each commit.
    this.driver.autoSave = () => this.commit();
    const destroy = this.dataSource.destroy.bind(this.dataSource);
    this.dataSource.destroy = async () => {
      await this.writing;
      await destroy();
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
    };
  }

  /** Records a statement once it has run without error; follows transactions and savepoints. */
  private recorded(sql: string, statement: SqlJsStatement): SqlJsStatement {
    const verb = sql.trimStart().slice(0, 24).toUpperCase();
    if (verb.startsWith('SELECT') || verb.startsWith('PRAGMA')) return statement;
    let parameters: unknown[] | null = null;
    const bind = statement.bind.bind(statement);
    const step = statement.step.bind(statement);
    let done = false;
    statement.bind = (values) => {
      parameters = values ?? null;
      return bind(values);
    };
    statement.step = () => {
      const row = step();
      if (!done) {
        done = true;
        this.track(verb, sql, parameters);
      }
      return row;
    };
    return statement;
  }

  private track(verb: string, sql: string, parameters: unknown[] | null): void {
    if (verb.startsWith('BEGIN')) this.marks.splice(0, this.marks.length, this.pending.length);
    else if (verb.startsWith('SAVEPOINT')) this.marks.push(this.pending.length);
    else if (verb.startsWith('RELEASE')) this.marks.pop();
    else if (verb.startsWith('ROLLBACK TO')) this.pending.length = this.marks.pop() ?? this.pending.length;
    else if (verb.startsWith('ROLLBACK'))
      this.pending.length = this.marks.splice(0)[0] ?? this.pending.length;
    else if (verb.startsWith('COMMIT') || verb.startsWith('END')) this.marks.length = 0;
    else this.pending.push([sql, parameters?.map(encode) ?? null]);
  }

  /** Makes what was committed durable before the caller's commit returns. */
  private commit(): Promise<void> {
    if (this.driver.queryRunner?.isTransactionActive || this.pending.length === 0) return this.writing;
    const line = JSON.stringify(this.pending) + '\n';
    this.pending = [];
    const due =
      this.journalBytes + line.length > Math.max(MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT, this.snapshotBytes);
    if (due && this.appending === 0) {
      // Nothing is on its way to the old journal: a snapshot now holds this commit too.
      try {
        this.writeSnapshot();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    this.appending++;
    const next = this.writing.then(() => this.append(line)).finally(() => this.appending--);
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async append(line: string): Promise<void> {
    const fd = this.fd;
    if (fd === null) throw new Error(`read-model journal ${this.journalFile} is closed`);
    const size = fstatSync(fd).size;
    try {
      writeSync(fd, line);
      await new Promise<void>((resolve, reject) =>
        fdatasync(fd, (error) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      ftruncateSync(fd, size);
      throw error;
    }
    this.journalBytes = size + Buffer.byteLength(line);
  }

  private writeSnapshot(): void {
    const db = this.driver.databaseConnection;
    this.generation = currentGeneration(db) + 1;
    db.run(`PRAGMA user_version = ${this.generation}`);
    const bytes = db.export(); // closes and reopens the database, which resets its pragmas
    inMemoryPragmas(db);
    writeDurably(this.file, bytes);
    this.snapshotBytes = bytes.byteLength;
    if (this.fd !== null) closeSync(this.fd);
    const header = Buffer.from(JSON.stringify({ generation: this.generation }) + '\n');
    writeDurably(this.journalFile, header);
    this.journalBytes = header.byteLength;
    this.fd = openSync(this.journalFile, 'a');
  }
}

/** The snapshot with its journal replayed, as the bytes of one database. */
async function recover(file: string): Promise<Uint8Array | undefined> {
  if (!existsSync(file)) return undefined;
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(file)) as unknown as SqlJsDatabase;
  try {
    const journal = `${file}.journal`;
    if (existsSync(journal)) replay(db, journal, currentGeneration(db));
    return db.export();
  } finally {
    db.close();
  }
}

function replay(db: SqlJsDatabase, journal: string, generation: number): void {
  const lines = readFileSync(journal, 'utf8').split('\n');
  lines.pop(); // a torn last line (or the empty string after the last newline) never committed
  const header = lines.shift();
  // A journal of an older generation was superseded by the snapshot (a crash in between).
  if (!header || (JSON.parse(header) as { generation: number }).generation !== generation) return;
  for (const [index, line] of lines.entries()) {
    let entries: JournalEntry[];
    try {
      entries = JSON.parse(line) as JournalEntry[];
    } catch (error) {
      throw new Error(`Read-model journal ${journal} is corrupt at line ${index + 2}`, { cause: error });
    }
    db.run('BEGIN');
    for (const [sql, parameters] of entries) db.run(sql, parameters?.map(decode) ?? undefined);
    db.run('COMMIT');
  }
}

/**
 * The database lives in memory and the journal makes it durable, so SQLite's own rollback journal
 * and syncs (to an in-memory file system) are pure cost.
 */
function inMemoryPragmas(db: SqlJsDatabase): void {
  db.run('PRAGMA journal_mode = MEMORY');
  db.run('PRAGMA synchronous = OFF');
}

function currentGeneration(db: SqlJsDatabase): number {
  return Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** JSON has no bytes: blobs travel as base64. */
function encode(value: unknown): unknown {
  return value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value;
}

function decode(value: unknown): unknown {
  return value !== null && typeof value === 'object' && '$bytes' in value
    ? new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'))
    : value;
}
