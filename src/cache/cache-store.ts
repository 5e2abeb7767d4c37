// Where cached responses live: an in-process LRU (default), or that LRU in front of Redis (REDIS_URL), which every
// instance shares. Entries carry tags (answer-tags.ts: the records they show, the types they list) so a change
// evicts exactly the answers that showed it.
import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

export interface CachedResponse {
  body: Buffer;
  /** Epoch milliseconds after which the entry is stale (from the response's @cacheControl maxAge). */
  expiresAt: number;
  tags: string[];
}

/** What a hit needs to answer: its body, its age and its tags (the Surrogate-Key header). */
export type CacheHit = Pick<CachedResponse, 'body' | 'expiresAt' | 'tags'>;

export interface CacheStore {
  get(key: string): CacheHit | undefined | Promise<CacheHit | undefined>;
  set(key: string, entry: CachedResponse): void | Promise<void>;
  /** Drops every entry carrying any of `tags`, on every instance sharing the store, before it resolves. */
  invalidate(tags: string[]): Promise<void>;
  /** Calls `listener` when another instance invalidated `tags` here (stores shared between instances only). */
  onRemoteInvalidation?(listener: (tags: string[]) => void): void;
  close(): Promise<void>;
}

/** What an entry counts against a MemoryCacheStore's bound. */
const chargedBytes = (key: string, bodyBytes: number) => bodyBytes + key.length;

