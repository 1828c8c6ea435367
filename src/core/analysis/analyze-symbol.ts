/**
 * "Analyse a symbol" as a pure use case: bars in; every playbook of a style evaluated as of the latest
 * closed bar, a plan built for each signal, the best ranked first, rejections and non-firing reasons out.
 * No I/O and no Nest: the HTTP service (src/modules/plan/symbol-analyzer.service.ts), the calibration
 * replay and any non-HTTP caller (MCP, CLI) run exactly this function on the bars they have.
 */
import type { Bar } from '../bars/bar';
import type { Interval } from '../bars/interval';
import { INTERVAL_MS, isIntraday } from '../bars/interval';
import { resampleBars } from '../bars/resample';
import { bookLookup, type OddsLookup, type PlanOdds } from '../calibration/calibration-book';
import { compositeScore } from '../plan/scoring';
import { costInR, DEFAULT_COST_MODEL, type CostModel } from '../stats/costs';
import type { IndexMode, IndicatorSnapshot, ProxyRatioWire } from '../plan/plan.schema';
import type { GuardrailViolation, PlanGeometry } from '../plan/plan.types';
import { marketStatus } from '../session/session';
import type { AsOfContext, ContextOptions } from '../strategies/as-of-context';
import { buildFrame, Frame } from '../strategies/frame';
import { playbooksForStyle } from '../strategies/playbooks';
import type { Style } from '../strategies/strategy.types';
import { BarsEvaluationMemo, evaluateBars, type EvaluateBarsInputs } from './bars-evaluation';

/** Daily bars for the daily HTF trend (EMA50 warm-up); daily playbooks ask for more. */
const DAILY_LOOKBACK = 80;

/** Higher timeframes per base interval ('daily' = the vendor daily frame, complete days only). */
const HTF_OF: Partial<Record<Interval, Array<Interval | 'daily'>>> = {
  '1m': ['5m', '15m'],
  '5m': ['15m', '1h'],
  '1h': ['4h', 'daily'],
  '1D': ['1W'],
};

/** Bars of one interval as a provider returned them, with where they came from. */
export interface BarsInput {
  bars: readonly Bar[];
  data_source: string;
  /** ISO UTC. */
  as_of: string;
  stale: boolean;
  /** Set when a live vendor failed and this source answered instead. */
  fallback_from?: string;
}

/** What a style needs fetched: intraday intervals (regular session only) and daily bars. */
export interface BarRequirements {
  intraday: Array<{ interval: Interval; limit: number }>;
  /** null when no playbook or HTF of the style uses daily bars; `required` when a playbook runs on them. */
  daily: { limit: number; required: boolean } | null;
}

/** Per style: the playbook registry is static, so each style's requirements are computed once (frozen: shared by every caller). */
const requirements = new Map<Style, BarRequirements>();

export function barRequirements(style: Style): BarRequirements {
  let req = requirements.get(style);
  if (!req) {
    const r = computeBarRequirements(style);
    req = Object.freeze({ intraday: Object.freeze(r.intraday.map((x) => Object.freeze(x))) as BarRequirements['intraday'], daily: r.daily ? Object.freeze(r.daily) : null });
    if (requirements.size < 16) requirements.set(style, req); // a handful of styles; never grows on odd input
  }
  return req;
}

function computeBarRequirements(style: Style): BarRequirements {
  const specs = playbooksForStyle(style).flatMap((p) => p.styles.filter((s) => s.style === style));
  const lookback = new Map<Interval, number>();
  for (const s of specs) lookback.set(s.interval, Math.max(lookback.get(s.interval) ?? 0, s.lookback_bars));
  const intraday = [...lookback.entries()].filter(([iv]) => iv !== '1D').map(([interval, limit]) => ({ interval, limit }));
  const dailyRequired = lookback.has('1D');
  const needDaily = dailyRequired || intraday.some((r) => HTF_OF[r.interval]?.includes('daily'));
  return { intraday, daily: needDaily ? { limit: Math.max(DAILY_LOOKBACK, lookback.get('1D') ?? 0), required: dailyRequired } : null };
}

