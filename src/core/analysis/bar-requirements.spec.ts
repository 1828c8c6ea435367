import { INTERVAL_MS } from '../bars/interval';
import type { Style } from '../strategies/strategy.types';
import { barRequirements } from './analyze-symbol';

/**
 * Plans compute session levels (session open/high/low, opening range, VWAP, previous day) from the
 * regular-session bars they fetch. They are whole only when the fetch spans the current session and the
 * full previous one, whatever the time of day: at least two regular sessions of bars (2 × 390 minutes).
 */
describe('plan bar requirements cover the sessions their levels describe', () => {
  it.each<Style>(['scalp', 'intraday', 'swing'])('%s: every intraday fetch spans ≥ 2 full regular sessions', (style) => {
    const req = barRequirements(style);
    expect(req.intraday.length).toBeGreaterThan(0);
    for (const r of req.intraday) {
      const perSession = Math.ceil((390 * 60_000) / INTERVAL_MS[r.interval]);
      expect({ interval: r.interval, enough: r.limit >= 2 * perSession }).toEqual({ interval: r.interval, enough: true });
    }
  });
});
