import { Inject, Injectable } from '@nestjs/common';
import type { Bar } from '../../core/bars/bar';
import { Interval, INTERVAL_MS } from '../../core/bars/interval';
import { resampleBars } from '../../core/bars/resample';
import { ProviderError } from '../provider.errors';
import { BarsRequest, BarsResult, CallOptions, Clock, CLOCK, MARKET_DATA_PROVIDERS, MarketClock, MarketDataProvider, Quote } from '../provider.types';
import { barsCacheKey, cacheKey, timeBucket } from '../cache/cache-keys';
import { ChainMeta, ChainRunner, ChainRunnerOptions } from './chain-runner';
import { CHAIN_RUNNER_OPTIONS, TTL } from './chain-tokens';

/** Finer intervals to build a coarser one from when a vendor lacks it (resampled, session-aligned). */
const BUILD_FROM: Partial<Record<Interval, Interval[]>> = {
  '3m': ['1m'],
  '30m': ['15m', '5m'],
  '1h': ['30m', '15m', '5m'],
  '4h': ['1h', '30m', '15m', '5m'],
  '1W': ['1D'],
};
/** How many finer bars make one coarser bar at most (a week is 5 sessions, not 7 days). */
function factor(target: Interval, finer: Interval): number {
  if (target === '1W' && finer === '1D') return 5;
  return Math.ceil(INTERVAL_MS[target] / INTERVAL_MS[finer]);
}

/**
 * Market data for feature modules: bars, quotes and the market clock from the configured provider
 * order, with timeouts, circuit breakers, caching (bars 30 s, quotes 15 s), single-flight and stale
 * fallback (see ChainRunner). Feature modules never see which vendor answered except via data_source.
 */
@Injectable()
export class MarketDataService {
  readonly runner: ChainRunner;

  constructor(
    @Inject(MARKET_DATA_PROVIDERS) readonly providers: MarketDataProvider[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CHAIN_RUNNER_OPTIONS) options: ChainRunnerOptions,
  ) {
    this.runner = new ChainRunner(options);
  }

  private order(): string {
    return this.providers.map((p) => p.id).join(',');
  }

  /** Cached 30 s; requests relative to "now" share a key within the current minute of the service clock. */
  async getBars(req: BarsRequest): Promise<BarsResult & ChainMeta> {
    const symbol = req.symbol.toUpperCase();
    const key = barsCacheKey({ ...req, order: this.order(), symbol, nowMs: this.clock.now() });
    return this.runner.run({
      capability: 'market_data',
      key,
      staleKey: req.to === undefined ? barsCacheKey({ ...req, order: this.order(), symbol, nowMs: NaN }) : key,
      ttlMs: TTL.bars,
      providers: this.providers,
      call: (p, signal) => this.barsFrom(p, { ...req, symbol, signal }),
    });
  }

  /** One provider's bars; an interval it lacks is built from a finer one. */
  private async barsFrom(p: MarketDataProvider, req: BarsRequest): Promise<BarsResult> {
    try {
      return await p.getBars(req);
    } catch (err) {
      const fallbacks = BUILD_FROM[req.interval];
      if (!(err instanceof ProviderError) || err.kind !== 'unsupported' || !fallbacks) throw err;
      for (const finer of fallbacks) {
        try {
          // One spare coarse bar's worth: the oldest bucket is usually cut and gets dropped below.
          const limit = req.limit !== undefined ? (req.limit + 1) * factor(req.interval, finer) : undefined;
          const res = await p.getBars({ ...req, interval: finer, limit });
          let bars: Bar[] = resampleBars(res.bars, req.interval);
          // A bucket that starts before the first finer bar we got is partial (its open/high/low would
          // be wrong): drop it rather than report a fabricated bar.
          if (bars.length > 1 && res.bars.length && bars[0].time < res.bars[0].time) bars = bars.slice(1);
          if (req.limit !== undefined && bars.length > req.limit) bars = bars.slice(bars.length - req.limit);
          return { ...res, interval: req.interval, bars };
        } catch (inner) {
          if (!(inner instanceof ProviderError) || inner.kind !== 'unsupported') throw inner;
        }
      }
      throw err;
    }
  }

  async getQuote(symbol: string, opts?: CallOptions): Promise<Quote & ChainMeta> {
    const s = symbol.toUpperCase();
    return this.runner.run({
      capability: 'quote',
      key: cacheKey('quote', this.order(), s, timeBucket(this.clock.now(), TTL.quote)),
      staleKey: cacheKey('quote', this.order(), s),
      ttlMs: TTL.quote,
      providers: this.providers,
      call: (p, signal) => p.getQuote(s, { ...opts, signal }),
    });
  }

  async getClock(): Promise<MarketClock & ChainMeta> {
    const withClock = this.providers.filter((p) => typeof p.getClock === 'function');
    return this.runner.run({
      capability: 'market_clock',
      key: cacheKey('clock', this.order(), timeBucket(this.clock.now(), TTL.clock)),
      staleKey: cacheKey('clock', this.order()),
      ttlMs: TTL.clock,
      providers: withClock,
      call: (p, signal) => p.getClock!({ signal }),
    });
  }
}
