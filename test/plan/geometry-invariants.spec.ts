import type { Interval } from '../../src/core/bars/interval';
import { buildPlan } from '../../src/core/plan/build-plan';
import type { PlanGeometry } from '../../src/core/plan/plan.types';
import { STYLE_PARAMS } from '../../src/core/plan/style-params';
import { evaluatePlaybookAt } from '../../src/core/strategies/engine';
import { buildFrame } from '../../src/core/strategies/frame';
import { PLAYBOOKS } from '../../src/core/strategies/playbooks';
import type { Style } from '../../src/core/strategies/strategy.types';
import { fixtureBars } from '../support/bars';
import { AAPL_2014, fixtureFrame, SPY_2013 } from '../strategies/strategy-fixtures';

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
}

describe('every plan built from every signal on the fixture sessions satisfies the geometry contract', () => {
  const cases: Array<[string, Style, Interval, Interval[]]> = [
    [SPY_2013, 'scalp', '1m', ['5m', '15m']],
    [SPY_2013, 'intraday', '5m', ['15m', '1h']],
    [AAPL_2014, 'scalp', '1m', ['5m', '15m']],
    [AAPL_2014, 'intraday', '5m', ['15m', '1h']],
  ];
  it.each(cases)('%s %s', (file, style, iv, htfs) => {
    const { frame, htf } = fixtureFrame(file, iv, htfs);
    let ok = 0;
    let rejected = 0;
    for (const pb of PLAYBOOKS.filter((p) => p.styles.some((s) => s.style === style))) {
      for (let i = 0; i < frame.bars.length; i += 3) {
        const e = evaluatePlaybookAt(pb, style, frame, i, { htf });
        if (!e.signal) continue;
        const r = buildPlan(e.signal, e.ctx!);
        if (!r.ok) {
          rejected++;
          expect(r.violations.length).toBeGreaterThan(0);
          continue;
        }
        ok++;
        expectValidGeometry(r.plan);
        expect(r.plan.confidence).toBeGreaterThanOrEqual(0);
        expect(r.plan.confidence).toBeLessThanOrEqual(1);
        for (const p of Object.values(r.plan.probabilities)) expect(p >= 0 && p <= 1).toBe(true);
      }
    }
    expect(ok).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThanOrEqual(0);
  });

  it('daily swing/leaps plans (SPY raw daily, last 300 sessions)', () => {
    const bars = fixtureBars('lean_spy_1d_raw_1998-01-02_2021-03-31.csv');
    const frame = buildFrame(bars, '1D');
    let ok = 0;
    for (const style of ['swing', 'leaps'] as const) {
      for (const pb of PLAYBOOKS.filter((p) => p.styles.some((s) => s.style === style && s.interval === '1D'))) {
        for (let i = bars.length - 300; i < bars.length; i++) {
          const e = evaluatePlaybookAt(pb, style, frame, i);
          if (!e.signal) continue;
          const r = buildPlan(e.signal, e.ctx!);
          if (r.ok) {
            ok++;
            expectValidGeometry(r.plan);
          }
        }
      }
    }
    expect(ok).toBeGreaterThan(5);
  });
});
