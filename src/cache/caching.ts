// Chooses where cached state lives from the configuration: nothing (RESPONSE_CACHE=off), this process (memory,
// the default), or Redis shared by every instance (REDIS_URL). Automatic persisted queries follow the same choice,
// so a hash registered on one instance is known to all.
import type { Redis } from 'ioredis';

import { MemoryCacheStore, RedisCacheStore, type CacheStore } from './cache-store.ts';

export type ResponseCacheMode = 'off' | 'memory' | 'redis';

/** Apollo's KeyValueCache, structurally (the interface lives in a package we do not depend on directly). */
export interface PersistedQueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export function responseCacheStore(
  mode: ResponseCacheMode,
  maxMegabytes: number,
  redis?: Redis,
  prefix = 'newsgraph:',
): CacheStore | null {
  if (mode === 'off') return null;
  if (mode === 'redis') {
    if (!redis) throw new Error('RESPONSE_CACHE=redis needs REDIS_URL.');
    // The in-process layer in front of Redis stays small: Redis is the shared copy.
    return new RedisCacheStore(redis, Math.max(1, Math.floor(maxMegabytes / 4)) * 1024 * 1024, prefix);
  }
  return new MemoryCacheStore(maxMegabytes * 1024 * 1024);
}

export function redisPersistedQueries(redis: Redis, prefix = 'newsgraph:'): PersistedQueryCache {
  const APQ_PREFIX = `${prefix}apq:`;
  return {
    get: async (key) => (await redis.get(APQ_PREFIX + key).catch(() => null)) ?? undefined,
    set: async (key, value, options) => {
      const ttl = options?.ttl;
      await (ttl ? redis.set(APQ_PREFIX + key, value, 'EX', ttl) : redis.set(APQ_PREFIX + key, value)).catch(
        () => undefined,
      );
    },
    delete: async (key) => (await redis.del(APQ_PREFIX + key).catch(() => 0)) > 0,
  };
}
