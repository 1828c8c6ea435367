import { Inject, Injectable } from '@nestjs/common';
import type { Bar } from '../../core/bars/bar';
import type { Interval } from '../../core/bars/interval';
import { isIntraday } from '../../core/bars/interval';
import { resampleBars } from '../../core/bars/resample';
import { buildPlan } from '../../core/plan/build-plan';
import type { GuardrailViolation, PlanGeometry } from '../../core/plan/plan.types';
import { marketStatus } from '../../core/session/session';
import type { AsOfContext, ContextOptions } from '../../core/strategies/as-of-context';
import { evaluateStyle } from '../../core/strategies/engine';
import { buildFrame, Frame, lastRegularIndex } from '../../core/strategies/frame';
import { playbooksForStyle } from '../../core/strategies/playbooks';
import type { Style } from '../../core/strategies/strategy.types';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { MARKET_DATA_PORT, type MarketDataPort } from '../context/data-ports';

/** Daily bars for the daily HTF trend (EMA50 warm-up); daily playbooks ask for more. */
const DAILY_LOOKBACK = 80;

/** Higher timeframes per base interval ('daily' = the vendor daily frame, complete days only). */
const HTF_OF: Partial<Record<Interval, Array<Interval | 'daily'>>> = {
  '1m': ['5m', '15m'],
  '5m': ['15m', '1h'],
  '1h': ['4h', 'daily'],
  '1D': ['1W'],
};

export interface IndicatorSnapshot {
  interval: Interval;
  close: number;
  atr14: number | null;
  ema9: number | null;
  ema20: number | null;
  ema50: number | null;
  vwap: number | null;
  adx14: number | null;
  rsi14: number | null;
}

export interface SymbolAnalysis {
  symbol: string;
  style: Style;
  data_source: string;
  /** Provider as_of of the base bars, ISO UTC. */
  as_of: string;
  stale: boolean;
  market_status: 'pre' | 'open' | 'post' | 'closed';
  simulated_open: boolean;
  /** Clock time of the analysis, UTC ms. */
  now_ms: number;
  best: { plan: PlanGeometry; ctx: AsOfContext } | null;
  alternatives: PlanGeometry[];
  rejected: Array<{ strategy_id: string; violations: GuardrailViolation[] }>;
  not_fired: Array<{ strategy_id: string; reason: string }>;
  indicators: IndicatorSnapshot | null;
  /** Base-interval bars (for include_series); the caller decides whether to ship them. */
  base_bars: Bar[];
  warnings: string[];
}

const num = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);

/**
 * Fetches the bars a style needs (≤ 2 provider calls: the playbooks' interval and daily), runs every
 * playbook of the style as of the latest usable bar, and builds a plan for each signal. Pure logic
 * lives in src/core; this class only does I/O and picks the as-of bar.
 */
