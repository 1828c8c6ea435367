import { LRUCache } from 'lru-cache';
import { approxBytes } from './approx-bytes';
import { packForCache, unpackFromCache, type PackedBarsAnswer } from './packed-value';

/**
 * Last good value per cache key, kept in process for the stale fallback after every provider failed.
 * Bounded by entries and by (approximate) bytes with LRU eviction, and aged: a value older than
 * `maxAgeMs` is not served (a day-old quote is no answer).
 */
export interface LastGoodOptions {
  maxEntries: number;
  maxAgeMs: number;
  /** Approximate bytes held at most (default 32 MB). */
  maxBytes?: number;
  now?: () => number;
}

export class LastGoodStore<V> {
  /** Answers with bars are held packed (packed-value.ts); reads rebuild them. */
  private readonly cache: LRUCache<string, { value: V | PackedBarsAnswer; at: number; bytes: number }>;
  private readonly now: () => number;

  constructor(private readonly options: LastGoodOptions = { maxEntries: 1000, maxAgeMs: 24 * 3_600_000 }) {
    this.now = options.now ?? Date.now;
    this.cache = new LRUCache({
      max: Math.max(1, options.maxEntries),
      maxSize: Math.max(1024, options.maxBytes ?? 32 * 1024 * 1024),
      sizeCalculation: (e) => Math.max(1, e.bytes),
    });
  }

  get(key: string): V | undefined {
    const e = this.cache.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.options.maxAgeMs) {
      this.cache.delete(key);
      return undefined;
    }
    return unpackFromCache(e.value);
  }

  set(key: string, value: V): void {
    const held = packForCache(value);
    const bytes = approxBytes(held);
    // a single value larger than the whole budget is not kept (lru-cache would refuse it anyway)
    if (bytes > this.cache.maxSize) return void this.cache.delete(key);
    this.cache.set(key, { value: held, at: this.now(), bytes });
  }

  get size(): number {
    return this.cache.size;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.cache.calculatedSize;
  }
}
