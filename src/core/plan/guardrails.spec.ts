import { checkGuardrails, GeometryInput } from './guardrails';
import { STYLE_PARAMS } from './style-params';

const scalp = STYLE_PARAMS.scalp; // floor max(0.6 ATR, 12 ticks, 3 bp), cap 2.0 ATR, spacing max(0.4 ATR, 5 ticks), TP1 ≤ 3 ATR, R:R ≤ 4
const intraday = STYLE_PARAMS.intraday; // TP1 ≤ 4 ATR, R:R ≤ 4
// long, entry 100, ATR 0.1: floor = max(0.06, 0.12, 0.03) = 0.12; cap 0.20
const base: GeometryInput = { direction: 'long', entry: 100, stop: 99.85, targets: [100.2, 100.27], atr: 0.1, rr_to_t1: 1.33, tp1_rr_floor: 1.2, entry_distance_atr: 0, tick: 0.01 };
const codes = (g: Partial<GeometryInput>, p = scalp) => checkGuardrails({ ...base, ...g }, p).map((v) => v.code);

describe('checkGuardrails: cost-aware geometry', () => {
  it('a plan inside every bound passes', () => {
    expect(codes({})).toEqual([]);
  });
  it('a stop 5¢ away on a scalp is inside the 12-tick cost floor', () => {
    const v = checkGuardrails({ ...base, stop: 99.95, rr_to_t1: 4 }, scalp);
    expect(v.map((x) => x.code)).toEqual(['stop_inside_noise']);
    expect(v[0].message).toBe('stop 0.05 (0.50×ATR) < floor 0.12 = max(0.6×ATR, 12 ticks, 3 bp)');
  });
  it('a floor above the ATR cap rejects the plan as too quiet for the style', () => {
    // ATR 0.05: cap 0.10 + 1 tick < floor 0.12
    const v = checkGuardrails({ ...base, atr: 0.05, stop: 99.88, targets: [100.15, 100.2], rr_to_t1: 1.25 }, scalp);
    expect(v.map((x) => x.code)).toEqual(['stop_floor_above_cap']);
    expect(v[0].message).toMatch(/stop floor 0\.12 \(12 ticks\) is 2\.40×ATR > the 2×ATR cap/);
  });
  it('two rungs 3¢ apart are closer than the 5-tick spacing', () => {
    const v = checkGuardrails({ ...base, targets: [100.2, 100.23] }, scalp);
    expect(v.map((x) => x.code)).toEqual(['targets_too_close']);
    expect(v[0].message).toBe('TP2 is 0.03 from TP1 < spacing 0.05 = max(0.4×ATR, 5 ticks)');
  });
  it('TP1 beyond the reach is rejected, not advertised with a large R:R', () => {
    // midday-fade shape: stop at the 12¢ floor, VWAP target 3.60 ATR away (R:R 3)
    const v = checkGuardrails({ ...base, stop: 99.88, targets: [100.36], rr_to_t1: 3 }, scalp);
    expect(v.map((x) => x.code)).toEqual(['tp1_beyond_reach']);
    expect(v[0].message).toBe("TP1 100.36 is 3.60×ATR from entry > the style's reach 3×ATR");
    // the same distance is inside the intraday reach (4 ATR) but the intraday floor (20 ticks) is not met
    expect(codes({ stop: 99.88, targets: [100.36], rr_to_t1: 3, tp1_rr_floor: 1.3 }, intraday)).toEqual(['stop_inside_noise']);
  });
  it('an R:R above the style cap is rejected even inside the reach', () => {
    // intraday: ATR 0.5, floor max(0.45, 0.20, 0.08) = 0.45; stop 0.45, TP1 +1.9 (3.8 ATR, R:R 4.22)
    expect(codes({ atr: 0.5, stop: 99.55, targets: [101.9], rr_to_t1: 4.22, tp1_rr_floor: 1.3 }, intraday)).toEqual(['tp1_rr_above_cap']);
    expect(codes({ atr: 0.5, stop: 99.55, targets: [101.8], rr_to_t1: 4, tp1_rr_floor: 1.3 }, intraday)).toEqual([]);
  });
});
