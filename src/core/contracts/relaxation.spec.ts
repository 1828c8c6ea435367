import { resolveFilters, STYLE_DEFAULTS } from './contract-filters';
import { relaxationLadder } from './relaxation';

describe('relaxation ladder', () => {
  it('intraday defaults: Δ ±0.05, then DTE ±2, then spread +2, then OI 500 → 300; cumulative, once each', () => {
    const base = resolveFilters({ style: 'intraday', marketOpen: true });
    const steps = relaxationLadder(base, 'intraday');
    expect(steps.map((s) => s.reason)).toEqual(['delta_widened', 'dte_widened', 'spread_widened', 'min_oi_300']);
    expect(steps[0].filters).toMatchObject({ min_delta: 0.4, max_delta: 0.6, min_dte: 0, max_dte: 7, max_spread_pct: 10, min_oi: 500 });
    expect(steps[1].filters).toMatchObject({ min_delta: 0.4, max_delta: 0.6, min_dte: 0, max_dte: 9 });
    expect(steps[2].filters).toMatchObject({ max_spread_pct: 12, max_dte: 9 });
    expect(steps[3].filters).toMatchObject({ min_oi: 300, max_spread_pct: 12, min_delta: 0.4 });
  });

  it('walks every OI step below a high minimum and caps the spread at style default + 4', () => {
    const base = resolveFilters({ style: 'swing', marketOpen: true, overrides: { min_oi: 2000, max_spread_pct: 15 } });
    const steps = relaxationLadder(base, 'swing');
    expect(steps.map((s) => s.reason)).toEqual(['delta_widened', 'dte_widened', 'spread_widened', 'min_oi_1000', 'min_oi_700', 'min_oi_500', 'min_oi_300']);
    expect(steps[2].filters.max_spread_pct).toBe(STYLE_DEFAULTS.swing.max_spread_pct + 4); // min(15 + 2, 12 + 4)
    expect(steps[1].filters.min_dte).toBe(8);
  });

  it('skips the spread step when an override already exceeds the cap', () => {
    const base = resolveFilters({ style: 'scalp', marketOpen: true, overrides: { max_spread_pct: 50 } });
    expect(relaxationLadder(base, 'scalp').map((s) => s.reason)).toEqual(['delta_widened', 'dte_widened', 'min_oi_300']);
  });

  it('clamps delta to 0–1', () => {
    const base = resolveFilters({ style: 'scalp', marketOpen: true, overrides: { min_delta: 0.02, max_delta: 0.99 } });
    expect(relaxationLadder(base, 'scalp')[0].filters).toMatchObject({ min_delta: 0, max_delta: 1 });
  });
});

describe('resolveFilters', () => {
  it('closed market: spread +2, volume gate off; plan horizon stretches swing max DTE', () => {
    expect(resolveFilters({ style: 'scalp', marketOpen: false })).toMatchObject({ max_spread_pct: 10, min_volume: 0 });
    expect(resolveFilters({ style: 'swing', marketOpen: true, horizonDays: 40 }).max_dte).toBe(80);
    expect(resolveFilters({ style: 'swing', marketOpen: true, horizonDays: 400 }).max_dte).toBe(90);
  });
});
