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
  /** Oldest entries are dropped beyond this many keys. */
  maxEntries?: number;
}

interface Entry<T> {
  value: T;
  wallAt: number;
  marketAt: number;
}

export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();
  private readonly wallNow: () => number;

  constructor(private readonly opts: TtlCacheOptions) {
    this.wallNow = opts.wallNow ?? (() => Date.now());
  }

  /**
   * The cached value or the loader's result, loading once per key at a time. `cached` is false only
   * for the caller whose load ran; a caller that joined a load already in flight gets `cached: true`
   * (it made no upstream request of its own).
   */
  async get(key: string, load: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    const hit = this.entries.get(key);
    if (hit && this.fresh(hit)) return { value: hit.value, cached: true };
    const running = this.inflight.get(key);
    if (running) return { value: await running, cached: true };
    const p = (async () => {
      try {
        const value = await load();
        this.entries.delete(key);
        this.entries.set(key, { value, wallAt: this.wallNow(), marketAt: this.opts.marketNow() });
        this.evict();
        return value;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, p);
    return { value: await p, cached: false };
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

  private evict(): void {
    const max = this.opts.maxEntries ?? 500;
    while (this.entries.size > max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
