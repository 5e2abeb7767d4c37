// The Redis response store's in-process layer: what a fetch from Redis puts into it, against a real Redis.
import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';

import { RedisCacheStore, type CachedResponse } from '../../src/cache/cache-store.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// A layer of 2 KB holds four entries of 500 bytes and their one-letter keys, not five (and takes none over 512).
const BODY_BYTES = 500;
const LOCAL_BYTES = 2048;
const HELD = ['a', 'b', 'c', 'd'];

let redis: Redis;
let prefix: string;

const entry = (name: string): CachedResponse => ({
  body: Buffer.alloc(BODY_BYTES, name),
  expiresAt: Date.now() + 60_000,
  tags: [`Article:${name}`],
});

const stores: RedisCacheStore[] = [];

/** A store whose local layer is empty: what it answers comes from Redis until it has admitted it. */
async function freshStore(admissionRateWhenFull: number): Promise<RedisCacheStore> {
  const store = new RedisCacheStore(redis, LOCAL_BYTES, prefix, admissionRateWhenFull);
  stores.push(store);
  await store.listenForInvalidations();
  return store;
}

/** Whether `store` answers `key` from its local layer: the shared copy is gone, so only a local one can answer. */
async function answersLocally(store: RedisCacheStore, key: string): Promise<boolean> {
  const saved = await redis.getBuffer(`${prefix}response:${key}`);
  await redis.del(`${prefix}response:${key}`);
  try {
    return (await store.get(key)) !== undefined;
  } finally {
    if (saved) await redis.set(`${prefix}response:${key}`, saved);
  }
}

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  prefix = `newsgraph-test-${randomBytes(4).toString('hex')}:`;
  const writer = await freshStore(1);
  for (const name of [...HELD, 'e', 'f']) await writer.set(name, entry(name));
});

afterAll(async () => {
  for (const store of stores) await store.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

test('a page fetched from Redis is kept locally while the local layer has room, and answered with its body', async () => {
  const store = await freshStore(0);
  const fetched = await store.get('a');
  expect(fetched?.body.equals(entry('a').body)).toBe(true);
  expect(await answersLocally(store, 'a')).toBe(true);
  await store.get('b');
  expect(await answersLocally(store, 'b')).toBe(true);
});

test('once the local layer is full, a page read once from Redis does not evict the pages it holds', async () => {
  const store = await freshStore(0);
  for (const name of HELD) await store.get(name);
  expect(await store.get('e')).toBeDefined();
  expect(await store.get('f')).toBeDefined();
  for (const name of HELD) expect(await answersLocally(store, name)).toBe(true);
  expect(await answersLocally(store, 'e')).toBe(false);
});

test('admitted when full, a fetched page replaces the least recently used one', async () => {
  const store = await freshStore(1);
  for (const name of HELD) await store.get(name);
  await store.get('e');
  expect(await answersLocally(store, 'e')).toBe(true);
  expect(await answersLocally(store, 'a')).toBe(false);
});

test('an admitted page carries its tags: invalidating one evicts it locally and in Redis', async () => {
  const store = await freshStore(0);
  await store.get('a');
  await store.invalidate(['Article:a']);
  expect(await store.get('a')).toBeUndefined();
  await (await freshStore(1)).set('a', entry('a'));
});

describe('a page read from Redis while it is being invalidated is answered, but not kept locally', () => {
  test('when the read was sent before the invalidation', async () => {
    const store = await freshStore(0);
    const reading = store.get('a');
    const invalidating = store.invalidate(['Article:a']);
    expect(await reading).toBeDefined();
    await invalidating;
    expect(await store.get('a')).toBeUndefined();
    await (await freshStore(1)).set('a', entry('a'));
  });

  test('when the read was sent after the invalidation began, before Redis had deleted it', async () => {
    const store = await freshStore(0);
    const invalidating = store.invalidate(['Article:b']);
    const reading = store.get('b');
    expect(await reading).toBeDefined();
    await invalidating;
    expect(await store.get('b')).toBeUndefined();
    await (await freshStore(1)).set('b', entry('b'));
  });
});

test('while its invalidation subscription is down, a store keeps nothing locally; once resubscribed it does again', async () => {
  const ownPrefix = `newsgraph-test-${randomBytes(4).toString('hex')}:`;
  const store = new RedisCacheStore(redis, LOCAL_BYTES, ownPrefix);
  stores.push(store);
  await store.listenForInvalidations();
  const locallyHeld = async (key: string) => {
    await store.set(key, entry(key));
    await redis.del(`${ownPrefix}response:${key}`);
    return (await store.get(key)) !== undefined;
  };
  expect(await locallyHeld('a')).toBe(true);
  const clients = (await redis.call('CLIENT', 'LIST')) as string;
  const subscriberLine = clients.split('\n').find((line) => line.includes(` name=${ownPrefix}cache-evict:`))!;
  await redis.call('CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(subscriberLine)![1]);
  // Dropped: what it held is gone at once, and nothing is kept until the subscription is back.
  let sawDown = false;
  let sawBack = false;
  for (let attempt = 0; attempt < 200 && !sawBack; attempt++) {
    const kept = await locallyHeld(`k${attempt}`);
    if (!kept && !sawDown) {
      sawDown = true;
      expect(await store.get('a')).toBeUndefined();
    } else if (sawDown) sawBack = true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect({ sawDown, sawBack }).toEqual({ sawDown: true, sawBack: true });
  await redis.del(...(await redis.keys(`${ownPrefix}*`)));
});
