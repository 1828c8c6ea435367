import type { Interval } from '../../src/core/bars/interval';
import { buildPlan } from '../../src/core/plan/build-plan';
import { evaluatePlaybookAt } from '../../src/core/strategies/engine';
import { buildFrame } from '../../src/core/strategies/frame';
import { PLAYBOOKS } from '../../src/core/strategies/playbooks';
import type { Style } from '../../src/core/strategies/strategy.types';
import { fixtureBars } from '../support/bars';
import { AAPL_2014, fixtureFrame, SPY_2013 } from '../strategies/strategy-fixtures';
import { expectValidGeometry } from './support/geometry';

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
    for (const pb of PLAYBOOKS.filter((p) => p.styles.some((s) => s.style === style))) {
      for (let i = 0; i < frame.bars.length; i += 3) {
        const e = evaluatePlaybookAt(pb, style, frame, i, { htf });
        if (!e.signal) continue;
        const r = buildPlan(e.signal, e.ctx!);
        if (!r.ok) {
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
