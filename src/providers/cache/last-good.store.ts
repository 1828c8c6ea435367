/**
 * Last good value per cache key, kept in process for the stale fallback after every provider failed.
 * Bounded (LRU) and aged: a value older than `maxAgeMs` is not served (a day-old quote is no answer).
 */
export interface LastGoodOptions {
  maxEntries: number;
  maxAgeMs: number;
  now?: () => number;
}

export class LastGoodStore<V> {
  private readonly map = new Map<string, { value: V; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: LastGoodOptions = { maxEntries: 1000, maxAgeMs: 24 * 3_600_000 }) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    if (this.now() - e.at > this.options.maxAgeMs) return undefined;
    this.map.set(key, e); // most recently used last
    return e.value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, at: this.now() });
    while (this.map.size > Math.max(1, this.options.maxEntries)) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }
}
