import { AppError, UpstreamError } from '../../common/errors';
import { ProviderError } from '../provider.errors';
import { CircuitBreaker, CircuitState } from './circuit-breaker';
import { classifyFailure } from './error-policy';
import { Lru } from './lru';
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

export interface RunOptions<P extends NamedProvider, T> {
  capability: string;
  key: string;
  ttlMs: number;
  providers: readonly P[];
  call: (provider: P, signal: AbortSignal) => Promise<T>;
}

export interface ChainRunnerOptions {
  timeoutMs: number;
  cache?: ChainCache;
  now?: () => number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  onOutcome?: (capability: string, provider: string, outcome: string) => void;
}

/**
 * Runs one request through an ordered provider list: cache → single-flight → each provider in turn
 * (skipping open circuits and rate-limited ones) with a hard timeout → on total failure the last good
 * value with `stale: true` → else a typed 404/502/503. One runner per capability.
 */
export class ChainRunner {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly flights = new SingleFlight();
  private readonly lastGood = new Lru<unknown>(1000);
  private readonly now: () => number;

  constructor(private readonly options: ChainRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  breaker(provider: string): CircuitBreaker {
    let b = this.breakers.get(provider);
    if (!b) {
      b = new CircuitBreaker(this.options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 }, this.now);
      this.breakers.set(provider, b);
    }
    return b;
  }

  states(ids: readonly string[]): Array<{ id: string; state: CircuitState; last_error: string | null; last_success: string | null }> {
    return ids.map((id) => {
      const b = this.breaker(id);
      return { id, state: b.state, last_error: b.lastError ?? null, last_success: b.lastSuccessAt ? new Date(b.lastSuccessAt).toISOString() : null };
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

  private cacheSet<T>(key: string, value: T, ttlMs: number): void {
    if (!this.options.cache || ttlMs <= 0) return;
    withTimeout(Promise.resolve(this.options.cache.set(key, value, ttlMs)), 250).catch(() => undefined);
  }

  async run<P extends NamedProvider, T extends object>(o: RunOptions<P, T>): Promise<T & ChainMeta> {
    const hit = await this.cacheGet<T>(o.key);
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
    let liveFailed: string | undefined;
    for (const p of o.providers) {
      const b = this.breaker(p.id);
      const gate = b.tryAcquire();
      if (!gate.ok) {
        attempts.push({ provider: p.id, error: gate.reason === 'rate_limited' ? `rate limited until ${new Date(gate.untilMs).toISOString()}` : 'circuit open' });
        anyUnavailable = true;
        if (!EMBEDDED_PROVIDER_IDS.has(p.id)) liveFailed ??= p.id;
        continue;
      }
      const ctrl = new AbortController();
      try {
        const result = await withTimeout(o.call(p, ctrl.signal), this.options.timeoutMs, () => ctrl.abort());
        b.success();
        this.options.onOutcome?.(o.capability, p.id, 'ok');
        const out: T & ChainMeta = liveFailed && EMBEDDED_PROVIDER_IDS.has(p.id) ? { ...result, fallback_from: liveFailed } : { ...result };
        this.cacheSet(o.key, out, o.ttlMs);
        this.lastGood.set(o.key, out);
        return out;
      } catch (err) {
        const d = classifyFailure(err instanceof TimeoutError ? new ProviderError(p.id, 'timeout', err.message) : err);
        const message = err instanceof Error ? err.message : String(err);
        attempts.push({ provider: p.id, error: `${d.kind}: ${message}` });
        this.options.onOutcome?.(o.capability, p.id, d.kind);
        if (d.retryAfterMs !== undefined) b.blockFor(d.retryAfterMs);
        if (d.breakerFailure) {
          b.failure(message);
          if (d.unavailable) anyUnavailable = true;
          else anyBad = true;
          if (!EMBEDDED_PROVIDER_IDS.has(p.id)) liveFailed ??= p.id;
        } else {
          b.neutral();
        }
      }
    }
    const stale = this.lastGood.get(o.key) as (T & ChainMeta) | undefined;
    if (stale && (anyUnavailable || anyBad)) {
      this.options.onOutcome?.(o.capability, '-', 'stale');
      return { ...stale, stale: true, cached: false };
    }
    if (!anyUnavailable && !anyBad) {
      throw new NoDataError(`no ${o.capability} data: ${attempts.map((a) => `${a.provider}: ${a.error}`).join('; ') || 'no provider configured'}`);
    }
    throw new UpstreamError(
      `${o.capability}: every provider failed (${attempts.map((a) => a.provider).join(', ')})`,
      anyBad && !anyUnavailable ? 502 : 503,
      undefined,
      attempts,
    );
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
