import { resampleBars } from '../../src/core/bars/resample';
import { replayOutcomes } from '../../src/core/calibration/replay-outcomes';
import { sessionTag } from '../../src/core/session/session';
import type { Style } from '../../src/core/strategies/strategy.types';
import type { OutcomeRow } from '../../src/core/stats';
import { fixtureBars } from '../support/bars';

/** Real recorded SPY minutes (regular session): 2021-07-01 … 2021-08-13 and 2013-10-04 … 10-11. */
const SESSIONS = ['lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv', 'lean_spy_1m_2013-10-04_2013-10-11.csv'];
const regular = (f: string) => fixtureBars(f).filter((b) => sessionTag(b.time) === 'regular');

function run(minutes: ReturnType<typeof regular>, style: Style): OutcomeRow[] {
  const intraday = style === 'scalp' ? { '1m': minutes } : { '5m': resampleBars(minutes, '5m') };
  return replayOutcomes({ symbol: 'SPY', style, data_source: 'fixture', intraday });
}

describe('calibration replay on real sessions (no look-ahead)', () => {
  const minutes = regular(SESSIONS[1]);

  it('truncation: the rows computed on bars 0..t are the full run’s rows resolved by t', () => {
    for (const style of ['scalp', 'intraday'] as const) {
      const full = run(minutes, style);
      expect(full.length).toBeGreaterThan(20);
      for (const cutFrac of [0.4, 0.7]) {
        const cut = minutes.slice(0, Math.floor(minutes.length * cutFrac));
        const lastBar = style === 'scalp' ? cut[cut.length - 1].time + 60_000 : resampleBars(cut, '5m').at(-1)!.time + 300_000;
        const truncated = run(cut, style);
        expect(truncated).toEqual(full.filter((r) => r.resolved_at <= lastBar));
      }
    }
  });

  it('every row is consistent: TP2 only after TP1, unfilled plans have no hits and R 0, costs lower R', () => {
    for (const style of ['scalp', 'intraday'] as const) {
      for (const r of run(minutes, style)) {
        if (r.tp_hit[1]) expect(r.tp_hit[0]).toBe(true);
        if (!r.filled) expect([r.tp_hit.some(Boolean), r.r_realised]).toEqual([false, 0]);
        if (r.filled) expect(r.r_after_costs).toBeLessThan(r.r_realised + 1e-9);
        expect(r.resolved_at).toBeGreaterThan(r.plan_time);
      }
    }
  });
});
