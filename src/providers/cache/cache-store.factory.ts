import { Logger } from '@nestjs/common';
import type { CacheModuleOptions } from '@nestjs/cache-manager';
import { createKeyv } from '@keyv/redis';
import type { Cache } from 'cache-manager';
import type { AppConfig } from '../../config/app-config';
import type { ChainCache } from '../chain/chain-runner';

const log = new Logger('ProviderCache');

/**
 * CacheModule options: in memory by default; a Redis store (shared by every instance) when
 * REDIS_URL is set. Redis errors never fail a request: the store does not throw, and the chain gives
 * every cache call a short budget before asking the providers.
 */
export function cacheModuleOptions(config: Pick<AppConfig, 'redisUrl'>): CacheModuleOptions {
  if (!config.redisUrl) return {};
  log.log(`provider cache in Redis (${redactUrl(config.redisUrl)})`);
  const store = createKeyv(config.redisUrl, { throwOnConnectError: false, throwOnErrors: false } as never);
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
