import {
  closeSync,
  existsSync,
  fsyncSync,
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
 * is one JSON line holding the whole batch, written and fsynced before the call returns, so a
 * crash leaves at most a torn last line, which is dropped on the next open (the batch never
 * happened). The whole history is held in memory; one process owns the file at a time.
 */
export class EmbeddedEventStore implements EventStore {
  private readonly log: EventEnvelope[] = [];
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly signal = new AppendSignal();
  private fd: number | null;
  private queue: Promise<unknown> = Promise.resolve();
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
    const result = this.queue.then(() => this.appendNow(streamId, events, expected));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private appendNow(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    if (events.length === 0) throw new Error('append needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const previous = findPreviousAppend(streamId, events, stream);
    if (previous) return previous;
    const current = stream.length === 0 ? 'no_stream' : stream.length - 1;
    checkExpected(streamId, expected, current);
    const recordedAt = new Date().toISOString();
    const nextPosition = this.log.length === 0 ? 1 : this.log[this.log.length - 1].globalPosition + 1;
    const stored = events.map<EventEnvelope>((e, i) => ({
      ...e,
      streamId,
      streamRevision: stream.length + i,
      globalPosition: nextPosition + i,
      recordedAt,
    }));
    if (this.file !== null) {
      if (this.fd === null) throw new Error('event store is closed');
      writeSync(this.fd, JSON.stringify(stored) + '\n');
      fsyncSync(this.fd);
    }
    this.remember(stored);
    this.signal.notify();
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition };
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

  subscribe(options: SubscribeOptions, handler: EventHandler): StoreSubscription {
    const read = (after: number | undefined, maxCount: number) =>
      this.readAll({ ...options, afterPosition: after, maxCount });
    const subscription = startCatchUpSubscription(read, this.signal, options, handler);
    return this.subscriptions.track(subscription);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.queue;
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
