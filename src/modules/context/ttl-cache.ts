import { LRUCache } from 'lru-cache';
import { approxBytes } from '../../providers/cache/approx-bytes';

/**
 * In-process TTL cache with single-flight: concurrent `get`s of one key share one loader call, and
 * a successful value is reused until it is older than the TTL. Failures are not cached.
 *
 * Age is measured on two clocks and the entry expires when either passes the TTL: wall time (the
 * point of the cache is to spare upstream calls) and the market clock (in replay mode market time
 * runs faster than wall time, and a 30 s context must not outlive 30 s of replayed bars).
 */
export interface TtlCacheOptions {
  ttlMs: number;
  /** Market clock, UTC ms. */
  marketNow: () => number;
  /** Wall clock, ms; injectable for tests. */
  wallNow?: () => number;
  /** Least recently used entries are dropped beyond this many keys (default 500). */
  maxEntries?: number;
  /** ... and beyond this many approximate bytes (default 8 MB). */
  maxBytes?: number;
}

interface Entry<T> {
  value: T;
  wallAt: number;
  marketAt: number;
}

export class TtlCache<T> {
  private readonly entries: LRUCache<string, Entry<T>>;
  private readonly inflight = new Map<string, Promise<T>>();
  private readonly wallNow: () => number;

  constructor(private readonly opts: TtlCacheOptions) {
    this.wallNow = opts.wallNow ?? (() => Date.now());
    this.entries = new LRUCache<string, Entry<T>>({
      max: Math.max(1, opts.maxEntries ?? 500),
      maxSize: Math.max(1024, opts.maxBytes ?? 8 * 1024 * 1024),
      // dropped on the wall clock once the TTL passes, read or not (memory goes back after a load)
      ttl: Math.max(1, opts.ttlMs),
      ttlAutopurge: true,
      sizeCalculation: (e) => Math.max(1, approxBytes(e.value)),
    });
  }

  /** Entries held (expired ones count until evicted or read). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached value or the loader's result, loading once per key at a time. `cached` is false only
   * for the caller whose load ran; a caller that joined a load already in flight gets `cached: true`
   * (it made no upstream request of its own). `ageMs` is the wall age of the value (0 when just loaded).
   */
  async get(key: string, load: () => Promise<T>): Promise<{ value: T; cached: boolean; ageMs: number }> {
    const hit = this.entries.get(key);
    if (hit && this.fresh(hit)) return { value: hit.value, cached: true, ageMs: Math.max(0, this.wallNow() - hit.wallAt) };
    if (hit) this.entries.delete(key);
    const running = this.inflight.get(key);
    if (running) return { value: await running, cached: true, ageMs: 0 };
    const p = (async () => {
      try {
        const value = await load();
        this.entries.set(key, { value, wallAt: this.wallNow(), marketAt: this.opts.marketNow() });
        return value;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, p);
    return { value: await p, cached: false, ageMs: 0 };
  }

  clear(): void {
    this.entries.clear();
  }

  private fresh(e: Entry<T>): boolean {
    const wallAge = this.wallNow() - e.wallAt;
    const marketAge = this.opts.marketNow() - e.marketAt;
    // A market clock that moved backwards (replay restart) also invalidates.
    return wallAge < this.opts.ttlMs && marketAge < this.opts.ttlMs && marketAge >= 0;
  }
}
