import { Logger } from '@nestjs/common';
import type { CacheModuleOptions } from '@nestjs/cache-manager';
import { createKeyv } from '@keyv/redis';
import type { Cache } from 'cache-manager';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../config/app-config';
import type { ChainCache } from '../chain/chain-runner';
import { approxBytes } from './approx-bytes';
import { packForCache, unpackFromCache } from './packed-value';

const log = new Logger('ProviderCache');

const DEFAULT_LIMITS = { providerCacheEntries: 5000, providerCacheBytes: 24 * 1024 * 1024 };

/**
 * The in-process store: a Keyv over an LRU bounded by entries and approximate bytes (cache-manager's
 * default Map only drops an expired key when it is read again, so distinct keys piled up forever).
 */
export function boundedMemoryStore(limits: { providerCacheEntries: number; providerCacheBytes: number } = DEFAULT_LIMITS): { keyv: Keyv; lru: LRUCache<string, object> } {
  const lru = new LRUCache<string, object>({
    max: limits.providerCacheEntries,
    maxSize: limits.providerCacheBytes,
    // expired entries are dropped when their TTL passes (an unref'd timer each), not only when read again
    ttlAutopurge: true,
    // Keyv stores {value, expires}; a value bigger than the whole budget is simply not kept
    sizeCalculation: (entry) => Math.max(1, approxBytes((entry as { value?: unknown })?.value ?? entry)),
  });
  // Keyv calls set(key, {value, expires}, ttlMs); lru-cache takes options as its third argument. Bars
  // are held packed (packed-value.ts) and every read rebuilds them.
  const store = {
    get: (key: string) => {
      const e = lru.get(key) as { value?: unknown } | undefined;
      return e && typeof e === 'object' && 'value' in e ? { ...e, value: unpackFromCache(e.value) } : e;
    },
    set: (key: string, entry: object, ttl?: number) => {
      const held = entry && 'value' in entry ? { ...entry, value: packForCache((entry as { value: unknown }).value) } : entry;
      return lru.set(key, held, typeof ttl === 'number' && ttl > 0 ? { ttl } : undefined);
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
    has: (key: string) => lru.has(key),
    lru,
  };
  const keyv = new Keyv({ store });
  // like cache-manager's own in-memory default: values are kept as objects, not JSON strings
  keyv.serialize = undefined;
  keyv.deserialize = undefined;
  return { keyv, lru };
}

/**
 * CacheModule options: in memory (bounded LRU) by default; a Redis store (shared by every instance)
 * when REDIS_URL is set. Redis errors never fail a request: the store does not throw, and the chain
 * gives every cache call a short budget before asking the providers.
 */
export function cacheModuleOptions(config: Pick<AppConfig, 'redisUrl'> & Partial<Pick<AppConfig, 'limits'>>): CacheModuleOptions {
  if (!config.redisUrl) return { stores: [boundedMemoryStore(config.limits ?? DEFAULT_LIMITS).keyv] };
  log.log(`provider cache in Redis (${redactUrl(config.redisUrl)})`);
  const store = createKeyv(config.redisUrl, { throwOnConnectError: false, throwOnErrors: false });
  store.on('error', (err: unknown) => log.warn(`redis cache: ${err instanceof Error ? err.message : String(err)}`));
  return { stores: [store] };
}

/** The narrow view of CACHE_MANAGER the chain writes through (TTL in ms, as cache-manager 7 takes it). */
export function chainCacheOf(cache: Cache): ChainCache {
  return {
    get: <T>(key: string) => cache.get<T>(key),
    set: <T>(key: string, value: T, ttlMs: number) => cache.set(key, value, ttlMs),
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
