// Publish/subscribe between the write path and live subscriptions. An interface, so the in-process implementation
// here can be swapped for a shared one (Redis, behind REDIS_URL) without touching publishers or subscribers:
// payloads must therefore stay JSON-serialisable.
export interface PubSub {
  publish<T>(topic: string, payload: T): Promise<void>;
  /** Events published on `topic` from now on; `return()` on the iterator unsubscribes. */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  /** Ends every open subscription. */
  close(): Promise<void>;
}

/** A subscriber this far behind is cut off with an error rather than buffering without bound. */
const MAX_BUFFERED = 1000;

class Subscription<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: Array<{ resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void }> = [];
  private done = false;
  private failure: Error | null = null;

  constructor(private readonly onClose: () => void) {}

  push(payload: T): void {
    if (this.done) return;
    const next = this.waiting.shift();
    if (next) return next.resolve({ value: payload, done: false });
    if (this.buffer.length >= MAX_BUFFERED) {
      this.fail(
        new Error(
          `Subscriber fell more than ${MAX_BUFFERED} events behind; resubscribe and catch up with the change feed.`,
        ),
      );
      return;
    }
    this.buffer.push(payload);
  }

  fail(error: Error): void {
    this.failure = error;
    this.finish();
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    this.buffer.length = 0;
    for (const w of this.waiting.splice(0)) w.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
  }
}

/** Delivers within this process only: right for one server process (and for tests). */
export class InProcessPubSub implements PubSub {
  private readonly topics = new Map<string, Set<Subscription<unknown>>>();

  async publish<T>(topic: string, payload: T): Promise<void> {
    for (const subscription of this.topics.get(topic) ?? []) subscription.push(payload);
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const subscribers = this.topics.get(topic) ?? new Set();
    this.topics.set(topic, subscribers);
    const subscription: Subscription<T> = new Subscription<T>(() =>
      subscribers.delete(subscription as Subscription<unknown>),
    );
    subscribers.add(subscription as Subscription<unknown>);
    return subscription;
  }

  /** How many subscriptions are open on `topic` (lets tests wait until a subscription is live). */
  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  async close(): Promise<void> {
    for (const subscribers of this.topics.values()) for (const s of [...subscribers]) await s.return();
    this.topics.clear();
  }
}

/** Keeps only the events `keep` accepts; closing the result closes the source. */
export function filterEvents<T>(
  source: AsyncIterableIterator<T>,
  keep: (event: T) => boolean,
): AsyncIterableIterator<T> {
  return {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done || keep(result.value)) return result;
      }
    },
    return: () => source.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
