import { placeStop } from './stop';
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