/** Bounded by total body bytes, least recently used first out; expired entries are dropped when met. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly byTag = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (entry.body.length > this.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += chargedBytes(key, entry.body.length);
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.bytes > this.maxBytes) this.delete(this.entries.keys().next().value!);
  }

  async invalidate(tags: string[]): Promise<void> {
    for (const tag of tags) for (const key of [...(this.byTag.get(tag) ?? [])]) this.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether storing `bodyBytes` more under `key` would evict another entry. */
  isFull(key: string, bodyBytes: number): boolean {
    return this.bytes + chargedBytes(key, bodyBytes) > this.maxBytes;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= chargedBytes(key, entry.body.length);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

/**
 * Once the in-process layer is full, an entry fetched from Redis replaces one of its entries at this rate only. When
 * the pages read are more than it holds (the benchmark's 500 article pages in 1 MB), admitting every fetch would evict
 * an entry at each one, its tags' bookkeeping included, for no more local hits: 62-85 µs of the store's CPU per fetch
 * against 22-25 µs at this rate (500 pages of 9 KB with 60 tags each, read at random). A page read often still gets
 * in after a few fetches.
 */
const LOCAL_ADMISSION_RATE_WHEN_FULL = 1 / 8;

/** How long an invalidation waits for the other instances to confirm they evicted their local copies. */
const EVICTION_ACK_TIMEOUT_MS = 2000;

/**
 * Redis shared by every instance, with a small in-process LRU in front (a hit there costs no round trip). An
 * invalidation deletes the shared entries, then tells every other instance over Redis pub/sub and waits until each
 * has evicted its LRU (and deleted the shared entries again, in case one of its requests stored an old answer
 * meanwhile), so once it resolves no instance answers an evicted page. Invariant: the LRU only holds entries while
 * this instance is subscribed to invalidations; an instance that stops answering them is waited for at most
 * EVICTION_ACK_TIMEOUT_MS.
 */
export class RedisCacheStore implements CacheStore {
  private readonly local: MemoryCacheStore;
  private readonly entryPrefix: string;
  private readonly tagPrefix: string;
  // A page fetched while an invalidation is under way may be the version it deletes: it is answered (as any read
  // racing a change may be) but not kept locally, where no later invalidation would find it to evict.
  private invalidationsStarted = 0;
  private invalidationsUnderWay = 0;
  private readonly instanceId = randomUUID();
  private readonly evictChannel: string;
  private readonly ackChannel: string;
  private subscriber: Redis | null = null;
  private subscribed: Promise<boolean> | null = null;
  private listening = false;
  private sequence = 0;
  private readonly awaitingAcks = new Map<number, { received: number; expected: number | null; done: () => void }>();
  private readonly remoteListeners: Array<(tags: string[]) => void> = [];

  constructor(
    private readonly redis: Redis,
    localMaxBytes: number,
    prefix = 'newsgraph:',
    private readonly localAdmissionRateWhenFull = LOCAL_ADMISSION_RATE_WHEN_FULL,
  ) {
    this.local = new MemoryCacheStore(localMaxBytes);
    this.entryPrefix = `${prefix}response:`;
    this.tagPrefix = `${prefix}tag:`;
    this.evictChannel = `${prefix}cache-evict`;
    this.ackChannel = this.ackChannelOf(this.instanceId);
  }

  private ackChannelOf(instanceId: string): string {
    return `${this.evictChannel}ed:${instanceId}`;
  }

  get(key: string): CacheHit | undefined | Promise<CacheHit | undefined> {
    return this.local.get(key) ?? this.fetch(key);
  }

  onRemoteInvalidation(listener: (tags: string[]) => void): void {
    this.remoteListeners.push(listener);
    void this.listenForInvalidations();
  }

  /**
   * Subscribes (once) to other instances' invalidations and to their acknowledgements of ours; resolves true once
   * subscribed. The local layer admits entries only from then on.
   */
  listenForInvalidations(): Promise<boolean> {
    if (!this.subscribed) {
      const subscriber = (this.subscriber = this.redis.duplicate({
        connectionName: `${this.evictChannel}:${this.instanceId}`,
      }));
      subscriber.on('error', () => undefined);
      subscriber.on('message', (channel: string, message: string) => void this.hear(channel, message));
      // While the subscription is down, other instances' invalidations are missed: the local layer is emptied and
      // admits nothing until the subscription is confirmed again.
      subscriber.on('close', () => {
        this.listening = false;
        void this.local.close();
      });
      subscriber.on('ready', () => {
        if (this.subscribed)
          void subscriber.subscribe(this.evictChannel, this.ackChannel).then(
            () => (this.listening = this.subscriber === subscriber),
            () => undefined,
          );
      });
      this.subscribed = subscriber.subscribe(this.evictChannel, this.ackChannel).then(
        () => (this.listening = true),
        () => false,
      );
    }
    return this.subscribed;
  }

  private async hear(channel: string, message: string): Promise<void> {
    if (channel === this.ackChannel) {
      const waiting = this.awaitingAcks.get(Number(message));
      if (!waiting) return;
      waiting.received += 1;
      if (waiting.expected !== null && waiting.received >= waiting.expected) waiting.done();
      return;
    }
    if (channel !== this.evictChannel) return;
    let request: { from: string; sequence: number; tags: string[] };
    try {
      request = JSON.parse(message) as typeof request;
    } catch {
      return;
    }
    if (request.from === this.instanceId || !Array.isArray(request.tags)) return;
    await this.evictHereAndShared(request.tags).catch(() => undefined);
    for (const listener of this.remoteListeners) listener(request.tags);
    await this.redis.publish(this.ackChannelOf(request.from), String(request.sequence)).catch(() => undefined);
  }

  private async fetch(key: string): Promise<CacheHit | undefined> {
    const invalidationsBefore = this.invalidationsStarted;
    const raw = await this.redis.getBuffer(this.entryPrefix + key).catch(() => null);
    if (!raw) return undefined;
    // Layout: 8 bytes expiresAt, 4 bytes tags length, tags JSON, body.
    const expiresAt = Number(raw.readBigUInt64BE(0));
    if (expiresAt <= Date.now()) return undefined;
    const tagsLength = raw.readUInt32BE(8);
    const body = raw.subarray(12 + tagsLength);
    const raced = this.invalidationsUnderWay > 0 || this.invalidationsStarted !== invalidationsBefore;
    const tags = JSON.parse(raw.toString('utf8', 12, 12 + tagsLength)) as string[];
    if (
      !raced &&
      this.listening &&
      (!this.local.isFull(key, body.length) || Math.random() < this.localAdmissionRateWhenFull)
    ) {
      this.local.set(key, { expiresAt, tags, body });
    }
    return { expiresAt, body, tags };
  }

  async set(key: string, entry: CachedResponse): Promise<void> {
    if ((await this.listenForInvalidations()) && this.listening) this.local.set(key, entry);
    const ttlMs = entry.expiresAt - Date.now();
    if (ttlMs <= 0) return;
    const tags = Buffer.from(JSON.stringify(entry.tags));
    const header = Buffer.alloc(12);
    header.writeBigUInt64BE(BigInt(entry.expiresAt), 0);
    header.writeUInt32BE(tags.length, 8);
    const multi = this.redis
      .multi()
      .set(this.entryPrefix + key, Buffer.concat([header, tags, entry.body]), 'PX', ttlMs);
    for (const tag of entry.tags)
      multi.sadd(this.tagPrefix + tag, key).pexpire(this.tagPrefix + tag, Math.max(ttlMs, 60_000) * 2);
    await multi.exec().catch(() => undefined);
  }

  async invalidate(tags: string[]): Promise<void> {
    await this.evictHereAndShared(tags);
    if (!tags.length || !(await this.listenForInvalidations())) return;
    const sequence = ++this.sequence;
    let done = () => undefined as void;
    const acknowledged = new Promise<void>((resolve) => (done = resolve));
    const waiting = { received: 0, expected: null as number | null, done };
    this.awaitingAcks.set(sequence, waiting);
    try {
      const receivers = await this.redis
        .publish(this.evictChannel, JSON.stringify({ from: this.instanceId, sequence, tags }))
        .catch(() => 0);
      // Every instance's subscriber counts, this one's included; acknowledgements may have arrived already.
      waiting.expected = receivers - 1;
      if (waiting.received >= waiting.expected) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        acknowledged,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, EVICTION_ACK_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
    } finally {
      this.awaitingAcks.delete(sequence);
    }
  }

  /** Evicts `tags` from this instance's LRU and from Redis. */
  private async evictHereAndShared(tags: string[]): Promise<void> {
    this.invalidationsStarted += 1;
    this.invalidationsUnderWay += 1;
    try {
      await this.local.invalidate(tags);
      if (!tags.length) return;
      const members = await this.redis
        .pipeline(tags.map((tag) => ['smembers', this.tagPrefix + tag]))
        .exec()
        .catch(() => null);
      const keys = new Set<string>();
      for (const [, value] of members ?? [])
        for (const key of (value as string[] | null) ?? []) keys.add(this.entryPrefix + key);
      await this.redis.del(...keys, ...tags.map((tag) => this.tagPrefix + tag)).catch(() => undefined);
    } finally {
      this.invalidationsUnderWay -= 1;
    }
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.listening = false;
    subscriber?.disconnect();
    await this.local.close();
  }
}
