import { LRUCache } from 'lru-cache';
import { AppError, UpstreamError } from '../../common/errors';
import { approxBytes } from '../cache/approx-bytes';
import { packForCache, unpackFromCache } from '../cache/packed-value';
import { ProviderError } from '../provider.errors';
import { CircuitBreaker, CircuitState } from './circuit-breaker';
import { classifyFailure } from './error-policy';
import { LastGoodStore } from '../cache/last-good.store';
import { SingleFlight } from './single-flight';

/** The cache the chain writes through (CACHE_MANAGER in the app; a Map in unit tests). */
export interface ChainCache {
  get<T>(key: string): Promise<T | undefined | null>;
  set<T>(key: string, value: T, ttlMs: number): Promise<unknown>;
}

export interface NamedProvider {
  readonly id: string;
}

/** Embedded providers: their answers are never a silent substitute for a live vendor's. */
export const EMBEDDED_PROVIDER_IDS = new Set(['replay', 'synthetic']);

/** 404: no provider has data for the request (unknown symbol, no bars in range). */
export class NoDataError extends AppError {
  readonly status = 404;
  readonly code = 'no_data';
}

export interface Attempt {
  provider: string;
  error: string;
}

/** What chain results carry besides the provider's own fields. */
export interface ChainMeta {
  /** Served from the cache (within the TTL) instead of a provider call. */
  cached?: boolean;
  /** Set when a live vendor failed and an embedded provider answered instead (explicitly configured). */
  fallback_from?: string;
}

/** One provider's health as /health/ready shows it. */
export interface ProviderState {
  id: string;
  /** ok; degraded = rate limited (429, until retry_at) or half-open (on trial); down = circuit open. */
  status: 'ok' | 'degraded' | 'down';
  state: CircuitState;
  /** While a 429's Retry-After blocks calls: when calls resume, and in how many seconds. */
  retry_at: string | null;
  retry_after_s: number | null;
  last_error: string | null;
  last_error_at: string | null;
  last_success: string | null;
}

export interface RunOptions<P extends NamedProvider, T> {
  capability: string;
  key: string;
  /**
   * Key of the last good value (default `key`). Requests that differ only in their time bucket share
   * it, so the stale fallback after every provider failed serves the previous minute's answer, and
   * the store holds one value per request shape instead of one per minute.
   */
  staleKey?: string;
  ttlMs: number;
  providers: readonly P[];
  call: (provider: P, signal: AbortSignal) => Promise<T>;
}

export interface ChainRunnerOptions {
  timeoutMs: number;
  cache?: ChainCache;
  now?: () => number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  /** How long a last good value may still be served stale (default 24 h), how many and how many bytes are kept. */
  lastGood?: { maxEntries: number; maxAgeMs: number; maxBytes?: number };
  onOutcome?: (capability: string, provider: string, outcome: string) => void;
  /**
   * In-process copy of the answers this runner wrote to the cache, each until its own TTL ends (the
   * shared entry expires then too): a hit is read without the async store call and its timeout timer.
   * Bounded by entries and approximate bytes (LRU); `false` turns it off. Default 2,000 entries, 12 MB.
   */
  hot?: { maxEntries: number; maxBytes: number } | false;
}

/** One answer this runner wrote, with the instant (runner clock) its cache TTL ends. */
interface HotEntry {
  value: object;
  expiresAt: number;
}

/**
 * Runs one request through an ordered provider list: cache → single-flight → each provider in turn
 * (skipping open circuits and rate-limited ones) with a hard timeout for live vendors → on total failure the last good
 * value with `stale: true` → else a typed 404/502/503. One runner per capability.
 */
export class ChainRunner {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly flights = new SingleFlight();
  private readonly lastGood: LastGoodStore<unknown>;
  private readonly now: () => number;
  private readonly hot: LRUCache<string, HotEntry> | undefined;

  constructor(private readonly options: ChainRunnerOptions) {
    this.now = options.now ?? Date.now;
    const hot = options.hot ?? { maxEntries: 2000, maxBytes: 12 * 1024 * 1024 };
    if (options.cache && hot && hot.maxEntries > 0 && hot.maxBytes > 0)
      // ttlAutopurge: an expired entry is dropped on the wall clock even if nobody reads it again, so
      // memory goes back once the load stops (the reads still check `expiresAt` on the runner's clock)
      this.hot = new LRUCache<string, HotEntry>({ max: hot.maxEntries, maxSize: hot.maxBytes, ttlAutopurge: true, sizeCalculation: (e) => Math.max(1, approxBytes(e.value)) });
    this.lastGood = new LastGoodStore({ ...(options.lastGood ?? { maxEntries: 1000, maxAgeMs: 24 * 3_600_000 }), now: this.now });
  }

  /** Entries in the in-process copy of this runner's own cache writes (expired ones are dropped on their TTL). */
  get hotSize(): number {
    return this.hot?.size ?? 0;
  }