@Injectable()
export class SymbolAnalyzer {
  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async analyze(symbol: string, style: Style, opts: { simulateOpen?: boolean } = {}): Promise<SymbolAnalysis> {
    const nowMs = this.clock.now();
    const status = marketStatus(nowMs).status;
    const simulate = opts.simulateOpen === true;
    const specs = playbooksForStyle(style).flatMap((p) => p.styles.filter((s) => s.style === style));
    const lookback = new Map<Interval, number>();
    for (const s of specs) lookback.set(s.interval, Math.max(lookback.get(s.interval) ?? 0, s.lookback_bars));
    const baseIntervals = [...lookback.keys()].filter((iv) => iv !== '1D');
    const warnings: string[] = [];

    // daily bars only when a playbook or an HTF needs them: intraday frames already hold the prior session
    const needDaily = lookback.has('1D') || baseIntervals.some((iv) => HTF_OF[iv]?.includes('daily'));
    const dailyP = needDaily ? this.market.getBars({ symbol, interval: '1D', limit: Math.max(DAILY_LOOKBACK, lookback.get('1D') ?? 0) }) : Promise.resolve(null);
    const intradayP = baseIntervals.map((iv) => this.market.getBars({ symbol, interval: iv, limit: lookback.get(iv)!, extendedHours: false }));
    const [dailyR, ...intradayR] = await Promise.allSettled([dailyP, ...intradayP]);
    // the style's primary interval must load; daily may fail for intraday styles (levels then come from intraday bars)
    for (const r of intradayR) if (r.status === 'rejected') throw r.reason;
    if (dailyR.status === 'rejected') {
      if (lookback.has('1D')) throw dailyR.reason;
      warnings.push('Daily bars unavailable: the daily trend is left out of the multi-timeframe confluence');
    }
    const daily = dailyR.status === 'fulfilled' ? dailyR.value : null;
    const dailyFrame = daily && daily.bars.length ? buildFrame(daily.bars, '1D') : undefined;

    const frames: Partial<Record<Interval, Frame>> = {};
    const context: Partial<Record<Interval, ContextOptions>> = {};
    const asOf: Partial<Record<Interval, number>> = {};
    const results = baseIntervals.map((iv, k) => ({ iv, r: (intradayR[k] as PromiseFulfilledResult<Awaited<(typeof intradayP)[number]>>).value }));
    for (const { iv, r } of results) {
      const frame = buildFrame(r.bars, iv);
      frames[iv] = frame;
      const htf = (HTF_OF[iv] ?? []).flatMap((h) => (h === 'daily' ? (dailyFrame ? [dailyFrame] : []) : [buildFrame(resampleBars(r.bars, h), h)]));
      context[iv] = { htf, daily: dailyFrame, ignore_windows: simulate };
      // outside the regular session (or when simulating the open) evaluate as of the last regular bar
      asOf[iv] = status === 'open' && !simulate ? frame.bars.length - 1 : lastRegularIndex(frame);
    }
    if (lookback.has('1D') && dailyFrame) {
      frames['1D'] = dailyFrame;
      context['1D'] = { htf: [buildFrame(resampleBars(dailyFrame.bars, '1W'), '1W')], ignore_windows: simulate };
    }
    const evaluations = evaluateStyle(style, { frames, as_of_index: asOf, context });
    const ok: Array<{ plan: PlanGeometry; ctx: AsOfContext }> = [];
    const rejected: SymbolAnalysis['rejected'] = [];
    const notFired: SymbolAnalysis['not_fired'] = [];
    for (const e of evaluations) {
      if (!e.signal || !e.ctx) {
        notFired.push({ strategy_id: e.strategy_id, reason: e.reason ?? 'did not fire' });
        continue;
      }
      const res = buildPlan(e.signal, e.ctx);
      if (res.ok) ok.push({ plan: res.plan, ctx: e.ctx });
      else rejected.push({ strategy_id: res.strategy_id, violations: res.violations });
    }
    ok.sort((a, b) => b.plan.composite_score - a.plan.composite_score || a.plan.strategy_id.localeCompare(b.plan.strategy_id));

    const primary = results[0] ?? (daily ? { iv: '1D' as Interval, r: daily } : null);
    const pf = primary ? frames[primary.iv] : undefined;
    const pi = pf ? (asOf[primary!.iv] ?? pf.bars.length - 1) : -1;
    const indicators: IndicatorSnapshot | null =
      pf && pi >= 0
        ? {
            interval: pf.interval,
            close: pf.close[pi],
            atr14: num(pf.atr14[pi]),
            ema9: num(pf.ema9[pi]),
            ema20: num(pf.ema20[pi]),
            ema50: num(pf.ema50[pi]),
            vwap: isIntraday(pf.interval) ? num(pf.vwap[pi]) : null,
            adx14: num(pf.adx14[pi]),
            rsi14: num(pf.rsi14[pi]),
          }
        : null;
    const src = primary?.r ?? { data_source: 'unknown', as_of: new Date(nowMs).toISOString(), stale: false, bars: [] as Bar[] };
    return {
      symbol,
      style,
      data_source: src.data_source,
      as_of: src.as_of,
      stale: src.stale || (daily?.stale ?? false),
      market_status: status,
      simulated_open: simulate,
      now_ms: nowMs,
      best: ok[0] ?? null,
      alternatives: ok.slice(1).map((o) => o.plan),
      rejected,
      not_fired: notFired,
      indicators,
      base_bars: pf && pi >= 0 ? (pf.bars.slice(0, pi + 1) as Bar[]) : [],
      warnings,
    };
  }
}