export interface AnalyzeInputs {
  symbol: string;
  style: Style;
  /** "Now" of the analysis, UTC ms: the service clock live, the replayed moment in a replay. */
  now_ms: number;
  simulate_open?: boolean;
  /** Planning as of a past moment (now_ms is that moment): the plan says planning_context historical. */
  historical?: boolean;
  /** Bars per intraday interval named by `barRequirements(style).intraday`. */
  frames: Partial<Record<Interval, BarsInput>>;
  daily?: BarsInput | null;
  /** Warnings of the caller's I/O (e.g. daily bars unavailable), carried into the analysis. */
  warnings?: string[];
  /** Measured odds per plan (a calibration book of the bars' data source); none → null rates with a reason. */
  odds?: OddsLookup;
  /** Commission and slippage per share per side for the ranking's expectancy after costs (default 1¢ + 1¢). */
  costs?: CostModel;
  /** Quoted spread (ask − bid, price units) when a fresh two-sided quote exists: half of it is paid on entry and half on exit. */
  spread?: number;
  /** Reuse the bar evaluation of an earlier analysis of the same symbol/style when its closed bars are identical. */
  memo?: BarsEvaluationMemo;
}

export interface AnalyzedPlan {
  /** Geometry; composite_score re-ranked with the measured (or baseline) TP1 probability. */
  plan: PlanGeometry;
  ctx: AsOfContext;
  /** Measured odds of this plan (or nulls with the reason). */
  odds: PlanOdds;
}

export interface Analysis {
  symbol: string;
  style: Style;
  data_source: string;
  fallback_from?: string;
  /** Provider as_of of the base bars, ISO UTC. */
  as_of: string;
  stale: boolean;
  market_status: 'pre' | 'open' | 'post' | 'closed';
  simulated_open: boolean;
  /**
   * live (market open), next_session (market closed: the setups of the last session evaluated without time
   * windows, as conditional plans for the next session), historical (as of a past moment).
   */
  planning_context: 'live' | 'next_session' | 'historical';
  /** Clock time of the analysis, UTC ms. */
  now_ms: number;
  best: AnalyzedPlan | null;
  /** Every plan that was built, best first (best = plans[0]). */
  plans: AnalyzedPlan[];
  alternatives: PlanGeometry[];
  rejected: Array<{ strategy_id: string; violations: GuardrailViolation[] }>;
  not_fired: Array<{ strategy_id: string; reason: string }>;
  indicators: IndicatorSnapshot | null;
  /** Closed base-interval bars up to the as-of bar (for include_series). */
  base_bars: readonly Bar[];
  warnings: string[];
  /** Index symbols: which bars the analysis ran on (index or translated proxy) and the ratio. */
  index_mode?: IndexMode;
  /** INDEX_SNIPER_MODE=1 on an ETF proxy: the index it tracks and the measured ratio (or why there is none). */
  index_equivalent?: { index: string; ratio: ProxyRatioWire | null; reason: string | null };
}

const num = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);

/** Bars that have closed by `nowMs` (a forming bar never changes a plan). Daily bars close at their day's end. */
export function closedBars(bars: readonly Bar[], interval: Interval, nowMs: number): readonly Bar[] {
  const span = INTERVAL_MS[interval];
  let n = bars.length;
  while (n > 0 && bars[n - 1].time + span > nowMs) n--;
  return n === bars.length ? bars : bars.slice(0, n);
}

export interface StyleFrames {
  frames: Partial<Record<Interval, Frame>>;
  context: Partial<Record<Interval, ContextOptions>>;
  dailyFrame: Frame | undefined;
}

/**
 * Frames and context options the playbooks of a style run on (base intervals with their higher
 * timeframes, the daily frame). Shared by live analysis and the calibration replay, so both see the
 * bars the same way.
 */
export function buildStyleFrames(style: Style, intraday: Partial<Record<Interval, readonly Bar[]>>, dailyBars: readonly Bar[], simulate = false): StyleFrames {
  const req = barRequirements(style);
  const dailyFrame = dailyBars.length ? buildFrame(dailyBars, '1D') : undefined;
  const frames: Partial<Record<Interval, Frame>> = {};
  const context: Partial<Record<Interval, ContextOptions>> = {};
  for (const { interval: iv } of req.intraday) {
    const bars = intraday[iv];
    if (!bars) continue;
    frames[iv] = buildFrame(bars, iv);
    const htf = (HTF_OF[iv] ?? []).flatMap((h) => (h === 'daily' ? (dailyFrame ? [dailyFrame] : []) : [buildFrame(resampleBars(bars, h), h)]));
    context[iv] = { htf, daily: dailyFrame, ignore_windows: simulate };
  }
  if (req.daily?.required && dailyFrame) {
    frames['1D'] = dailyFrame;
    context['1D'] = { htf: [buildFrame(resampleBars(dailyFrame.bars, '1W'), '1W')], ignore_windows: simulate };
  }
  return { frames, context, dailyFrame };
}

