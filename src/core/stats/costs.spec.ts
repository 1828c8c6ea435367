import { costInR, costModel, DEFAULT_COST_MODEL, rAfterCosts, roundTripCostPerShare } from './costs';

describe('cost model', () => {
  it('defaults to 1¢ commission and 1¢ slippage per share per side: 4¢ round trip', () => {
    // 2 sides × (0.01 + 0.01) = 0.04
    expect(DEFAULT_COST_MODEL).toEqual({ commission_per_share: 0.01, slippage_per_share: 0.01 });
    expect(roundTripCostPerShare()).toBeCloseTo(0.04, 12);
  });

  it('adds half the spread on each side where quotes exist', () => {
    // 0.04 + 0.02/2 + 0.06/2 = 0.04 + 0.01 + 0.03 = 0.08
    expect(roundTripCostPerShare(DEFAULT_COST_MODEL, { entry: 0.02, exit: 0.06 })).toBeCloseTo(0.08, 12);
    // only the entry quote known: 0.04 + 0.01 = 0.05
    expect(roundTripCostPerShare(DEFAULT_COST_MODEL, { entry: 0.02, exit: null })).toBeCloseTo(0.05, 12);
  });

  it('is configurable: 0.5¢ commission, 2¢ slippage → 2 × 0.025 = 0.05', () => {
    expect(roundTripCostPerShare(costModel({ commission_per_share: 0.005, slippage_per_share: 0.02 }))).toBeCloseTo(0.05, 12);
  });

  it('converts to R by dividing by the risk per share', () => {
    // long 100.00 / stop 99.00: risk 1.00 → 0.04 / 1.00 = 0.04 R
    expect(costInR(100, 99, DEFAULT_COST_MODEL)).toBeCloseTo(0.04, 12);
    // scalp: 450.00 / 449.90, risk 0.10 → 0.04 / 0.10 = 0.4 R
    expect(costInR(450, 449.9, DEFAULT_COST_MODEL)).toBeCloseTo(0.4, 9);
    // short 50.00 / stop 50.25: risk 0.25 → 0.04 / 0.25 = 0.16 R
    expect(costInR(50, 50.25, DEFAULT_COST_MODEL)).toBeCloseTo(0.16, 12);
  });

  it('R after costs = R gross − cost in R for filled trades', () => {
    // +2 R on 100/99 → 2 − 0.04 = 1.96; −1 R on the scalp → −1 − 0.4 = −1.4
    expect(rAfterCosts({ r_gross: 2, entry: 100, stop: 99, filled: true })).toBeCloseTo(1.96, 12);
    expect(rAfterCosts({ r_gross: -1, entry: 450, stop: 449.9, filled: true })).toBeCloseTo(-1.4, 9);
    // with a 4¢ spread both sides: 0.04 + 0.02 + 0.02 = 0.08 per share on risk 0.25 → 0.32 R; 1.5 − 0.32 = 1.18
    expect(rAfterCosts({ r_gross: 1.5, entry: 50, stop: 50.25, filled: true, spreads: { entry: 0.04, exit: 0.04 } })).toBeCloseTo(1.18, 12);
  });

  it('an unfilled plan costs nothing', () => {
    expect(rAfterCosts({ r_gross: 0, entry: 100, stop: 99, filled: false })).toBe(0);
  });

  it('rejects zero risk and negative costs, naming the field', () => {
    expect(() => costInR(100, 100)).toThrow(/entry and stop must differ/);
    expect(() => costModel({ slippage_per_share: -0.01 })).toThrow(/slippage_per_share/);
    expect(() => roundTripCostPerShare(DEFAULT_COST_MODEL, { exit: -1 })).toThrow(/exit spread/);
  });
});
