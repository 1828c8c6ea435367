import type { Interval } from '../../src/core/bars/interval';
import { resampleBars } from '../../src/core/bars/resample';
import { evaluateStyle } from '../../src/core/strategies/engine';
import { buildFrame } from '../../src/core/strategies/frame';
import type { Style } from '../../src/core/strategies/strategy.types';
import { fixtureBars } from '../support/bars';
import { SPY_2013 } from './strategy-fixtures';

/**
 * The engine must give the same answer "as of bar i" whether it was handed the whole history or only
 * bars 0..i (what live trading sees). HTF frames are rebuilt from the truncated minutes too.
 */
describe('no look-ahead: evaluation on full history == evaluation on history truncated at the as-of bar', () => {
  const minutes = fixtureBars(SPY_2013).filter((b) => b.time < Date.parse('2013-10-08T00:00:00-04:00'));
  const cases: Array<[Style, Interval, Interval[]]> = [
    ['scalp', '1m', ['5m', '15m']],
    ['intraday', '5m', ['15m', '1h']],
  ];
  it.each(cases)('%s (%s)', (style, iv, htfs) => {
    const base = iv === '1m' ? minutes : resampleBars(minutes, iv);
    const full = buildFrame(base, iv);
    const fullHtf = htfs.map((h) => buildFrame(resampleBars(minutes, h), h));
    const step = iv === '1m' ? 29 : 7;
    let compared = 0;
    let fired = 0;
    for (let i = 60; i < base.length; i += step) {
      const cut = minutes.filter((m) => m.time <= base[i].time + (iv === '1m' ? 0 : full.bar_ms - 60_000));
      const truncBase = iv === '1m' ? cut : resampleBars(cut, iv);
      expect(truncBase.length).toBe(i + 1);
      const trunc = buildFrame(truncBase, iv);
      const truncHtf = htfs.map((h) => buildFrame(resampleBars(cut, h), h));
      const a = evaluateStyle(style, { frames: { [iv]: full }, as_of_index: { [iv]: i }, context: { [iv]: { htf: fullHtf } } });
      const b = evaluateStyle(style, { frames: { [iv]: trunc }, context: { [iv]: { htf: truncHtf } } });
      for (let k = 0; k < a.length; k++) {
        expect(b[k].signal).toEqual(a[k].signal);
        expect(b[k].reason).toBe(a[k].reason);
        expect(b[k].ctx?.htf).toEqual(a[k].ctx?.htf);
        if (a[k].signal) fired++;
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
    expect(fired).toBeGreaterThan(0);
  });
});
