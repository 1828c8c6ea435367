import type { PlanGeometry } from '../../../src/core/plan/plan.types';
import { STYLE_PARAMS } from '../../../src/core/plan/style-params';

/** Checks every published plan against the geometry contract, recomputed here from its own prices. */
export function expectValidGeometry(plan: Pick<PlanGeometry, 'direction' | 'entry' | 'stop' | 'targets' | 'target_meta' | 'rr_to_t1' | 'risk_block' | 'style'>): void {
  const s = plan.direction === 'long' ? 1 : -1;
  expect(s * (plan.entry - plan.stop)).toBeGreaterThan(0);
  let prev = plan.entry;
  for (const t of plan.targets) {
    expect(s * (t - prev)).toBeGreaterThan(0);
    prev = t;
  }
  const risk = Math.abs(plan.entry - plan.stop);
  plan.target_meta.forEach((m, k) => {
    expect(m.price).toBe(plan.targets[k]);
    expect(Math.abs(m.rr_multiple - Math.abs(m.price - plan.entry) / risk)).toBeLessThanOrEqual(0.005 + 1e-9);
  });
  expect(Math.abs(plan.rr_to_t1 - Math.abs(plan.targets[0] - plan.entry) / risk)).toBeLessThanOrEqual(0.005 + 1e-9);
  // stated floor: stop distance ≥ stop_min_atr × ATR
  expect(plan.risk_block.stop_min_atr).toBe(STYLE_PARAMS[plan.style].stop_min_atr);
  expect(risk).toBeGreaterThanOrEqual(plan.risk_block.stop_min_atr * plan.risk_block.atr_value - 1e-4);
  expect(plan.rr_to_t1).toBeGreaterThanOrEqual(STYLE_PARAMS[plan.style].tp1_rr_floor);
  // cost-aware geometry: stated stop floor, rung spacing, TP1 reach and R:R cap hold on the plan's own prices
  const sp = STYLE_PARAMS[plan.style];
  const rb = plan.risk_block;
  expect([rb.stop_min_ticks, rb.stop_min_bp, rb.tp1_max_atr, rb.tp1_max_rr]).toEqual([sp.stop_min_ticks, sp.stop_min_bp, sp.tp1_max_atr, sp.tp1_max_rr]);
  expect(risk).toBeGreaterThanOrEqual(rb.stop_floor - 1e-9);
  for (let k = 1; k < plan.targets.length; k++) expect(Math.abs(plan.targets[k] - plan.targets[k - 1])).toBeGreaterThanOrEqual(rb.target_spacing - 1e-4);
  expect(Math.abs(plan.targets[0] - plan.entry)).toBeLessThanOrEqual(sp.tp1_max_atr * rb.atr_value + 1e-4);
  expect(plan.rr_to_t1).toBeLessThanOrEqual(sp.tp1_max_rr);
}
