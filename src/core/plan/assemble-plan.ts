/**
 * From an analysis to the plan it states: the one place that decides every field a plan carries
 * (PlanSchema). Options contracts are attached by the caller (they need I/O); identity by the store.
 */
import type { Bar } from '../bars/bar';
import type { Analysis } from '../analysis/analyze-symbol';
import { etDate, etMinuteOfDay } from '../session/et-time';
import { buildPlanLayers } from './plan-layers';
import { toIndexLevel, toProxyLevel } from '../instruments/proxy-ratio';
import type { IndexEquivalent, IndexMode, NoSetup, Plan, PlanLayers, SeriesBar } from './plan.schema';

/** The provider behind a data_source label (`proxy:SPY:synthetic` → synthetic). */
export function baseSource(dataSource: string): string {
  return dataSource.replace(/^proxy:[A-Z]+:/, '');
}

/** Banners that must travel with any plan built on non-live data or a simulated open. */
export function dataBanners(
  a: Pick<Analysis, 'data_source' | 'fallback_from' | 'stale' | 'simulated_open' | 'market_status' | 'now_ms'> & { planning_context?: Analysis['planning_context']; index_mode?: IndexMode },
): string[] {
  const out: string[] = [];
  if (a.index_mode?.banner)
    out.push(
      a.index_mode.ratio ? `${a.index_mode.banner} (${a.index_mode.proxy} × ${a.index_mode.ratio.ratio}, ${a.index_mode.ratio.method} as of ${a.index_mode.ratio.as_of}).` : `${a.index_mode.banner}.`,
    );
  const source = baseSource(a.data_source);
  if (a.fallback_from) out.push(`FALLBACK — ${a.fallback_from} did not answer; these numbers come from ${a.data_source}.`);
  if (source === 'synthetic') out.push('SYNTHETIC DATA — generated prices for testing, not market data.');
  if (source === 'replay') out.push('REPLAY DATA — recorded bars replayed on a simulated clock, not live.');
  if (a.stale) out.push('STALE DATA — the latest bars are older than the session clock allows (or served from cache after every provider failed); check before acting.');
  const hhmm = (ms: number) => {
    const m = etMinuteOfDay(ms);
    return `${etDate(ms)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} ET`;
  };
  if (a.planning_context === 'historical') {
    out.push(`HISTORICAL — planned as of ${hhmm(a.now_ms)} with only the bars closed by then; not a live plan.`);
    return out;
  }
  if (a.simulated_open) {
    const m = etMinuteOfDay(a.now_ms);
    out.push(`Simulated live — analysis as of ${etDate(a.now_ms)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} ET`);
  } else if (a.market_status !== 'open') {
    out.push('Market closed — conditional plan for the next session from the last regular-session bar: confirm the trigger live before acting.');
  }
  return out;
}

/** Bars on the wire: epoch seconds, last `n`. */
export function seriesOf(bars: readonly Bar[], n: number): SeriesBar[] {
  return bars.slice(-n).map((b) => ({ time: Math.floor(b.time / 1000), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }));
}

export interface AssembledPlan {
  plan: Plan;
  layers: PlanLayers;
}

/** The plan's levels in index terms (× ratio), or null levels with the reason. */
export function indexEquivalentOf(e: NonNullable<Analysis['index_equivalent']>, plan: { entry: number; stop: number; targets: readonly number[] }): IndexEquivalent {
  const r = e.ratio;
  if (!r) return { index: e.index, ratio: null, levels: null, reason: e.reason ?? 'ratio unavailable' };
  return {
    index: e.index,
    ratio: r,
    levels: { entry: toIndexLevel(plan.entry, r.ratio), stop: toIndexLevel(plan.stop, r.ratio), targets: plan.targets.map((t) => toIndexLevel(t, r.ratio)) },
    reason: null,
  };
}

