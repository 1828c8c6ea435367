import { computeActionability } from './actionability';
import { STYLE_PARAMS } from './style-params';

describe('computeActionability', () => {
  it('entry 1 ATR away: pct = |Δ|/last×100, bars = ceil(|Δ|/mean range)', () => {
    const a = computeActionability(101, 100, 1, 0.4, STYLE_PARAMS.intraday);
    expect(a.entry_distance_pct).toBe(1);
    expect(a.entry_distance_atr).toBe(1);
    expect(a.bars_to_trigger).toBe(3);
    expect(a.actionable_soon).toBe(false); // 1 ATR > soon 0.7
    // 0.5·c(1, 1.0) + 0.3·c(1, 1.2) + 0.2·c(3, 6) = 0 + 0.05 + 0.1
    expect(a.actionability).toBeCloseTo(0.15, 3);
  });
  it('at the entry: fully actionable', () => {
    const a = computeActionability(100, 100, 1, 0.4, STYLE_PARAMS.scalp);
    expect(a).toMatchObject({ entry_distance_pct: 0, bars_to_trigger: 0, actionable_soon: true, actionable_now: true, actionability: 1, entry_status: 'at_entry' });
  });
  it('NaN inputs yield NaN metrics and not actionable', () => {
    const a = computeActionability(100, NaN, NaN, NaN, STYLE_PARAMS.swing);
    expect(a.actionable_soon).toBe(false);
    expect(a.actionability).toBe(0);
  });
});
