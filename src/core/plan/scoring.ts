import type { AsOfContext } from '../strategies/as-of-context';
import { emaStack } from '../strategies/as-of-context';
import type { Condition, Direction } from '../strategies/strategy.types';
import type { MtfConfluence } from './confluence';

export type { ConfidenceComponent, CompositeComponents } from './plan.schema';
import type { CompositeComponents, ConfidenceComponent } from './plan.schema';

export const CONFIDENCE_WEIGHTS: Record<ConfidenceComponent['name'], number> = {
  setup_conditions: 0.35,
  trend_alignment: 0.2,
  htf_agreement: 0.2,
  vwap_side: 0.1,
  reward_risk: 0.15,
};

export interface Confidence {
  /** Σ weight × score, 0–1, 2 dp. A rule-quality score, not a probability. */
  confidence: number;
  components: ConfidenceComponent[];
  /** Names of the supporting facts that were true (e.g. "EMA alignment", "Above VWAP", rule conditions). */
  factors: string[];
}

export function scoreConfidence(ctx: AsOfContext, direction: Direction, conditions: Condition[], mtf: MtfConfluence, rrT1: number): Confidence {
  const want = direction === 'long' ? 1 : -1;
  const stack = emaStack(ctx);
  const trend = stack === want ? 1 : stack === 0 ? 0.5 : 0;
  const vwap = Number.isFinite(ctx.vwap) ? ((direction === 'long' ? ctx.close > ctx.vwap : ctx.close < ctx.vwap) ? 1 : 0) : 0.5;
  const setup = conditions.length ? conditions.filter((c) => c.ok).length / conditions.length : 0.5;
  const rr = Number.isFinite(rrT1) ? Math.min(1, Math.max(0, (rrT1 - 1) / 2)) : 0;
  const scores: Record<ConfidenceComponent['name'], number> = {
    setup_conditions: setup,
    trend_alignment: trend,
    htf_agreement: mtf.agreement,
    vwap_side: vwap,
    reward_risk: rr,
  };
  const components = (Object.keys(CONFIDENCE_WEIGHTS) as ConfidenceComponent['name'][]).map((name) => ({
    name,
    score: Number(scores[name].toFixed(3)),
    weight: CONFIDENCE_WEIGHTS[name],
  }));
  const total = components.reduce((s, c) => s + c.score * c.weight, 0);
  const factors: string[] = [];
  if (trend === 1) factors.push('EMA alignment');
  if (vwap === 1) factors.push(direction === 'long' ? 'Above VWAP' : 'Below VWAP');
  if (mtf.agreement >= 0.75) factors.push('HTF aligned');
  for (const c of conditions) if (c.ok && !factors.includes(c.name)) factors.push(c.name);
  return { confidence: Math.round(Math.min(1, Math.max(0, total)) * 100) / 100, components, factors };
}

/**
 * Ranking score: (1 + expected R after costs, floored at 0) × actionability × mtf_multiplier × confidence (4 dp),
 * where expected R after costs = p(TP1) × R:R₁ − (1 − p(TP1)) − cost_r (a TP1-or-stop simplification of
 * the plan; p is the measured rate, or the driftless 1/(1+R:R) when nothing is measured, which gives 0
 * before costs). A plan whose costs eat its edge ranks below one that keeps some.
 */
export function compositeScore(c: Omit<CompositeComponents, 'mtf_multiplier' | 'expected_r_after_costs'>): { composite: number; components: CompositeComponents } {
  const mtf_multiplier = Math.max(0.2, 1 + 0.5 * c.mtf_score);
  const cost = c.cost_r ?? 0;
  const expected = c.probability * c.risk_reward - (1 - c.probability) - cost;
  const parts = [Math.max(0, 1 + expected), c.actionability, mtf_multiplier, c.confidence];
  const composite = parts.every(Number.isFinite) ? Number(parts.reduce((a, b) => a * b, 1).toFixed(4)) : 0;
  return {
    composite,
    components: { ...c, mtf_multiplier: Number(mtf_multiplier.toFixed(3)), cost_r: Number(cost.toFixed(4)), expected_r_after_costs: Number.isFinite(expected) ? Number(expected.toFixed(4)) : 0 },
  };
}
