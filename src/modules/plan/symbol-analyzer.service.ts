import { Inject, Injectable, Optional } from '@nestjs/common';
import { Analysis, analyzeSymbol, BarsInput, barRequirements } from '../../core/analysis/analyze-symbol';
import { BarsEvaluationMemo } from '../../core/analysis/bars-evaluation';
import type { Interval } from '../../core/bars/interval';
import { indexTrackedBy } from '../../core/instruments/instrument';
import { translateBars } from '../../core/instruments/proxy-ratio';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { IndexMode } from '../../core/plan/plan.schema';
import type { Style } from '../../core/strategies/strategy.types';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { CalibrationService } from '../calibration/calibration.service';
import { VendorHistoryService } from '../calibration/vendor-history.service';
import { MARKET_DATA_PORT, type MarketDataPort } from '../data-ports/data-ports';
import { IndexProxyService } from '../index-mode/index-proxy.service';

export type { Analysis as SymbolAnalysis } from '../../core/analysis/analyze-symbol';

export const PROXY_BANNER = 'Index bars unavailable — translating via ETF proxy';

interface Fetched {
  frames: Partial<Record<Interval, BarsInput>>;
  daily: BarsInput | null;
  warnings: string[];
}

/**
 * The I/O half of "analyse a symbol": fetches the bars a style needs (≤ 2 provider calls: the
 * playbooks' interval and daily) and hands them to the pure `analyzeSymbol` of the core.
 * Index symbols (SPX, NDX): the index's own bars when the chain has them, otherwise the ETF proxy's
 * bars translated with the live measured ratio (labelled `data_source: proxy:SPY:<source>`).
 */
/** A quote older than this does not describe the spread a plan would cross now. */
const QUOTE_MAX_AGE_MS = 5 * 60_000;

@Injectable()
export class SymbolAnalyzer {
  /** Bar evaluations per symbol/style, reused while the closed bars are identical (a warm scan reads them). */
  readonly memo = new BarsEvaluationMemo({ maxEntries: 2000, maxBytes: 64 * 1024 * 1024 });

  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly calibration?: CalibrationService,
    @Optional() private readonly indexProxy?: IndexProxyService,
    @Optional() private readonly vendorHistory?: VendorHistoryService,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  /**
   * `asOfMs`: plan as of that past moment — bars are requested up to it and only bars closed by then are
   * used (vendor and embedded data alike); the odds use only outcomes resolved before it.
   */
  async analyze(symbol: string, style: Style, opts: { simulateOpen?: boolean; asOfMs?: number; quote?: boolean } = {}): Promise<Analysis> {
    const historical = opts.asOfMs !== undefined;
    const nowMs = opts.asOfMs ?? this.clock.now();
    const to = historical ? nowMs : undefined;
    const pair = this.indexProxy?.pairOf(symbol) ?? null;
    // live single-symbol plans: the quoted spread enters the ranking's costs (never a past moment's plan: no quote of then)
    const spreadP = opts.quote && !historical && !pair ? this.quotedSpread(symbol, nowMs) : Promise.resolve(null);
    // INDEX_SNIPER_MODE=1: an ETF proxy's plan also states its levels in index terms (SPY → SPX)
    const sniperIndex = !pair && this.config?.flags.indexSniperMode && this.indexProxy ? indexTrackedBy(symbol) : null;
    const equivalentP = sniperIndex ? this.indexEquivalent(sniperIndex, symbol, to) : Promise.resolve(undefined);
    let fetched: Fetched;
    let indexMode: IndexMode | undefined;
    if (!pair) fetched = await this.fetch(symbol, style, to);
    else {
      try {
        fetched = await this.fetch(pair.index, style, to);
        indexMode = { index: pair.index, proxy: pair.proxy, bars: 'index', ratio: null, translated_levels: null, banner: null, feed_health: { index_bars: 'healthy' } };
      } catch {
        const proxied = await this.fetch(pair.proxy, style, to);
        const r = await this.indexProxy!.ratio(pair.index, pair.proxy, to);
        const { feed_health, ...ratio } = r;
        const tr = (b: BarsInput): BarsInput => ({ ...b, bars: translateBars(b.bars, ratio.ratio), data_source: `proxy:${pair.proxy}:${b.data_source}` });
        const frames: Partial<Record<Interval, BarsInput>> = {};
        for (const [iv, b] of Object.entries(proxied.frames) as Array<[Interval, BarsInput]>) frames[iv] = tr(b);
        fetched = {
          frames,
          daily: proxied.daily ? tr(proxied.daily) : null,
          warnings: [...proxied.warnings, `${pair.index} bars translated from ${pair.proxy} × ${ratio.ratio} (${ratio.method}, as of ${ratio.as_of})`],
        };
        indexMode = { index: pair.index, proxy: pair.proxy, bars: 'proxy_translated', ratio, translated_levels: null, banner: PROXY_BANNER, feed_health };
      }
    }
    const { frames, daily, warnings } = fetched;
    const source = Object.values(frames)[0]?.data_source ?? daily?.data_source ?? 'unknown';
    // translation scales prices only: ATR-relative outcomes of the proxy's book apply
    const oddsSource = source.replace(/^proxy:[A-Z]+:/, '');
    const odds = this.calibration?.lookupFor(oddsSource);
    const spread = await spreadP;
    const a = analyzeSymbol({
      symbol: pair?.index ?? symbol,
      style,
      now_ms: nowMs,
      simulate_open: opts.simulateOpen === true,
      historical,
      frames,
      daily,
      warnings,
      odds,
      costs: this.calibration?.costs,
      memo: this.memo,
      ...(spread !== null ? { spread } : {}),
    });
    this.measureVendorHistory(oddsSource, pair ? pair.proxy : symbol, nowMs, a);
    const indexEquivalent = await equivalentP;
    if (!indexMode && !indexEquivalent) return a;
    return { ...a, ...(indexMode ? { index_mode: indexMode } : {}), ...(indexEquivalent ? { index_equivalent: indexEquivalent } : {}) };
  }

