import { EventEnvelope } from './envelope';
import { EventHandler, StoreSubscription, SubscribeOptions } from './event-store';

/** Wakes waiting readers when new events were stored. */
export class AppendSignal {
  private waiters: Array<() => void> = [];

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}

export type PageReader = (afterPosition: number | undefined, maxCount: number) => Promise<EventEnvelope[]>;

const PAGE_SIZE = 500;

/**
 * Catch-up then live delivery on top of a paged reader: read pages after the checkpoint,
 * and when a page comes back short, wait for an append signal (or a poll interval, as a
 * safety net for missed notifications) before reading again.
 */
export function startCatchUpSubscription(
  read: PageReader,
  signal: AppendSignal,
  options: SubscribeOptions,
  handler: EventHandler,
  pollIntervalMs = 1000,
): StoreSubscription {
  let stopped = false;
  let wakeStop: () => void = () => undefined;
  const stopSignal = new Promise<void>((resolve) => (wakeStop = resolve));
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const run = async (): Promise<void> => {
    let checkpoint = options.afterPosition;
    while (!stopped) {
      const woken = signal.next();
      const page = await read(checkpoint, PAGE_SIZE);
      for (const [index, event] of page.entries()) {
        if (stopped) return;
        await handler(event, { moreReady: index < page.length - 1 });
        checkpoint = event.globalPosition;
      }
      if (page.length < PAGE_SIZE) {
        markCaughtUp();
        let timer: NodeJS.Timeout | undefined;
        const poll = new Promise<void>((resolve) => (timer = setTimeout(resolve, pollIntervalMs)));
        await Promise.race([woken, stopSignal, poll]);
        clearTimeout(timer);
      }
    }
  };

  const done = run();
  done.catch(() => markCaughtUp());
  return {
    caughtUp,
    done,
    async stop() {
      stopped = true;
      wakeStop();
      await done.catch(() => undefined);
    },
  };
}

/** The live subscriptions of a store, so closing the store stops them; finished ones drop out. */
export class OpenSubscriptions {
  private readonly open = new Set<StoreSubscription>();

  track(subscription: StoreSubscription): StoreSubscription {
    this.open.add(subscription);
    const forget = () => this.open.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.stop()));
  }
}
