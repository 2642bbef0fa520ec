/** How far a projection's replay of the history has come. */
export interface ReplayProgress {
  readonly projection: string;
  readonly eventsApplied: number;
  readonly eventsPerSecond: number;
  /** Share of the positions between the replay's start and the store's head, 0..1. */
  readonly done: number;
  /** Estimated from the rate so far; null until there is one. */
  readonly secondsLeft: number | null;
  readonly finished: boolean;
}

export type ReplayProgressListener = (progress: ReplayProgress) => void;

/** One line on the terminal, redrawn in place, when stderr is a terminal; silent otherwise. */
export const replayProgressOnTerminal: ReplayProgressListener = (progress) => {
  if (!process.stderr.isTTY) return;
  const left = progress.secondsLeft === null ? '' : `, ${Math.ceil(progress.secondsLeft)} s left`;
  const line =
    `replaying ${progress.projection}: ${progress.eventsApplied.toLocaleString('en-US')} events, ` +
    `${Math.round(progress.eventsPerSecond).toLocaleString('en-US')}/s, ${Math.floor(progress.done * 100)}%` +
    (progress.finished ? ', done' : left);
  process.stderr.write(`\r\x1b[2K${line}${progress.finished ? '\n' : ''}`);
};

/** Follows a replay from `from` to `head`, telling `listener` every `intervalMs` and at the end. */
export class ReplayTracker {
  private readonly started = Date.now();
  private applied = 0;
  private position: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly projection: string,
    private readonly from: number,
    private readonly head: number,
    private readonly listener: ReplayProgressListener,
    intervalMs = 1000,
  ) {
    this.position = from;
    this.timer = setInterval(() => this.listener(this.progress(false)), intervalMs);
    this.timer.unref();
  }

  record(events: number, position: number): void {
    this.applied += events;
    this.position = position;
  }

  finish(): void {
    clearInterval(this.timer);
    this.listener(this.progress(true));
  }

  private progress(finished: boolean): ReplayProgress {
    const seconds = Math.max((Date.now() - this.started) / 1000, 1e-3);
    const span = Math.max(this.head - this.from, 1);
    const done = finished ? 1 : Math.min(1, (this.position - this.from) / span);
    return {
      projection: this.projection,
      eventsApplied: this.applied,
      eventsPerSecond: this.applied / seconds,
      done,
      secondsLeft: done > 0 && !finished ? (seconds * (1 - done)) / done : null,
      finished,
    };
  }
}
