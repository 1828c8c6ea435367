import { STYLE_PARAMS } from './style-params';
import { buildTargets, heuristicTouchProbability } from './targets';

const base = { atr: 1, style: 'intraday' as const, params: STYLE_PARAMS.intraday, minRr: 1.3, tick: 0.01 };

describe('buildTargets', () => {
  it('long without levels: ideal = max(target_atr_k × ATR, floor_k × risk) → 101.3, 102.0, 103.0 for risk 1', () => {
    // floors 1.3 / 1.8 / 2.3 R; ATR ideals 1.2 / 2.0 / 3.0
    const r = buildTargets({ ...base, direction: 'long', entry: 100, stop: 99, strategyTargets: [], levels: [] });
    expect(r.rejection).toBeNull();
    expect(r.targets.map((t) => t.price)).toEqual([101.3, 102, 103]);
    expect(r.targets.map((t) => t.rr_multiple)).toEqual([1.3, 2, 3]);
    expect(r.targets.map((t) => t.source)).toEqual(['atr_ladder', 'atr_ladder', 'atr_ladder']);
  });
  it('snaps to the level nearest the ideal within 0.3×ATR when it meets the floor', () => {
    const r = buildTargets({ ...base, direction: 'long', entry: 100, stop: 99, strategyTargets: [], levels: [{ price: 102.2, label: 'PDH' }, { price: 101.0, label: 'VWAP' }] });
    expect(r.targets[1]).toMatchObject({ price: 102.2, snap_tag: 'PDH', source: 'level' });
    // VWAP at 1.0 R is below the TP1 floor: never used
    expect(r.targets.some((t) => t.snap_tag === 'VWAP')).toBe(false);
  });
  it('short mirror: targets strictly decreasing below entry', () => {
    const r = buildTargets({ ...base, direction: 'short', entry: 100, stop: 101, strategyTargets: [], levels: [] });
    expect(r.targets.map((t) => t.price)).toEqual([98.7, 98, 97]);
  });
  it('uses the strategy target as TP1 and rejects the plan when it misses the floor', () => {
    const ok = buildTargets({ ...base, direction: 'long', entry: 100, stop: 99, strategyTargets: [{ price: 101.5, label: 'Gap fill (PDC)' }], levels: [] });
    expect(ok.targets[0]).toMatchObject({ price: 101.5, source: 'strategy' });
    const bad = buildTargets({ ...base, direction: 'long', entry: 100, stop: 99, strategyTargets: [{ price: 100.8, label: 'Gap fill (PDC)' }], levels: [] });
    expect(bad.rejection).toMatch(/TP1 R:R 0.8 < floor 1.3 at Gap fill/);
  });
  it('touch probabilities are non-increasing and within 0–1', () => {
    const r = buildTargets({ ...base, direction: 'long', entry: 100, stop: 99, strategyTargets: [], levels: [] });
    const ps = r.targets.map((t) => t.prob_touch);
    expect(ps).toEqual([...ps].sort((a, b) => b - a));
    for (const x of ps) expect(x >= 0 && x <= 1).toBe(true);
  });
  it('heuristic: 0.78 − 0.2 × d/√h + 0.04, clamped', () => {
    expect(heuristicTouchProbability(3, 'intraday', 9)).toBeCloseTo(0.62, 9);
    expect(heuristicTouchProbability(100, 'swing', 9)).toBe(0.05);
    expect(heuristicTouchProbability(NaN, 'swing', 9)).toBeNaN();
  });
  it('degenerate risk → rejection, not a throw', () => {
    expect(buildTargets({ ...base, direction: 'long', entry: 100, stop: 100, strategyTargets: [], levels: [] }).rejection).toBeTruthy();
  });
});
