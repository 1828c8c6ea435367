import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/**
 * A rate-limit store that never fails a request: when the inner store (Redis) errors or does not
 * answer within `budgetMs`, the hit is let through (logged at most once a minute). Rate limiting is
 * a guard against abuse, not a reason to answer 500 while Redis restarts.
 */
export class FailOpenStorage implements ThrottlerStorage {
  private readonly log = new Logger('RateLimit');
  private lastWarn = 0;

  constructor(
    readonly inner: ThrottlerStorage & { onModuleDestroy?: () => unknown },
    private readonly budgetMs = 250,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.inner.increment(key, ttl, limit, blockDuration, throttlerName),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.budgetMs} ms`)), this.budgetMs))),
      ]);
    } catch (err) {
      if (Date.now() - this.lastWarn > 60_000) {
        this.lastWarn = Date.now();
        this.log.warn(`rate-limit store unavailable, letting requests through: ${(err as Error).message}`);
      }
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    } finally {
      clearTimeout(timer);
    }
  }

  onModuleDestroy(): unknown {
    return this.inner.onModuleDestroy?.();
  }
}
