import { Inject, Injectable, Optional } from '@nestjs/common';
import { NotFoundError } from '../../common/errors';
import type { Bar } from '../../core/bars/bar';
import { isIntraday, type Interval } from '../../core/bars/interval';
import { regularSessionOhlc } from '../../core/levels';
import { etDate } from '../../core/session/et-time';
import { atmIv, ivSessionDay } from '../../core/volatility';
import { IV_HISTORY, type IvHistoryApi } from '../../persistence/iv-history.types';
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
/** Longer expirations fetched for the term structure: the listed expiration nearest each of these DTEs. */
const TERM_DTES = [60, 90, 180, 365];
/** Recorded ATM-IV days read for the rank (252-day window plus holidays). */
const IV_HISTORY_READ = 400;

export interface ChainSnapshot {
  contracts: OptionContract[];
  underlyingPrice: number | null;
  /** The options provider id (synthetic, tradier, polygon …). */
  source: string | null;
}
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
    @Optional() @Inject(IV_HISTORY) private readonly ivHistory?: IvHistoryApi,
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
  async frame(symbol: string, interval: Interval, lookback: number): Promise<{ value: ProvenancedFrame; cached: boolean; ageMs: number }> {
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
    let barsSource: string | null = null;
    try {
      const r = await this.market.getBars({ symbol, interval: '1D', limit: REGIME_DAILY_BARS });
      daily = r.bars ?? [];
      barsSource = r.data_source ?? null;
    } catch (err) {
      notes.push(`daily bars unavailable: ${(err as Error).message}`);
    }
    let spot: number | null = null;
    let spotSource: 'quote' | 'chain' | null = null;
    try {
      const q = await this.market.getQuote(symbol);
      if (q.last > 0) [spot, spotSource] = [q.last, 'quote'];
    } catch (err) {
      notes.push(`quote unavailable, using the last daily close: ${(err as Error).message}`);
    }
    let chain: ChainSnapshot = { contracts: [], underlyingPrice: null, source: null };
    if (this.options) {
      try {
        chain = await this.chainSnapshot(symbol, nowMs);
        if (spot === null && chain.underlyingPrice !== null) [spot, spotSource] = [chain.underlyingPrice, 'chain'];
      } catch (err) {
        notes.push(`options chain unavailable: ${(err as Error).message}`);
      }
    } else {
      notes.push('no options provider configured');
    }
    const { day } = ivSessionDay(nowMs);
    const hist = await this.recordedBefore(symbol, day, notes);
    const regime = computeVolatilityRegime({
      dailyBars: daily,
      chain: chain.contracts,
      spot,
      nowMs,
      ivHistoryPct: hist.map((h) => h.iv * 100),
      ivHistorySources: hist.map((h) => h.source),
      chainSource: chain.source,
      barsSource,
      spotSource,
      notes,
    });
    await this.recordToday(symbol, regime, chain.source, nowMs);
    return regime;
  }

  /** Recorded ATM-IV days before the current session, oldest first (empty without a store or on a store error, with a note). */
  private async recordedBefore(symbol: string, day: string, notes: string[]) {
    if (!this.ivHistory) return [];
    try {
      return (await this.ivHistory.series(symbol, { limit: IV_HISTORY_READ })).filter((p) => p.day < day);
    } catch (err) {
      notes.push(`ATM-IV history unavailable: ${(err as Error).message}`);
      return [];
    }
  }

  /** On-demand path of the daily series: the session's value is written when a volatility block is computed (store errors never fail the block). */
  private async recordToday(symbol: string, regime: VolatilityRegime, source: string | null, nowMs: number): Promise<void> {
    if (!this.ivHistory) return;
    const { day, atClose } = ivSessionDay(nowMs);
    try {
      await this.ivHistory.track(symbol, nowMs);
      if (regime.iv_atm !== null && source)
        await this.ivHistory.record({
          symbol,
          day,
          iv: regime.iv_atm / 100,
          source,
          method: regime.iv_atm_method ?? 'interpolated',
          expirations: regime.iv_expirations_used,
          at_close: atClose,
          recorded_at: nowMs,
        });
    } catch (err) {
      regime.notes.push(`ATM IV not recorded: ${(err as Error).message}`);
    }
  }

  /** The session's 30-day ATM IV from the chain (for the after-close recorder). */
  async currentAtmIv(symbol: string): Promise<{ iv: number; method: string; expirations: string[]; source: string } | null> {
    if (!this.options) return null;
    const nowMs = this.clock.now();
    const chain = await this.chainSnapshot(symbol, nowMs);
    let spot = chain.underlyingPrice;
    if (spot === null) {
      const q = await this.market.getQuote(symbol).catch(() => null);
      spot = q && q.last > 0 ? q.last : null;
    }
    if (spot === null || !chain.source) return null;
    const r = atmIv(chain.contracts, spot, nowMs, 30);
    return Number.isFinite(r.constantMaturityIv) ? { iv: r.constantMaturityIv, method: r.method, expirations: r.expirationsUsed, source: chain.source } : null;
  }

  /** Chains of the expirations around 30 days (for the constant-maturity IV and skew) and near each TERM_DTES (term structure). */
  private async chainSnapshot(symbol: string, nowMs: number): Promise<ChainSnapshot> {
    const options = this.options!;
    const today = Date.parse(`${etDate(nowMs)}T00:00:00Z`);
    const dte = (e: string) => (Date.parse(`${e}T00:00:00Z`) - today) / 86_400_000;
    const exps = (await options.getExpirations(symbol)).expirations.filter((e) => /^\d{4}-\d{2}-\d{2}$/.test(e) && dte(e) >= 1).sort();
    const below = exps.filter((e) => dte(e) <= 30).slice(-IV_EXPIRATIONS_EACH_SIDE);
    const above = exps.filter((e) => dte(e) > 30).slice(0, IV_EXPIRATIONS_EACH_SIDE);
    const picked = new Set([...below, ...above]);
    for (const target of TERM_DTES) {
      const near = exps.filter((e) => !picked.has(e)).sort((a, b) => Math.abs(dte(a) - target) - Math.abs(dte(b) - target))[0];
      if (near !== undefined && Math.abs(dte(near) - target) <= target / 2) picked.add(near);
    }
    const chains = await Promise.all([...picked].sort().map((e) => options.getChain({ underlying: symbol, expiration: e })));
    const sources = [...new Set(chains.map((c) => c.data_source).filter(Boolean))];
    return {
      contracts: chains.flatMap((c) => c.contracts),
      underlyingPrice: chains.map((c) => c.underlying_price).find((p): p is number => typeof p === 'number' && p > 0) ?? null,
      source: sources.length === 1 ? sources[0] : sources.length ? 'mixed' : null,
    };
  }
}
