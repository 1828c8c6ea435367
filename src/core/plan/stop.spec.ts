import { placeStop, stopFloor } from './stop';
import { STYLE_PARAMS } from './style-params';

const p = STYLE_PARAMS.intraday; // min 0.9, max 2.5, buffer 0.1 ATR

describe('placeStop', () => {
  it('long: structural level minus 0.1×ATR buffer when that lies inside [0.9, 2.5]×ATR', () => {
    // entry 100, ATR 1, invalidation 98.5 → 98.4 (1.6 ATR)
    const s = placeStop('long', 100, { price: 98.5, label: 'Swing low' }, 1, p, 0.01)!;
    expect(s.stop).toBe(98.4);
    expect(s.rule).toBe('structural');
    expect(s.distance_atr).toBeCloseTo(1.6, 9);
  });
  it('long: a structure closer than 0.9×ATR is pushed out to the floor (never inside noise)', () => {
    const s = placeStop('long', 100, { price: 99.8, label: 'ORH' }, 1, p, 0.01)!;
    expect(s.stop).toBe(99.1);
    expect(s.rule).toBe('min_atr_floor');
  });
  it('short: a structure farther than 2.5×ATR is capped', () => {
    const s = placeStop('short', 50, { price: 55, label: 'Swing high' }, 1, p, 0.01)!;
    expect(s.stop).toBe(52.5);
    expect(s.rule).toBe('max_atr_cap');
  });
  it('structure on the wrong side falls back to the ATR floor', () => {
    const s = placeStop('long', 100, { price: 101, label: 'oops' }, 2, p, 0.01)!;
    expect(s.stop).toBe(98.2);
    expect(s.rule).toBe('atr_fallback');
  });
  it('rounds away from entry so the floor survives rounding', () => {
    const s = placeStop('long', 100, { price: 99.99, label: 'x' }, 0.3333, p, 0.01)!;
    expect(100 - s.stop).toBeGreaterThanOrEqual(0.9 * 0.3333);
    expect(s.stop).toBe(99.7);
  });
  it('returns null on unusable inputs instead of throwing', () => {
    expect(placeStop('long', NaN, { price: 1, label: 'x' }, 1, p, 0.01)).toBeNull();
    expect(placeStop('long', 100, { price: 99, label: 'x' }, 0, p, 0.01)).toBeNull();
    expect(placeStop('long', 0.5, { price: 0.1, label: 'x' }, 1, p, 0.0001)).toBeNull();
  });
});

describe('stop floor: max(ticks, bp, ATR) per style', () => {
  const scalp = STYLE_PARAMS.scalp; // 0.6 ATR, 12 ticks, 3 bp, cap 2.0 ATR
  it('stopFloor takes the largest part and names it', () => {
    // entry 100, ATR 0.05: ATR part 0.03, tick part 12 × 0.01 = 0.12, bp part 3 bp × 100 = 0.03
    expect(stopFloor(100, 0.05, scalp, 0.01)).toMatchObject({ binding: 'ticks', atr_floor: 0.03, tick_floor: 0.12 });
    expect(stopFloor(100, 0.05, scalp, 0.01).distance).toBeCloseTo(0.12, 12);
    // entry 2000, ATR 0.5: ATR 0.3, ticks 0.12, bp 0.6
    const bp = stopFloor(2000, 0.5, scalp, 0.01);
    expect([bp.binding, bp.distance]).toEqual(['bp', 0.6]);
    // entry 100, ATR 1: ATR 0.6 wins
    expect(stopFloor(100, 1, scalp, 0.01)).toMatchObject({ binding: 'atr', distance: 0.6 });
  });
  it('a structural stop 4¢ away on a scalp is pushed out to the 12-tick cost floor', () => {
    // entry 50, ATR 0.08 (ATR part 0.048), structure 49.97 − 0.008 buffer → 4¢: floor 0.12 → 49.88
    const s = placeStop('long', 50, { price: 49.97, label: 'ORL' }, 0.08, scalp, 0.01)!;
    expect(s.stop).toBe(49.88);
    expect(s.rule).toBe('min_tick_floor');
    expect(s.label).toBe('ORL (cost floor 12 ticks)');
  });
  it('short on a $2000 stock: pushed out to the 3 bp noise floor (0.60)', () => {
    const s = placeStop('short', 2000, { price: 2000.2, label: 'Swing high' }, 0.5, scalp, 0.01)!;
    expect(s.stop).toBe(2000.6);
    expect(s.rule).toBe('min_bp_floor');
  });
  it('wrong-side structure uses the binding floor, not only the ATR part', () => {
    const s = placeStop('long', 50, { price: 50.5, label: 'oops' }, 0.08, scalp, 0.01)!;
    expect([s.stop, s.rule]).toEqual([49.88, 'atr_fallback']);
  });
  it('when the floor exceeds the ATR cap the floor wins (the guardrails then reject the plan)', () => {
    // ATR 0.05 → cap 2 × 0.05 = 0.10 < floor 0.12; structure 1.00 away would be capped at 0.10 otherwise
    const s = placeStop('long', 50, { price: 49, label: 'Swing low' }, 0.05, scalp, 0.01)!;
    expect(s.stop).toBe(49.88);
    expect(s.rule).toBe('max_atr_cap');
  });
});