  breaker(provider: string): CircuitBreaker {
    let b = this.breakers.get(provider);
    if (!b) {
      b = new CircuitBreaker(this.options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 }, this.now);
      this.breakers.set(provider, b);
    }
    return b;
  }

  states(ids: readonly string[]): ProviderState[] {
    const iso = (ms?: number) => (ms === undefined ? null : new Date(ms).toISOString());
    return ids.map((id) => {
      const b = this.breaker(id);
      const state = b.state;
      const until = b.blockedUntilMs;
      const status = state === 'open' ? 'down' : until !== undefined || state === 'half_open' ? 'degraded' : 'ok';
      return {
        id,
        status,
        state,
        retry_at: iso(until),
        retry_after_s: until === undefined ? null : Math.ceil((until - this.now()) / 1000),
        last_error: b.lastError ?? null,
        last_error_at: iso(b.lastErrorAt),
        last_success: iso(b.lastSuccessAt),
      };
    });
  }

  private async cacheGet<T>(key: string): Promise<T | undefined> {
    if (!this.options.cache) return undefined;
    try {
      const v = await withTimeout(this.options.cache.get<T>(key), 250);
      return v ?? undefined;
    } catch {
      return undefined; // a cache outage never fails a request
    }
  }

  /** This runner's own write of `key` while its TTL lasts, else undefined. */
  private hotGet<T>(key: string): T | undefined {
    const e = this.hot?.get(key);
    if (!e) return undefined;
    if (this.now() < e.expiresAt) return unpackFromCache(e.value) as T;
    this.hot!.delete(key);
    return undefined;
  }

  /** `held`: the value as the in-process copies keep it (packForCache). */
  private cacheSet<T>(key: string, value: T, ttlMs: number, held: object): void {
    if (!this.options.cache || ttlMs <= 0) return;
    if (this.hot && value !== null && typeof value === 'object') this.hot.set(key, { value: held, expiresAt: this.now() + ttlMs }, { ttl: ttlMs });
    withTimeout(Promise.resolve(this.options.cache.set(key, value, ttlMs)), 250).catch(() => undefined);
  }

  async run<P extends NamedProvider, T extends object>(o: RunOptions<P, T>): Promise<T & ChainMeta> {
    const hit = this.hotGet<T>(o.key) ?? (await this.cacheGet<T>(o.key));
    if (hit) {
      this.options.onOutcome?.(o.capability, '-', 'cached');
      return { ...hit, cached: true };
    }
    return this.flights.run(o.key, () => this.fetch(o));
  }

  private async fetch<P extends NamedProvider, T extends object>(o: RunOptions<P, T>): Promise<T & ChainMeta> {
    const attempts: Attempt[] = [];
    let anyUnavailable = false;
    let anyBad = false;
    // The first live vendor that did not answer: an embedded answer after it is labelled, never silent.
    let liveMissed: string | undefined;
    for (const p of o.providers) {
      const live = !EMBEDDED_PROVIDER_IDS.has(p.id);
      const b = this.breaker(p.id);
      const gate = b.tryAcquire();
      if (!gate.ok) {
        attempts.push({ provider: p.id, error: gate.reason === 'rate_limited' ? `rate_limited: until ${new Date(gate.untilMs).toISOString()}` : 'circuit_open' });
        this.options.onOutcome?.(o.capability, p.id, gate.reason);
        anyUnavailable = true;
        if (live) liveMissed ??= p.id;
        continue;
      }
      const ctrl = new AbortController();
      try {
        // Embedded providers compute locally (no I/O that can hang) and give the event loop back while they
        // generate: a deadline would only throw finished work away on a loaded machine and answer 503.
        const call = o.call(p, ctrl.signal);
        const result = live ? await withTimeout(call, this.options.timeoutMs, () => ctrl.abort()) : await call;
        b.success();
        this.options.onOutcome?.(o.capability, p.id, 'ok');
        const out: T & ChainMeta = liveMissed && !live ? { ...result, fallback_from: liveMissed } : { ...result };
        // packed once for the two in-process copies (the hot one and the last good one share it)
        const held = packForCache(out) as object;
        this.cacheSet(o.key, out, o.ttlMs, held);
        this.lastGood.set(o.staleKey ?? o.key, held);
        return out;
      } catch (err) {
        const d = classifyFailure(err instanceof TimeoutError ? new ProviderError(p.id, 'timeout', err.message) : err);
        const message = err instanceof Error ? err.message : String(err);
        attempts.push({ provider: p.id, error: `${d.kind}: ${message}` });
        this.options.onOutcome?.(o.capability, p.id, d.kind);
        if (live) liveMissed ??= p.id;
        if (d.retryAfterMs !== undefined) b.blockFor(d.retryAfterMs);
        if (d.breakerFailure) {
          b.failure(`${d.kind}: ${message}`);
          if (d.unavailable) anyUnavailable = true;
          else anyBad = true;
        } else {
          b.neutral();
        }
      }
    }
    const stale = this.lastGood.get(o.staleKey ?? o.key) as (T & ChainMeta) | undefined;
    if (stale && (anyUnavailable || anyBad)) {
      this.options.onOutcome?.(o.capability, '-', 'stale');
      return { ...stale, stale: true, cached: false };
    }
    const summary = attempts.map((a) => `${a.provider}: ${a.error}`).join('; ');
    if (!anyUnavailable && !anyBad) {
      throw new NoDataError(`no ${o.capability} data: ${summary || 'no provider configured'}`);
    }
    // 503 only when every failure was unavailability; one upstream answering badly makes it a 502.
    throw new UpstreamError(`${o.capability}: every provider failed (${summary})`, anyBad ? 502 : 503, undefined, attempts);
  }
}

export class TimeoutError extends Error {}

/** Reject after `ms` (calling onTimeout first, e.g. to abort the HTTP request). */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new TimeoutError(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
