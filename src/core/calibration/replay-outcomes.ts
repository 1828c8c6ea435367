/**
 * Calibration replay: step every playbook of a style bar by bar over history exactly as live requests
 * see the bars (closed bars only, as of each bar), build each plan with the live code (buildPlan), follow
 * it with the live follower (fills on later bars, stop first when one bar touches both, the style's time
 * stop) and record one outcome row per plan. Pure: no I/O, no Nest.
 *
 * One plan per playbook at a time: while a playbook's plan is pending or open, the playbook is not
 * re-armed (a live coach would not restate the same setup every bar).
 */
import type { Bar } from '../bars/bar';
import type { Interval } from '../bars/interval';
import { INTERVAL_MS, isIntraday } from '../bars/interval';
import { buildStyleFrames, barRequirements } from '../analysis/analyze-symbol';
import { entryType, initialState, step } from '../follower/plan-follower';
import type { FollowedPlan, FollowerState } from '../follower/follower.types';
import { buildPlan } from '../plan/build-plan';
import type { PlanGeometry } from '../plan/plan.types';
import { etDate } from '../session/et-time';
import { regularSession } from '../session/session';
import { evaluateAllAt } from '../strategies/engine';
import { playbooksForStyle } from '../strategies/playbooks';
import type { Style } from '../strategies/strategy.types';
import { DEFAULT_COST_MODEL, rAfterCosts, type CostModel } from '../stats/costs';
import type { OutcomeExitReason, OutcomeRow, RegimeTags } from '../stats/outcome.types';
import { timeOfDayBucket } from '../stats/segments';

/** Bars the time stop allows after the plan for the multi-day styles (in bars of the plan interval). */
const TIME_STOP_BARS: Record<Style, number> = { scalp: 0, intraday: 0, swing: 35, leaps: 60 };

