// The PubSub for several server instances (REDIS_URL): events go through Redis pub/sub, so a change committed on
// instance A reaches subscribers and caches on instance B. Each instance fans the Redis messages out to its own
// subscribers with the in-process implementation; payloads travel as JSON.
import { Redis } from 'ioredis';

import { InProcessPubSub, type PubSub } from './pubsub.ts';

export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly local = new InProcessPubSub();
  private readonly channels = new Map<string, Promise<void>>();
  private readonly live = new Set<string>();

  /** `prefix` namespaces the channels (and, through `client`, other shared keys): one per deployment. */
  constructor(
    redisUrl: string,
    readonly prefix = 'newsgraph:',
  ) {
    this.publisher = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = this.publisher.duplicate();
    this.subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix)) return;
      try {
        void this.local.publish(channel.slice(this.prefix.length), JSON.parse(message));
      } catch {
        // A message that is not JSON did not come from us: ignore it.
      }
    });
    // Errors surface as failed commands; an 'error' listener keeps reconnection attempts from crashing the process.
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
  }

  async publish<T>(topic: string, payload: T): Promise<void> {
    // Delivered back to this instance through its own subscription, like to every other instance.
    await this.publisher.publish(this.prefix + topic, JSON.stringify(payload));
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    void this.subscribed(topic);
    return this.local.subscribe<T>(topic);
  }

  /** Resolves once Redis confirms the subscription to `topic` (events published before that are not seen). */
  subscribed(topic: string): Promise<void> {
    let ready = this.channels.get(topic);
    if (!ready) {
      ready = this.subscriber.subscribe(this.prefix + topic).then(() => {
        this.live.add(topic);
      });
      this.channels.set(topic, ready);
    }
    return ready;
  }

  /** Open subscriptions on `topic` that Redis already delivers to (0 until it confirmed the subscription). */
  subscriberCount(topic: string): number {
    return this.live.has(topic) ? this.local.subscriberCount(topic) : 0;
  }

  /** The Redis connection for other shared state of this instance (the response cache, persisted queries). */
  get client(): Redis {
    return this.publisher;
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