/** The plan of an analysis' best setup; null when nothing fired. */
export function assemblePlan(a: Analysis, opts: { kind: Plan['kind'] }): AssembledPlan | null {
  if (!a.best) return null;
  const { plan, ctx, odds } = a.best;
  const tp = [odds.probabilities.tp1, odds.probabilities.tp2, odds.probabilities.tp3];
  const targetMeta = plan.target_meta.map((t, k) => ({ ...t, prob_touch: tp[k] ?? null }));
  const banners = dataBanners(a);
  const layers = buildPlanLayers(a.symbol, plan, ctx);
  const im = a.index_mode;
  const indexMode: IndexMode | undefined = im
    ? {
        ...im,
        translated_levels: im.ratio
          ? { entry: toProxyLevel(plan.entry, im.ratio.ratio), stop: toProxyLevel(plan.stop, im.ratio.ratio), targets: plan.targets.map((t) => toProxyLevel(t, im.ratio!.ratio)) }
          : null,
      }
    : undefined;
  const out: Plan = {
    symbol: a.symbol,
    style: a.style,
    kind: opts.kind,
    frozen: opts.kind !== 'live',
    status: 'ok',
    bias: plan.bias,
    direction: plan.direction,
    setup: plan.setup,
    strategy_id: plan.strategy_id,
    strategy_name: plan.strategy_name,
    interval: plan.interval,
    entry: plan.entry,
    entry_label: plan.entry_label,
    stop: plan.stop,
    stop_label: plan.stop_label,
    targets: plan.targets,
    target_meta: targetMeta,
    targets_meta: targetMeta,
    tp_reasons: plan.tp_reasons,
    rr_to_t1: plan.rr_to_t1,
    rr_formula: plan.rr_formula,
    confidence: plan.confidence,
    confidence_factors: plan.confidence_factors,
    confidence_components: plan.confidence_components,
    score: plan.composite_score,
    composite_score: plan.composite_score,
    probabilities: odds.probabilities,
    calibration_meta: odds.meta,
    confluence_tags: plan.confluence_tags,
    confluence: plan.confluence,
    mtf_bias: plan.mtf_bias,
    key_levels_used: plan.key_levels_used,
    risk_block: plan.risk_block,
    execution_rules: plan.execution_rules,
    entry_distance_pct: plan.entry_distance_pct,
    entry_distance_atr: plan.entry_distance_atr,
    bars_to_trigger: plan.bars_to_trigger,
    actionable_soon: plan.actionable_soon,
    actionable_now: plan.actionable_now,
    actionability: plan.actionability,
    entry_status: { state: plan.entry_status, dist_pct: plan.entry_distance_pct, dist_atr: plan.entry_distance_atr },
    waiting_for: plan.waiting_for,
    notes: plan.notes,
    warnings: [...a.warnings, ...plan.warnings],
    atr: plan.atr,
    last_price: plan.last_price,
    indicators: a.indicators,
    alternatives: a.alternatives.map((p) => ({
      strategy_id: p.strategy_id,
      direction: p.direction,
      entry: p.entry,
      stop: p.stop,
      targets: p.targets,
      rr_to_t1: p.rr_to_t1,
      composite_score: p.composite_score,
    })),
    rejected_setups: a.rejected.map((r) => ({ strategy_id: r.strategy_id, reasons: r.violations.map((v) => v.message) })),
    options_contracts: [],
    options_note: null,
    plan_layers: layers,
    event_risk: [],
    blocked_by_event: false,
    ...(indexMode ? { index_mode: indexMode } : {}),
    ...(a.index_equivalent ? { index_equivalent: indexEquivalentOf(a.index_equivalent, plan) } : {}),
    data_source: a.data_source,
    ...(a.fallback_from ? { fallback_from: a.fallback_from } : {}),
    as_of: a.planning_context === 'historical' ? new Date(a.now_ms).toISOString() : a.as_of,
    stale: a.stale,
    planning_context: a.planning_context,
    requires_live_confirmation: a.planning_context === 'next_session' || a.simulated_open,
    banner: banners[0] ?? null,
    banners,
    meta: {
      simulated_open: a.simulated_open,
      banner: banners[0] ?? null,
      market_status: a.market_status,
      as_of_bar_time: plan.bar_time,
      composite_components: plan.composite_components,
      conditions: plan.conditions,
      generated_at: new Date(a.now_ms).toISOString(),
    },
  };
  return { plan: out, layers };
}

/** Why an analysis has no plan (nothing is persisted then). */
export function noSetupOf(a: Analysis): NoSetup {
  const banners = dataBanners(a);
  return {
    status: 'no_setup',
    plan_id: null,
    version: null,
    symbol: a.symbol,
    style: a.style,
    message: `No ${a.style} playbook fired for ${a.symbol} as of the latest bar; nothing was persisted.`,
    not_fired: a.not_fired,
    rejected_setups: a.rejected.map((r) => ({ strategy_id: r.strategy_id, reasons: r.violations.map((v) => v.message) })),
    indicators: a.indicators,
    data_source: a.data_source,
    ...(a.fallback_from ? { fallback_from: a.fallback_from } : {}),
    as_of: a.as_of,
    stale: a.stale,
    banner: banners[0] ?? null,
    banners,
    warnings: a.warnings,
    meta: { simulated_open: a.simulated_open, banner: banners[0] ?? null, market_status: a.market_status, generated_at: new Date(a.now_ms).toISOString() },
  };
}