export interface ReplayInput {
  symbol: string;
  style: Style;
  data_source: string;
  /** Regular-session bars per intraday interval the style needs (`barRequirements(style).intraday`). */
  intraday: Partial<Record<Interval, readonly Bar[]>>;
  daily?: readonly Bar[];
  costs?: CostModel;
  /** First as-of index evaluated (indicator warm-up); default 50. */
  warmup?: number;
  /** UTC ms: bars before this only warm indicators up (no plans are made on them). */
  from?: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The style's time stop for a plan made on bar i of `bars`: session close (scalp/intraday) or N bars. */
export function timeStopOf(style: Style, bars: readonly Bar[], i: number, iv: Interval): number {
  const span = INTERVAL_MS[iv];
  if (style === 'scalp' || style === 'intraday') {
    const s = regularSession(etDate(bars[i].time));
    // the last regular bar of the day: the follower closes a filled plan at its close, an unfilled one expires
    return s ? s.close - span : bars[i].time + span;
  }
  const j = Math.min(bars.length - 1, i + TIME_STOP_BARS[style]);
  return j > i ? bars[j].time : bars[i].time + TIME_STOP_BARS[style] * span;
}

function regimeOf(trendEma20: number, trendEma50: number, atrPct: number): RegimeTags {
  const trend = Number.isFinite(trendEma50) ? (trendEma20 > trendEma50 * 1.0005 ? 'up' : trendEma20 < trendEma50 * 0.9995 ? 'down' : 'flat') : 'flat';
  const volatility = !Number.isFinite(atrPct) ? 'normal' : atrPct < 0.5 ? 'low' : atrPct > 1.5 ? 'high' : 'normal';
  return { trend, volatility };
}

interface Open {
  geometry: PlanGeometry;
  plan: FollowedPlan;
  state: FollowerState;
  i: number;
  regime: RegimeTags;
  mae: number;
  mfe: number;
}

function settle(o: Open, inp: ReplayInput, bars: readonly Bar[], j: number, iv: Interval): OutcomeRow {
  const g = o.geometry;
  const s = o.state;
  const filled = s.fill_price !== null;
  const hits = s.targets_hit;
  const reason: OutcomeExitReason = !filled
    ? s.exit_reason === 'invalidated'
      ? 'invalidated'
      : 'unfilled'
    : s.exit_reason === 'final_target'
      ? 'tp_final'
      : s.exit_reason === 'time_stop' || s.status !== 'closed'
        ? 'time_stop'
        : 'stop';
  const risk = Math.abs(g.entry - g.stop);
  const rGross = filled ? (s.r_multiple ?? ((bars[j].close - g.entry) * (g.direction === 'long' ? 1 : -1)) / risk) : 0;
  return {
    playbook: g.strategy_id,
    style: inp.style,
    symbol: inp.symbol,
    direction: g.direction,
    plan_time: bars[o.i].time,
    time_of_day: timeOfDayBucket(bars[o.i].time, !isIntraday(iv)),
    rr: g.target_meta.map((t) => t.rr_multiple),
    stop_atr: g.atr > 0 ? r2(risk / g.atr) : 0,
    stop_bp: r2((risk / g.entry) * 10_000),
    tp1_atr: g.atr > 0 ? r2(Math.abs(g.targets[0] - g.entry) / g.atr) : 0,
    regime: o.regime,
    filled,
    fill_time: s.fill_time,
    tp_hit: [hits >= 1, hits >= 2 && g.targets.length >= 2, hits >= 3 && g.targets.length >= 3],
    exit_reason: reason,
    r_realised: r2(rGross),
    r_after_costs: r2(rAfterCosts({ r_gross: rGross, entry: g.entry, stop: g.stop, filled }, inp.costs ?? DEFAULT_COST_MODEL)),
    mae_r: filled ? r2(o.mae) : 0,
    mfe_r: filled ? r2(o.mfe) : 0,
    bars_to_outcome: j - o.i,
    resolved_at: bars[j].time + INTERVAL_MS[iv],
    data_source: inp.data_source,
    levels: { entry: g.entry, stop: g.stop, targets: [...g.targets], entry_type: entryType(o.plan) },
  };
}

/** One outcome row per plan the style's playbooks would have stated over the bars. */
export function replayOutcomes(inp: ReplayInput): OutcomeRow[] {
  const req = barRequirements(inp.style);
  const { frames, context } = buildStyleFrames(inp.style, inp.intraday, inp.daily ?? []);
  const rows: OutcomeRow[] = [];
  const warmup = inp.warmup ?? 50;
  const intervals: Interval[] = [...req.intraday.map((r) => r.interval), ...(req.daily?.required ? (['1D'] as Interval[]) : [])];
  for (const iv of intervals) {
    const frame = frames[iv];
    if (!frame) continue;
    const bars = frame.bars;
    const playbooks = playbooksForStyle(inp.style).filter((p) => p.styles.some((s) => s.style === inp.style && s.interval === iv));
    const open = new Map<string, Open>();
    let first = warmup;
    if (inp.from !== undefined) while (first < bars.length && bars[first].time < inp.from) first++;
    for (let i = first; i < bars.length; i++) {
      // 1) advance open plans with this bar (a plan made on bar k sees bars k+1 … only)
      for (const [id, o] of open) {
        if (o.i >= i) continue;
        const b = bars[i];
        o.state = step(o.plan, o.state, b).state;
        if (o.state.fill_price !== null) {
          const long = o.plan.direction === 'long';
          const risk = Math.abs(o.plan.entry - o.plan.stop);
          const ref = o.state.fill_price;
          const adverse = ((long ? b.low : b.high) - ref) * (long ? 1 : -1);
          const fav = ((long ? b.high : b.low) - ref) * (long ? 1 : -1);
          o.mfe = Math.max(o.mfe, fav / risk);
          o.mae = Math.min(o.mae, adverse / risk);
        }
        if (o.state.status === 'closed') {
          rows.push(settle(o, inp, bars, i, iv));
          open.delete(id);
        }
      }
      // 2) evaluate every idle playbook as of bar i with one shared context (it holds bars ≤ i only)
      const idle = open.size ? playbooks.filter((pb) => !open.has(pb.id)) : playbooks;
      if (!idle.length) continue;
      for (const e of evaluateAllAt(idle, inp.style, frame, i, context[iv])) {
        if (!e.signal || !e.ctx) continue;
        const id = e.strategy_id;
        const built = buildPlan(e.signal, e.ctx);
        if (!built.ok) continue;
        const g = built.plan;
        const plan: FollowedPlan = {
          plan_id: `${id}@${bars[i].time}`,
          direction: g.direction,
          entry: g.entry,
          stop: g.stop,
          targets: g.targets,
          atr: g.atr,
          reference_price: g.last_price,
          start_time: bars[i].time + INTERVAL_MS[iv],
          time_stop: timeStopOf(inp.style, bars, i, iv),
        };
        const atrPct = (frame.atr14[i] / frame.close[i]) * 100;
        const htf = e.ctx.htf[0];
        open.set(id, { geometry: g, plan, state: initialState(plan), i, regime: regimeOf(htf?.ema20 ?? frame.ema20[i], htf?.ema50 ?? frame.ema50[i], atrPct), mae: 0, mfe: 0 });
      }
    }
    // plans still open at the end of the data are left out: their outcome is not known yet
  }
  return rows.sort((a, b) => a.plan_time - b.plan_time || a.playbook.localeCompare(b.playbook));
}