  /** The index an ETF tracks and the ratio measured now (or as of `to`); the reason when it cannot be measured. */
  private async indexEquivalent(index: string, etf: string, to: number | undefined): Promise<NonNullable<Analysis['index_equivalent']>> {
    try {
      const { feed_health: _health, ...ratio } = await this.indexProxy!.ratio(index, etf, to);
      return { index, ratio, reason: null };
    } catch (e) {
      return { index, ratio: null, reason: `ratio unavailable: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** ask − bid of a fresh (≤ 5 min old) two-sided quote, else null (no quote, one-sided, crossed or stale). */
  private async quotedSpread(symbol: string, nowMs: number): Promise<number | null> {
    try {
      const q = await this.market.getQuote(symbol);
      const { bid, ask } = q;
      if (bid === undefined || ask === undefined || !(bid > 0) || !(ask >= bid) || !(nowMs - q.time <= QUOTE_MAX_AGE_MS)) return null;
      return ask - bid;
    } catch {
      return null;
    }
  }

  /** Plans on a vendor's bars with nothing measured start that vendor's history job (VendorHistoryService) and say so. */
  private measureVendorHistory(source: string, symbol: string, nowMs: number, analysis: Analysis): void {
    const key = CalibrationService.sourceKey(source);
    if (!this.vendorHistory || key === 'synthetic' || key === 'replay' || key === 'unknown' || key.includes(':')) return;
    const unmeasured = analysis.plans.filter((p) => p.odds.probabilities.tp1 === null);
    if (!unmeasured.length) return;
    const job = this.vendorHistory.request(key, symbol, nowMs);
    if (job.state === 'running' || job.state === 'failed') for (const p of unmeasured) p.odds.meta.reason = job.reason;
  }

  private async fetch(symbol: string, style: Style, to: number | undefined): Promise<Fetched> {
    const req = barRequirements(style);
    const dailyP = req.daily ? this.market.getBars({ symbol, interval: '1D', limit: req.daily.limit, ...(to !== undefined ? { to } : {}) }) : Promise.resolve(null);
    const intradayP = req.intraday.map((r) => this.market.getBars({ symbol, interval: r.interval, limit: r.limit, extendedHours: false, ...(to !== undefined ? { to } : {}) }));
    const [dailyR, ...intradayR] = await Promise.allSettled([dailyP, ...intradayP]);
    // the style's primary interval must load; daily may fail for intraday styles (levels then come from intraday bars)
    for (const r of intradayR) if (r.status === 'rejected') throw r.reason;
    const warnings: string[] = [];
    if (dailyR.status === 'rejected') {
      if (req.daily?.required) throw dailyR.reason;
      warnings.push('Daily bars unavailable: the daily trend is left out of the multi-timeframe confluence');
    }
    const frames: Partial<Record<Interval, BarsInput>> = {};
    req.intraday.forEach((r, k) => (frames[r.interval] = (intradayR[k] as PromiseFulfilledResult<BarsInput>).value));
    return { frames, daily: dailyR.status === 'fulfilled' ? dailyR.value : null, warnings };
  }
}
