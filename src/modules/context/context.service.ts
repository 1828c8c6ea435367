import { Inject, Injectable, Optional } from '@nestjs/common';
import { NotFoundError } from '../../common/errors';
import type { Bar } from '../../core/bars/bar';
import { isIntraday, type Interval } from '../../core/bars/interval';
import { regularSessionOhlc } from '../../core/levels';
import { etDate } from '../../core/session/et-time';
import { previousTradingDay } from '../../core/session/nyse-calendar';
import { CLOCK, type Clock, type OptionContract } from '../../providers/provider.types';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT, type MarketDataPort, type OptionsDataPort } from '../data-ports/data-ports';
import { buildFrameContext, WARMUP_BARS, type FrameContext } from './frame-context';
import { coverSessionStart, levelBars } from './session-bars';
import { TtlCache } from './ttl-cache';
import { computeVolatilityRegime, type VolatilityRegime } from './volatility-regime';

/** Spec §1 cache TTLs. */
export const CONTEXT_TTL_MS = 30_000;
export const IV_TTL_MS = 120_000;
/** Daily bars for the regime: 252 HV20 values need 272 closes; a little more for holidays in the window. */
const REGIME_DAILY_BARS = 300;
/** Expirations fetched for the 30-day ATM IV: the two nearest on each side of 30 days. */
const IV_EXPIRATIONS_EACH_SIDE = 2;
/** Daily bars fetched for the previous-day levels when intraday bars lack the previous session. */
const PREV_DAILY_BARS = 10;

export interface ProvenancedFrame {
  frame: FrameContext;
  data_source: string;
  as_of: string;
  stale: boolean;
}

@Injectable()
export class ContextService {
  private readonly frames: TtlCache<ProvenancedFrame>;
  private readonly regimes: TtlCache<VolatilityRegime>;

  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(OPTIONS_DATA_PORT) private readonly options?: OptionsDataPort,
  ) {
    const marketNow = () => this.clock.now();
    this.frames = new TtlCache({ ttlMs: CONTEXT_TTL_MS, marketNow });
    this.regimes = new TtlCache({ ttlMs: IV_TTL_MS, marketNow });
  }

  /**
   * One interval's context, cached 30 s per (symbol, interval, lookback); single-flight. Intraday key
   * levels and session VWAP come from the full sessions they describe (session-bars.ts), fetched as
   * needed: `lookback` only limits the series returned.
   */
  async frame(symbol: string, interval: Interval, lookback: number): Promise<{ value: ProvenancedFrame; cached: boolean }> {
    return this.frames.get(`${symbol}|${interval}|${lookback}`, async () => {
      const res = await this.market.getBars({ symbol, interval, limit: lookback + WARMUP_BARS });
      if (!res.bars?.length) throw new NotFoundError(`No market data for ${symbol} (${interval})`);
      if (!isIntraday(interval)) return { frame: buildFrameContext(res.bars, interval, lookback), data_source: res.data_source, as_of: res.as_of, stale: res.stale };
      const bars = await coverSessionStart(this.market, symbol, interval, res.bars, res.bars.length - lookback);
      const sessions = await levelBars(this.market, symbol, interval, bars);
      const daily = await this.previousDaily(symbol, sessions ?? bars);
      return { frame: buildFrameContext(bars, interval, lookback, { bars: sessions, daily }), data_source: res.data_source, as_of: res.as_of, stale: res.stale };
    });
  }

  /** Daily bars for previous-day levels, fetched only when the previous regular session is not among the intraday bars. */
  private async previousDaily(symbol: string, bars: readonly Bar[]): Promise<Bar[] | undefined> {
    if (!bars.length) return undefined;
    const date = etDate(bars[bars.length - 1].time);
    if (regularSessionOhlc(bars, previousTradingDay(date))) return undefined;
    try {
      return (await this.market.getBars({ symbol, interval: '1D', limit: PREV_DAILY_BARS })).bars;
    } catch {
      return undefined;
    }
  }

  /** The volatility regime, cached 120 s per symbol; single-flight. Partial data gives nulls and notes, not errors. */
  async volatility(symbol: string): Promise<{ value: VolatilityRegime; cached: boolean }> {
    return this.regimes.get(symbol, () => this.loadRegime(symbol));
  }

  private async loadRegime(symbol: string): Promise<VolatilityRegime> {
    const nowMs = this.clock.now();
    const notes: string[] = [];
    let daily: Bar[] = [];
    try {
      daily = (await this.market.getBars({ symbol, interval: '1D', limit: REGIME_DAILY_BARS })).bars ?? [];
    } catch (err) {
      notes.push(`daily bars unavailable: ${(err as Error).message}`);
    }
    let spot: number | null = null;
    try {
      const q = await this.market.getQuote(symbol);
      if (q.last > 0) spot = q.last;
    } catch (err) {
      notes.push(`quote unavailable, using the last daily close: ${(err as Error).message}`);
    }
    let chain: OptionContract[] = [];
    if (this.options) {
      try {
        const r = await this.chainAround30Days(symbol, nowMs);
        chain = r.contracts;
        spot ??= r.underlyingPrice;
      } catch (err) {
        notes.push(`options chain unavailable: ${(err as Error).message}`);
      }
    } else {
      notes.push('no options provider configured');
    }
    // no daily ATM-IV history is recorded yet: IV rank/percentile use the HV20 proxy (iv_rank_basis says so)
    return computeVolatilityRegime({ dailyBars: daily, chain, spot, nowMs, ivHistoryPct: [], notes });
  }

  private async chainAround30Days(symbol: string, nowMs: number): Promise<{ contracts: OptionContract[]; underlyingPrice: number | null }> {
    const options = this.options!;
    const today = Date.parse(`${etDate(nowMs)}T00:00:00Z`);
    const dte = (e: string) => (Date.parse(`${e}T00:00:00Z`) - today) / 86_400_000;
    const exps = (await options.getExpirations(symbol)).expirations.filter((e) => /^\d{4}-\d{2}-\d{2}$/.test(e) && dte(e) >= 1).sort();
    const below = exps.filter((e) => dte(e) <= 30).slice(-IV_EXPIRATIONS_EACH_SIDE);
    const above = exps.filter((e) => dte(e) > 30).slice(0, IV_EXPIRATIONS_EACH_SIDE);
    const chains = await Promise.all([...below, ...above].map((e) => options.getChain({ underlying: symbol, expiration: e })));
    return {
      contracts: chains.flatMap((c) => c.contracts),
      underlyingPrice: chains.map((c) => c.underlying_price).find((p): p is number => typeof p === 'number' && p > 0) ?? null,
    };
  }
}
