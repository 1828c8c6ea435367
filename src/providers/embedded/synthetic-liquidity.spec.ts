import { liquidityTier, syntheticActivity, syntheticQuote, syntheticStrikeStep } from './synthetic-liquidity';
import { Prng } from './prng';

const pct = (q: { bid: number; ask: number }) => ((q.ask - q.bid) / ((q.ask + q.bid) / 2)) * 100;

describe('synthetic option quotes shaped like listed options', () => {
  it('liquid underlyings are top tier whatever their synthetic volume; others scale with dollar volume', () => {
    expect(liquidityTier('SPY', 1e5, 10)).toBe(1);
    expect(liquidityTier('AAPL', 1e5, 10)).toBe(0.95);
    expect(liquidityTier('ZZZZ', 1e6, 10)).toBe(0); // 10 M$/day
    expect(liquidityTier('ZZZZ', 1e7, 100)).toBeCloseTo(2 / 3, 12); // 1 B$/day
  });

  it('near the money a liquid name is a penny or two wide; a cheap illiquid name much wider', () => {
    const spyAtm = syntheticQuote(2.0, 0, 1);
    expect(spyAtm.ask - spyAtm.bid).toBeCloseTo(0.02, 10);
    expect(pct(spyAtm)).toBeLessThan(1.5);
    const cheap = syntheticQuote(0.5, 0, 0);
    expect(pct(cheap)).toBeGreaterThan(10);
    expect(pct(cheap)).toBeGreaterThan(5 * pct(syntheticQuote(0.5, 0, 1)));
  });

  it('spreads widen away from the money (in dollars and in percent of premium)', () => {
    const atm = syntheticQuote(5, 0, 0.95);
    const itm = syntheticQuote(5, 2.5, 0.95);
    expect(itm.ask - itm.bid).toBeGreaterThan(atm.ask - atm.bid);
    expect(pct(syntheticQuote(0.3, 2, 0.95))).toBeGreaterThan(pct(syntheticQuote(3, 0, 0.95)));
  });

  it('quotes sit on the tick grid with bid ≥ 0 and ask ≥ bid + one tick', () => {
    for (const price of [0.001, 0.04, 0.5, 2.99, 3.01, 12.34, 80]) {
      for (const tier of [0, 0.5, 1]) {
        const q = syntheticQuote(price, 1, tier);
        const tick = price < 3 || tier >= 0.85 ? 0.01 : 0.05;
        expect(q.bid).toBeGreaterThanOrEqual(0);
        expect(q.ask - q.bid).toBeGreaterThanOrEqual(tick - 1e-9);
        expect(Math.abs(q.ask / tick - Math.round(q.ask / tick))).toBeLessThan(1e-6);
      }
    }
  });

  it('open interest peaks at the money, OTM over ITM, front months over far; volume follows', () => {
    const oi = (m: number, otm: boolean, dte: number, tier = 1) => {
      const rng = { next: () => 0.5 } as Prng;
      return syntheticActivity({ moneyness: m, otm, dte, tier, strike: 101, spot: 100, rng });
    };
    expect(oi(0, true, 5).oi).toBeGreaterThan(oi(2, true, 5).oi);
    expect(oi(1, true, 5).oi).toBeGreaterThan(oi(1, false, 5).oi);
    expect(oi(0, true, 5).oi).toBeGreaterThan(oi(0, true, 300).oi);
    expect(oi(0, true, 5).oi).toBeGreaterThan(10 * oi(0, true, 5, 0).oi);
    expect(oi(0, true, 1).volume).toBeGreaterThan(oi(0, true, 60).volume);
  });

  it('liquid names list $0.50 / $1 strikes; others keep the standard grid', () => {
    expect(syntheticStrikeStep(1, 40, 0.95)).toBe(0.5);
    expect(syntheticStrikeStep(2.5, 120, 1)).toBe(1);
    expect(syntheticStrikeStep(2.5, 120, 0.3)).toBe(2.5);
  });
});
