import type { AsOfContext } from '../strategies/as-of-context';
import type { PlanGeometry } from './plan.types';

export type { PlanLayers } from './plan.schema';
import type { PlanLayers } from './plan.schema';

const PRIORITY: Array<[RegExp, number]> = [
  [/^OR[HL]$/, 95],
  [/VWAP/, 90],
  [/Session/, 85],
  [/^PD[HLC]$/, 80],
  [/Swing/, 60],
];
const priority = (label: string) => PRIORITY.find(([re]) => re.test(label))?.[1] ?? 20;

/**
 * Chart layers for a plan: context levels known as of the plan's bar, the plan's own entry/stop/targets,
 * the opening range as a zone and a cosmetic forecast path (last close → entry → TP1; times are the
 * next bar starts in epoch seconds).
 */
export function buildPlanLayers(symbol: string, plan: PlanGeometry, ctx: AsOfContext): PlanLayers {
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const levels: PlanLayers['levels'] = [];
  const seen = new Set<string>();
  for (const l of ctx.levels) {
    const k = `${l.label}|${r2(l.price)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    levels.push({ price: r2(l.price), label: l.label, kind: l.label.includes('VWAP') ? 'avwap' : 'level' });
  }
  levels.push({ price: plan.entry, label: 'Entry', kind: 'plan' }, { price: plan.stop, label: 'Stop', kind: 'plan' });
  plan.targets.forEach((t, k) => levels.push({ price: t, label: `TP${k + 1}`, kind: 'plan' }));
  const zones: PlanLayers['zones'] = [];
  if (ctx.opening_range) zones.push({ low: r2(ctx.opening_range.low), high: r2(ctx.opening_range.high), kind: 'opening_range', label: 'Opening range (15m)' });
  const t0 = Math.floor(ctx.bar.time / 1000);
  const step = Math.floor(ctx.frame.bar_ms / 1000);
  const points = [ctx.close, plan.entry, plan.targets[0]].map((value, k) => ({ time: t0 + k * step * 3, value: r2(value) }));
  const ctxLabels = [...new Set(ctx.levels.map((l) => l.label))].sort((a, b) => priority(b) - priority(a));
  return {
    symbol,
    interval: plan.interval,
    as_of: plan.bar_time,
    precision: 2,
    levels,
    zones,
    annotations: [{ kind: 'forecast_path', label: 'Forecast path (strategy-aware, cosmetic)', style: { lineStyle: 'dashed', opacity: 0.5, width: 2, bias: plan.bias }, points }],
    meta: { level_groups: { primary: ctxLabels.slice(0, 6), supplemental: ctxLabels.slice(6) }, confluence: plan.confluence, confidence_factors: plan.confidence_factors },
  };
}
