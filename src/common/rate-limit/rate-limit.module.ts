import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FailOpenStorage } from './fail-open.storage';
import { PublicRateLimitGuard } from './public-rate-limit.guard';

const log = new Logger('RateLimit');

/** Options from config: RATE_LIMIT_PUBLIC requests per RATE_LIMIT_WINDOW_MS per client; Redis-backed with REDIS_URL. */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  const { ratePublicLimit, rateWindowMs } = config.limits;
  let storage: FailOpenStorage | undefined;
  if (config.redisUrl && ratePublicLimit > 0) {
    // commands wait for the connection at most the wrapper's budget; while Redis is away they fail after one retry
    storage = new FailOpenStorage(new ThrottlerStorageRedisService(config.redisUrl, { maxRetriesPerRequest: 1, keyPrefix: 'tc:rl:' }));
    log.log(`public routes: ${ratePublicLimit} requests / ${rateWindowMs} ms per client, counted in Redis`);
  }
  return {
    throttlers: [{ name: 'default', ttl: rateWindowMs, limit: ratePublicLimit }],
    // one budget per client across every public route (not one per route)
    generateKey: (_ctx, tracker) => `public:${tracker}`,
    skipIf: () => ratePublicLimit <= 0,
    errorMessage: `rate limit exceeded: at most ${ratePublicLimit} requests per ${Math.round(rateWindowMs / 1000)} s per client on public routes; retry after the Retry-After seconds`,
    ...(storage ? { storage } : {}),
  };
}

/** Registers the throttler and its guard (after AuthGuard, which is registered first in AppModule). */
@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: rateLimitOptions })],
  providers: [{ provide: APP_GUARD, useClass: PublicRateLimitGuard }],
})
export class RateLimitModule {}
