import { STYLE_PARAMS } from './style-params';
import { buildTargets, heuristicTouchProbability, targetSpacing } from './targets';

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
    const r = buildTargets({
      ...base,
      direction: 'long',
      entry: 100,
      stop: 99,
      strategyTargets: [],
      levels: [
        { price: 102.2, label: 'PDH' },
        { price: 101.0, label: 'VWAP' },
      ],
    });
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

describe('rung spacing and ladder reach (scalp: spacing max(0.4 ATR, 5 ticks), ladder reach 4 ATR)', () => {
  const scalp = { atr: 0.1, style: 'scalp' as const, params: STYLE_PARAMS.scalp, minRr: 1.2, tick: 0.01 };
  it('targetSpacing = max(ATR part, tick part)', () => {
    expect(targetSpacing(0.1, STYLE_PARAMS.scalp, 0.01)).toBeCloseTo(0.05, 12); // 0.04 vs 0.05
    expect(targetSpacing(1, STYLE_PARAMS.scalp, 0.01)).toBeCloseTo(0.4, 12);
  });
  it('a far strategy TP1 is followed by TP2 at least 5 ticks beyond it (was 0.25 ATR = 2.5¢)', () => {
    // risk 0.2 (2 ATR); TP1 strategy at +0.30; TP2 ≥ max(1.7R = 0.34, 0.30 + 0.05) = 0.35
    const r = buildTargets({ ...scalp, direction: 'long', entry: 100, stop: 99.8, strategyTargets: [{ price: 100.3, label: 'Session VWAP' }], levels: [] });
    expect(r.targets.map((t) => t.price)).toEqual([100.3, 100.35]);
    // TP3 needs ≥ max(2.2R = 0.44, 0.35 + 0.05) = 0.44 = 4.4 ATR > reach 4 ATR → dropped, not crammed
    expect(r.dropped).toBe('TP3 dropped: beyond the ladder reach 4×ATR');
  });
  it('never snaps a later rung to a level beyond the ladder reach (it keeps the ATR rung inside it)', () => {
    // risk 0.18 (1.8 ATR): TP1 1.2R → 100.22, TP2 1.7R → 100.31, TP3 ideal 2.2R = 0.396 → 100.40 (4.0 ATR).
    // PDH at +0.415 lies within the 0.025 snap window of that ideal but at 4.15 ATR, beyond the reach.
    const r = buildTargets({ ...scalp, direction: 'long', entry: 100, stop: 99.82, strategyTargets: [], levels: [{ price: 100.415, label: 'PDH' }] });
    expect(r.targets.map((t) => t.price)).toEqual([100.22, 100.31, 100.4]);
    expect(r.targets[2].source).toBe('atr_ladder');
    expect(r.dropped).toBeNull();
  });
  it('keeps TP1 even when TP2 cannot be placed', () => {
    // risk 0.25 (2.5 ATR): TP1 1.2R = 0.30; TP2 1.7R = 0.425 = 4.25 ATR > 4 → only TP1
    const r = buildTargets({ ...scalp, direction: 'short', entry: 100, stop: 100.25, strategyTargets: [], levels: [] });
    expect(r.targets.map((t) => t.price)).toEqual([99.7]);
    expect(r.dropped).toBe('TP2 dropped: beyond the ladder reach 4×ATR');
  });
});
