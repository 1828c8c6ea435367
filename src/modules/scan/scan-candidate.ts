import type { PlanPayloadResult } from '../plan/plan-payload';
import type { SymbolAnalysis } from '../plan/symbol-analyzer.service';

/** The compact scan view of a prepared plan; bulky layers/series only when includeSeries. */
export function toCandidate(a: SymbolAnalysis, prepared: PlanPayloadResult, rank: number, includeSeries: boolean): Record<string, unknown> {
  const p = a.best!.plan;
  const pay = prepared.payload;
  const planLevels = prepared.layers.levels.filter((l) => l.kind === 'plan');
  const ctxLevels = prepared.layers.levels.filter((l) => l.kind !== 'plan').slice(0, 16 - planLevels.length);
  const out: Record<string, unknown> = {
    symbol: a.symbol,
    rank,
    score: p.composite_score,
    reasons: [`${p.strategy_name} (${p.direction})`, `R:R ${p.rr_to_t1}`, `ATR ${p.atr}`, ...p.confidence_factors.slice(0, 3)],
    plan_id: '',
    version: 0,
    strategy_id: p.strategy_id,
    strategy_name: p.strategy_name,
    style: a.style,
    direction: p.direction,
    entry: p.entry,
    stop: p.stop,
    tps: p.targets,
    target_meta: p.target_meta,
    tp_reasons: p.tp_reasons,
    rr_t1: p.rr_to_t1,
    confidence: p.confidence,
    confidence_factors: p.confidence_factors,
    key_levels_used: p.key_levels_used,
    risk_block: p.risk_block,
    execution_rules: p.execution_rules,
    confluence: p.confluence,
    entry_distance_pct: p.entry_distance_pct,
    entry_distance_atr: p.entry_distance_atr,
    bars_to_trigger: p.bars_to_trigger,
    actionable_soon: p.actionable_soon,
    waiting_for: p.waiting_for,
    probabilities: p.probabilities,
    options_contracts: pay.options_contracts ?? [],
    options_note: pay.options_note ?? null,
    indicators: a.indicators,
    overlays: { levels: [...planLevels, ...ctxLevels] },
    data_source: a.data_source,
    as_of: a.as_of,
    warnings: pay.warnings ?? [],
  };
  if (includeSeries) {
    out.plan_layers = prepared.layers;
    out.series = a.base_bars.slice(-120).map((b) => ({ time: Math.floor(b.time / 1000), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }));
  }
  return out;
}
