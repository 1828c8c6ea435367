import { BsmInput, bsm, bsmPrice } from './bsm';
import { scenarioPnl } from './scenario';

const base: BsmInput = { type: 'call', spot: 100, strike: 100, years: 30 / 365, rate: 0.04, dividendYield: 0.01, vol: 0.25 };

describe('scenarioPnl', () => {
  it('reprice = BSM(new state) − BSM(today), per share and ×100 per contract', () => {
    const r = scenarioPnl({ contract: base, spotMove: 3, daysPassed: 5, volChange: -2, method: 'reprice' });
    const want = bsmPrice({ ...base, spot: 103, years: 25 / 365, vol: 0.23 }) - bsmPrice(base);
    expect(r.method).toBe('reprice');
    expect(r.pnlPerShare).toBeCloseTo(want, 12);
    expect(r.pnlPerContract).toBeCloseTo(want * 100, 10);
    expect(r.newPrice).toBeCloseTo(bsmPrice({ ...base, spot: 103, years: 25 / 365, vol: 0.23 }), 12);
  });

  it('greeks = Δ·dS + ½Γ·dS² + θ/day·days + vega/pt·dVol from today’s greeks', () => {
    const g = bsm(base);
    const r = scenarioPnl({ contract: base, spotMove: -2, daysPassed: 3, volChange: 1.5, method: 'greeks' });
    expect(r.method).toBe('greeks');
    expect(r.pnlPerShare).toBeCloseTo(g.delta * -2 + 0.5 * g.gamma * 4 + g.thetaPerDay * 3 + g.vegaPerVolPoint * 1.5, 12);
    expect(r.differencePerShare).toBeCloseTo(r.greeksPnlPerShare - r.repricePnlPerShare, 14);
  });

  /*
   * Stated accuracy of the approximation: for |dS| ≤ 1 % of spot, ≤ 1 calendar day and ≤ 1 vol point,
   * strikes 90–110 % of spot and 7–183 days to expiry, the greeks P/L is within 3 cents per share
   * ($3 per contract; measured worst 2.55 cents, 7-day 95/105 strikes) of full re-pricing. The residual is the omitted third-order and cross terms
   * (vanna·dS·dσ, charm·dS·dt, speed·dS³…).
   */
  it('greeks approximation is within $0.03/share of re-pricing for small moves', () => {
    let worst = 0;
    for (const type of ['call', 'put'] as const)
      for (const strike of [90, 95, 100, 105, 110])
        for (const days of [7, 30, 90, 183])
          for (const spotMove of [-1, -0.5, 0.5, 1])
            for (const daysPassed of [0, 1])
              for (const volChange of [-1, 0, 1]) {
                const r = scenarioPnl({ contract: { ...base, type, strike, years: days / 365 }, spotMove, daysPassed, volChange, method: 'greeks' });
                worst = Math.max(worst, Math.abs(r.differencePerShare));
              }
    expect(worst).toBeLessThan(0.03);
    expect(worst).toBeGreaterThan(0); // the approximation is not exact, so the check is live
  });

  it('error of a pure spot move shrinks ~8× when the move halves (third-order residual)', () => {
    const err = (dS: number) => Math.abs(scenarioPnl({ contract: base, spotMove: dS, daysPassed: 0, method: 'greeks' }).differencePerShare);
    const ratio = err(2) / err(1);
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThan(10);
  });

  it('past expiry the re-priced value is intrinsic at the new spot', () => {
    const put = { ...base, type: 'put' as const, years: 2 / 365 };
    const r = scenarioPnl({ contract: put, spotMove: -7, daysPassed: 5, method: 'reprice' });
    expect(r.newPrice).toBe(7);
    expect(r.pnlPerShare).toBeCloseTo(7 - bsmPrice(put), 12);
  });

  it.each<[string, Record<string, unknown>]>([
    ['invalid contract', { contract: { ...base, vol: 0 } }],
    ['negative days', { daysPassed: -1 }],
    ['NaN move', { spotMove: NaN }],
    ['NaN vol change', { volChange: NaN }],
  ])('%s → NaN, no throw', (_n, over) => {
    const r = scenarioPnl({ contract: base, spotMove: 1, daysPassed: 1, method: 'reprice', ...over } as never);
    expect(r.pnlPerShare).toBeNaN();
    expect(r.pnlPerContract).toBeNaN();
  });

  it('spot or vol driven to ≤ 0 gives NaN re-pricing but a greeks estimate', () => {
    const r = scenarioPnl({ contract: base, spotMove: -100, daysPassed: 0, method: 'reprice' });
    expect(r.pnlPerShare).toBeNaN();
    expect(Number.isFinite(r.greeksPnlPerShare)).toBe(true);
    expect(scenarioPnl({ contract: base, spotMove: 0, daysPassed: 0, volChange: -30, method: 'reprice' }).pnlPerShare).toBeNaN();
  });

  it('null args do not throw', () => {
    expect(scenarioPnl(null as never).pnlPerShare).toBeNaN();
  });
});
