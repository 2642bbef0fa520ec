import {
  closeSync,
  existsSync,
  fdatasync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { AppendSignal, OpenSubscriptions, startCatchUpSubscription } from '../catch-up-subscription';
import { EventEnvelope, NewEvent } from '../envelope';
import { GENESIS_HASH, chainOf } from '../integrity';
import {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoreSubscription,
  SubscribeOptions,
  checkExpected,
  findPreviousAppend,
  matchesFilter,
} from '../event-store';

/**
 * An event store in one append-only file, for the embedded mode and fast tests. Each append
 * is one JSON line holding the whole batch, written and fsynced before the call returns
 * (concurrent appends share one fsync), so a crash leaves at most a torn last line, which is
 * dropped on the next open (that batch was never acknowledged). The whole history is held in memory; one process owns the file at a time.
 */
export class EmbeddedEventStore implements EventStore {
  private readonly log: EventEnvelope[] = [];
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly signal = new AppendSignal();
  private fd: number | null;
  private waiting: PendingAppend[] = [];
  private committing: Promise<void> | null = null;
  private readonly subscriptions = new OpenSubscriptions();

  /** @param file path of the history file, or null for a purely in-memory store (tests). */
  constructor(private readonly file: string | null) {
    if (file === null) {
      this.fd = null;
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    takeOwnership(file);
    if (existsSync(file)) this.load(file);
    this.fd = openSync(file, 'a');
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ streamId, events, expected, resolve, reject });
      if (!this.committing) this.committing = this.commitWaiting();
    });
  }

  /**
   * Group commit: the appends that arrived while the previous group was being flushed are
   * checked in arrival order, written together and made durable by one fsync, then answered.
   */
  private async commitWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      const staged = new StagedAppends(this.streams, this.nextPosition());
      const outcomes = group.map((request) => staged.tryAppend(request));
      try {
        await this.write(staged.lines);
      } catch (error) {
        group.forEach((request) => request.reject(error));
        continue;
      }
      this.remember(staged.events);
      if (staged.events.length > 0) this.signal.notify();
      group.forEach((request, i) => {
        const outcome = outcomes[i];
        if ('error' in outcome) request.reject(outcome.error);
        else request.resolve(outcome.result);
      });
    }
    this.committing = null;
  }

  private async write(lines: readonly string[]): Promise<void> {
    if (this.file === null || lines.length === 0) return;
    const fd = this.fd;
    if (fd === null) throw new Error('event store is closed');
    const sizeBefore = fstatSync(fd).size;
    try {
      writeSync(fd, lines.join(''));
      await new Promise<void>((resolve, reject) =>
        fdatasync(fd, (error) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      // Nothing of a group that was not made durable may be read back after a restart.
      ftruncateSync(fd, sizeBefore);
      throw error;
    }
  }

  private nextPosition(): number {
    return this.log.length === 0 ? 1 : this.log[this.log.length - 1].globalPosition + 1;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const stream = this.streams.get(streamId) ?? [];
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? stream.length - 1;
      return stream
        .slice(0, from + 1)
        .reverse()
        .slice(0, max);
    }
    return stream.slice(options.fromRevision ?? 0).slice(0, max);
  }

  async readAll(options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const after = options.afterPosition ?? 0;
    const result: EventEnvelope[] = [];
    for (let i = this.firstIndexAfter(after); i < this.log.length && result.length < max; i++) {
      if (matchesFilter(this.log[i], options)) result.push(this.log[i]);
    }
    return result;
  }

  async headPosition(): Promise<number> {
    return this.log.at(-1)?.globalPosition ?? 0;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): StoreSubscription {
    const read = (after: number | undefined, maxCount: number) =>
      this.readAll({ ...options, afterPosition: after, maxCount });
    const subscription = startCatchUpSubscription(read, this.signal, options, handler);
    return this.subscriptions.track(subscription);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.committing;
    if (this.fd !== null) {
      closeSync(this.fd);
      rmSync(`${this.file}.lock`, { force: true });
    }
    this.fd = null;
  }

  private firstIndexAfter(position: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.log[mid].globalPosition <= position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private remember(events: EventEnvelope[]): void {
    for (const event of events) {
      this.log.push(event);
      const stream = this.streams.get(event.streamId) ?? [];
      stream.push(event);
      this.streams.set(event.streamId, stream);
    }
  }

  private load(file: string): void {
    const lines = readFileSync(file, 'utf8').split('\n');
    const torn = lines.pop() ?? '';
    lines.forEach((line, index) => {
      try {
        this.remember(JSON.parse(line) as EventEnvelope[]);
      } catch (error) {
        throw new Error(`History file ${file} is corrupt at line ${index + 1}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    });
    if (torn !== '') {
      // A crash during the last append: that batch was never acknowledged, so it is dropped.
      truncateSync(file, statSync(file).size - Buffer.byteLength(torn));
    }
  }
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** The appends of one group commit, each checked against the history plus those before it. */
class StagedAppends {
  readonly lines: string[] = [];
  readonly events: EventEnvelope[] = [];
  private readonly added = new Map<string, EventEnvelope[]>();
  private readonly recordedAt = new Date().toISOString();

  constructor(
    private readonly streams: ReadonlyMap<string, readonly EventEnvelope[]>,
    private position: number,
  ) {}

  tryAppend(request: PendingAppend): { result: AppendResult } | { error: unknown } {
    try {
      return { result: this.append(request) };
    } catch (error) {
      return { error };
    }
  }

  private append({ streamId, events, expected }: PendingAppend): AppendResult {
    if (events.length === 0) throw new Error('append needs at least one event');
    const stream = [...(this.streams.get(streamId) ?? []), ...(this.added.get(streamId) ?? [])];
    const previous = findPreviousAppend(streamId, events, stream);
    if (previous) return previous;
    checkExpected(streamId, expected, stream.length === 0 ? 'no_stream' : stream.length - 1);
    const hashes = chainOf(events, streamId, stream.at(-1)?.integrityHash ?? GENESIS_HASH, stream.length);
    const stored = events.map<EventEnvelope>((e, i) => ({
      ...e,
      streamId,
      streamRevision: stream.length + i,
      globalPosition: this.position + i,
      recordedAt: this.recordedAt,
      integrityHash: hashes[i],
    }));
    this.position += stored.length;
    this.added.set(streamId, [...(this.added.get(streamId) ?? []), ...stored]);
    this.events.push(...stored);
    this.lines.push(JSON.stringify(stored) + '\n');
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition };
  }
}

/**
 * One process owns a history file at a time: a second process appending to it would corrupt
 * revisions. The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
function takeOwnership(file: string): void {
  const lock = `${file}.lock`;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return;
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (owner !== process.pid && isAlive(owner)) throw new Error(`${file} is in use by process ${owner}`);
    writeFileSync(lock, String(process.pid));
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