export function analyzeSymbol(inp: AnalyzeInputs): Analysis {
  const { symbol, style, now_ms: nowMs } = inp;
  const status = marketStatus(nowMs).status;
  const simulate = inp.simulate_open === true;
  const planningContext: Analysis['planning_context'] = inp.historical ? 'historical' : status === 'open' || simulate ? 'live' : 'next_session';
  // closed market: evaluate the last session without its time-of-day windows (conditional plans for the next open)
  const ignoreWindows = simulate || planningContext === 'next_session' || (inp.historical === true && status !== 'open');
  const req = barRequirements(style);
  const warnings = [...(inp.warnings ?? [])];

  const daily = inp.daily ?? null;
  const dailyBars = daily ? closedBars(daily.bars, '1D', nowMs) : [];
  const intradayBars: Partial<Record<Interval, readonly Bar[]>> = {};
  for (const r of req.intraday) if (inp.frames[r.interval]) intradayBars[r.interval] = closedBars(inp.frames[r.interval]!.bars, r.interval, nowMs);
  // frames, playbook evaluations and plan geometry depend only on the closed bars and these flags (memoised per symbol)
  const evalInputs: EvaluateBarsInputs = { style, intraday: intradayBars, daily: dailyBars, ignore_windows: ignoreWindows, live_open: status === 'open' && !simulate };
  const intervals = req.intraday.map((r) => r.interval);
  const compute = () => evaluateBars(evalInputs, intervals, buildStyleFrames);
  const { frames, dailyFrame, as_of: asOf, outcomes } = inp.memo ? inp.memo.evaluate(symbol, evalInputs, compute) : compute();
  const present = req.intraday.filter((r) => frames[r.interval]);

  const lookup = inp.odds ?? bookLookup(null);
  const plans: AnalyzedPlan[] = [];
  const rejected: Analysis['rejected'] = [];
  const notFired: Analysis['not_fired'] = [];
  for (const e of outcomes) {
    if (!e.fired) {
      notFired.push({ strategy_id: e.strategy_id, reason: e.reason });
      continue;
    }
    const res = e.built;
    if (!res.ok) {
      rejected.push({ strategy_id: res.strategy_id, violations: res.violations });
      continue;
    }
    const g = res.plan;
    const rr = g.targets.map((t) => (Math.abs(g.entry - g.stop) > 0 ? Math.abs(t - g.entry) / Math.abs(g.entry - g.stop) : 0));
    const odds = lookup({ strategy_id: g.strategy_id, style, tp1_atr: g.target_meta[0]?.distance_atr ?? NaN, rr_to_t1: g.rr_to_t1, rr }, nowMs);
    const c = g.composite_components;
    const ranked = compositeScore({
      probability: odds.rank_probability,
      risk_reward: c.risk_reward,
      actionability: c.actionability,
      mtf_score: c.mtf_score,
      confidence: c.confidence,
      cost_r: costInR(g.entry, g.stop, inp.costs ?? DEFAULT_COST_MODEL, inp.spread !== undefined ? { entry: inp.spread, exit: inp.spread } : {}),
    });
    plans.push({ plan: { ...g, composite_score: ranked.composite, composite_components: ranked.components }, ctx: e.ctx, odds });
  }
  // a playbook whose measured after-cost expectancy is negative (interval below zero) never outranks one that is not
  const negative = (p: AnalyzedPlan) => (p.odds.meta.edge === 'negative' ? 1 : 0);
  plans.sort((a, b) => negative(a) - negative(b) || b.plan.composite_score - a.plan.composite_score || a.plan.strategy_id.localeCompare(b.plan.strategy_id));

  const primaryIv: Interval | null = present[0]?.interval ?? (daily ? '1D' : null);
  const primary = primaryIv === '1D' ? daily : primaryIv ? inp.frames[primaryIv]! : null;
  const pf = primaryIv ? (primaryIv === '1D' ? dailyFrame : frames[primaryIv]) : undefined;
  const pi = pf && primaryIv ? (asOf[primaryIv] ?? pf.bars.length - 1) : -1;
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
  const src = primary ?? { data_source: 'unknown', as_of: new Date(nowMs).toISOString(), stale: false };
  const fallbackFrom = primary?.fallback_from ?? daily?.fallback_from;
  return {
    symbol,
    style,
    data_source: src.data_source,
    ...(fallbackFrom ? { fallback_from: fallbackFrom } : {}),
    as_of: src.as_of,
    stale: src.stale || (daily?.stale ?? false),
    market_status: status,
    simulated_open: simulate,
    planning_context: planningContext,
    now_ms: nowMs,
    best: plans[0] ?? null,
    plans,
    alternatives: plans.slice(1).map((o) => o.plan),
    rejected,
    not_fired: notFired,
    indicators,
    base_bars: pf && pi >= 0 ? pf.bars.slice(0, pi + 1) : [],
    warnings,
  };
}
