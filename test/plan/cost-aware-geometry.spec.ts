import { resampleBars } from '../../src/core/bars/resample';
import { replayOutcomes } from '../../src/core/calibration/replay-outcomes';
import type { PlanGeometry } from '../../src/core/plan/plan.types';
import { STYLE_PARAMS } from '../../src/core/plan/style-params';
import { geometryDistribution, regularMinutes, replayPlans } from './support/plan-replay';

/**
 * Issue 12 "What it must show" 5 on real SPY minutes (2013-10-04 … 10-11, regular session): every plan
 * the scalp (1m) and intraday (5m) playbooks state as of every bar respects the stated stop floor, rung
 * spacing and TP1 reach. The floors are recomputed here from the style table and the plan's own prices.
 */
const FILE = 'lean_spy_1m_2013-10-04_2013-10-11.csv';
const TICK = 0.01; // SPY trades above $1

function expectCostAware(p: PlanGeometry): void {
  const sp = STYLE_PARAMS[p.style];
  const rb = p.risk_block;
  const risk = Math.abs(p.entry - p.stop);
  const floor = Math.max(sp.stop_min_atr * p.atr, sp.stop_min_ticks * TICK, (sp.stop_min_bp / 10_000) * p.entry);
  // stated floor = recomputed floor (ATR is stated to 4 dp)
  expect(Math.abs(rb.stop_floor - floor)).toBeLessThanOrEqual(1e-4 * sp.stop_min_atr + 1e-9);
  expect(risk).toBeGreaterThanOrEqual(floor - 1e-4);
  expect(risk).toBeGreaterThanOrEqual(rb.stop_floor - 1e-9);
  expect(risk).toBeGreaterThan(0.05); // the symptom: no stop of 5¢ or less
  const spacing = Math.max(sp.min_spacing_atr * p.atr, sp.min_spacing_ticks * TICK);
  expect(Math.abs(rb.target_spacing - spacing)).toBeLessThanOrEqual(1e-4);
  for (let k = 1; k < p.targets.length; k++) {
    expect(Math.abs(p.targets[k] - p.targets[k - 1])).toBeGreaterThanOrEqual(spacing - 1e-4);
  }
  expect(p.targets.length).toBeGreaterThanOrEqual(1);
  expect(Math.abs(p.targets[0] - p.entry)).toBeLessThanOrEqual(sp.tp1_max_atr * p.atr + 1e-4);
  expect(p.rr_to_t1).toBeLessThanOrEqual(sp.tp1_max_rr);
  expect([rb.stop_min_ticks, rb.stop_min_bp, rb.tp1_max_atr, rb.tp1_max_rr]).toEqual([sp.stop_min_ticks, sp.stop_min_bp, sp.tp1_max_atr, sp.tp1_max_rr]);
}

describe('cost-aware geometry on the real fixture sessions', () => {
  it.each(['scalp', 'intraday'] as const)('%s: every plan bar by bar has risk ≥ its floor, spaced rungs and TP1 within reach', (style) => {
    const { plans, rejected } = replayPlans(FILE, style);
    expect(plans.length).toBeGreaterThan(100);
    for (const p of plans) expectCostAware(p);
    const d = geometryDistribution(plans);
    expect(d.stops_le_5c).toBe(0);
    expect(d.tp2_within_3c_of_tp1).toBe(0);
    // the reach rule is exercised on real data (far strategy targets such as the gap fill on 1m)
    expect(rejected.tp1_beyond_reach ?? 0).toBeGreaterThan(0);
  });

  it('the binding floor is named in stop_rule when the structure was closer than the floor', () => {
    const { plans } = replayPlans(FILE, 'scalp');
    const floored = plans.filter((p) => p.risk_block.stop_rule.startsWith('min_'));
    expect(floored.length).toBeGreaterThan(0);
    for (const p of floored) {
      const expected = { atr: 'min_atr_floor', ticks: 'min_tick_floor', bp: 'min_bp_floor' }[p.risk_block.stop_floor_binding];
      expect(p.risk_block.stop_rule).toBe(expected);
      // pushed out to the floor: at most one tick of rounding beyond it
      expect(Math.abs(p.entry - p.stop)).toBeLessThanOrEqual(p.risk_block.stop_floor + TICK + 1e-9);
    }
    // at SPY's 2013 1m ATR (~7¢) the 12-tick cost floor is the one that usually binds
    expect(plans.some((p) => p.risk_block.stop_rule === 'min_tick_floor')).toBe(true);
  });

  it('replayOutcomes rows (the followed plans) respect the same bounds in ATR', () => {
    const minutes = regularMinutes(FILE);
    for (const style of ['scalp', 'intraday'] as const) {
      const sp = STYLE_PARAMS[style];
      const rows = replayOutcomes({ symbol: 'SPY', style, data_source: 'fixture', intraday: style === 'scalp' ? { '1m': minutes } : { '5m': resampleBars(minutes, '5m') } });
      expect(rows.length).toBeGreaterThan(20);
      for (const r of rows) {
        expect(r.stop_atr).toBeGreaterThanOrEqual(sp.stop_min_atr - 0.005);
        expect(r.stop_bp).toBeGreaterThanOrEqual(sp.stop_min_bp - 0.005);
        expect(r.tp1_atr).toBeLessThanOrEqual(sp.tp1_max_atr + 0.005);
        expect(r.rr[0]).toBeLessThanOrEqual(sp.tp1_max_rr);
        // rung gaps in ATR = ΔR × stop in ATR (both rounded to 2 dp)
        for (let k = 1; k < r.rr.length; k++) expect((r.rr[k] - r.rr[k - 1]) * r.stop_atr).toBeGreaterThanOrEqual(sp.min_spacing_atr - 0.03);
      }
    }
  });
});
