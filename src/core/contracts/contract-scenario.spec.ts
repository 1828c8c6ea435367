import { bsm, bsmPrice } from '../options/bsm';
import { prepareContractRow, DEFAULT_RATE } from './contract-row';
import { greeksPrice, scenarioPoints, SCENARIO_METHOD } from './contract-scenario';
import type { OptionContract } from '../../providers/provider.types';

/**
 * The greeks (2nd-order Taylor) scenario P/L against full Black-Scholes re-pricing. Stated error
 * bound: for underlying moves up to 1 % of spot over at most one calendar day, |greeks − reprice|
 * ≤ 0.5 % of the option premium + $0.002 per share. Contracts 7–60 days out, |Δ| 0.2–0.8.
 */
const NOW = Date.parse('2024-03-01T15:00:00Z'); // 10:00 ET
const EXPIRIES = ['2024-03-08', '2024-03-15', '2024-04-19'];

function contractAt(type: 'call' | 'put', strike: number, expiration: string, spot: number, vol: number): OptionContract {
  const row = prepareContractRow({ symbol: 'X', underlying: 'X', expiration, type, strike, bid: null, ask: null, volume: 0, open_interest: 0, iv: vol }, { spot, nowMs: NOW });
  const price = bsmPrice({ type, spot, strike, years: row.years, rate: DEFAULT_RATE, dividendYield: 0, vol });
  // A quote a cent wide around the model price, so the mid equals the BSM value to ±0.005.
  const mid = Math.round(price * 100) / 100;
  return { symbol: `X${type}${strike}${expiration}`, underlying: 'X', expiration, type, strike, bid: mid - 0.01, ask: mid + 0.01, volume: 100, open_interest: 1000, iv: vol };
}

describe('scenario P/L: greeks method vs full BSM re-pricing', () => {
  const spot = 100;
  const cases: Array<['call' | 'put', number, string, number]> = [];
  for (const exp of EXPIRIES) for (const k of [95, 100, 105]) for (const t of ['call', 'put'] as const) cases.push([t, k, exp, 0.25]);

  it.each(cases)('%s K=%d exp %s σ=%d within 0.5 %% of premium for |dS| ≤ 1 %%, ≤ 1 day', (type, strike, exp, vol) => {
    const c = contractAt(type, strike, exp, spot, vol);
    const row = prepareContractRow(c, { spot, nowMs: NOW });
    expect(row.greeks_source).toBe('computed');
    const delta = Math.abs(row.greeks!.delta);
    if (delta < 0.2 || delta > 0.8) return; // outside the stated range (deep ITM/OTM): bound not claimed
    for (const move of [-1, -0.5, 0.5, 1]) {
      for (const days of [0, 1]) {
        const [pt] = scenarioPoints(row, { spot, levels: [{ label: 'x', price: spot + move }], days });
        // Independent re-pricing straight from BSM (not via the module's reprice helper).
        const before = bsmPrice({ type, spot, strike, years: row.years, rate: DEFAULT_RATE, dividendYield: 0, vol: row.iv });
        const after = bsmPrice({ type, spot: spot + move, strike, years: row.years - days / 365, rate: DEFAULT_RATE, dividendYield: 0, vol: row.iv });
        const exact = (after - before) * 100;
        expect(Math.abs(pt.reprice_pnl_per_contract - exact)).toBeLessThan(1e-9);
        const bound = (0.005 * row.mid + 0.002) * 100;
        expect(Math.abs(pt.pnl_per_contract - exact)).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('the Taylor terms are Δ·dS + ½Γ·dS² + θ·days (checked term by term)', () => {
    const c = contractAt('call', 100, '2024-03-15', spot, 0.3);
    const row = prepareContractRow(c, { spot, nowMs: NOW });
    const g = bsm({ type: 'call', spot, strike: 100, years: row.years, rate: DEFAULT_RATE, dividendYield: 0, vol: row.iv });
    const p = greeksPrice(row, 2, 3);
    expect(p - row.mid).toBeCloseTo(g.delta * 2 + 0.5 * g.gamma * 4 + g.thetaPerDay * 3, 10);
  });

  it('stays monotone past the parabola vertex and floors the value at zero', () => {
    const c = contractAt('call', 105, '2024-03-08', spot, 0.25);
    const row = prepareContractRow(c, { spot, nowMs: NOW });
    const g = row.greeks!;
    const pts = scenarioPoints(row, { spot, levels: [95, 80, 60].map((p) => ({ label: String(p), price: p })), days: 0 });
    const atVertex = Math.max(row.mid - (g.delta * g.delta) / (2 * g.gamma), 0);
    // A −40 move would otherwise "gain" ½Γ·1600; held at the vertex instead, never below −premium.
    expect(pts[2].pnl_per_contract).toBeCloseTo((atVertex - row.mid) * 100, 8);
    expect(pts[2].pnl_per_contract).toBeGreaterThanOrEqual(-row.mid * 100 - 1e-9);
    expect(pts[0].pnl_per_contract).toBeGreaterThanOrEqual(pts[1].pnl_per_contract);
    expect(pts[1].pnl_per_contract).toBeGreaterThanOrEqual(pts[2].pnl_per_contract);
    const [decay] = scenarioPoints(row, { spot, levels: [{ label: 'flat', price: spot }], days: 30 });
    expect(decay.pnl_per_contract).toBeCloseTo(-row.mid * 100, 8); // θ·30 days exceeds the premium → value 0
  });

  it('measures from the entry level when the plan enters away from spot', () => {
    const c = contractAt('call', 100, '2024-03-15', spot, 0.25);
    const row = prepareContractRow(c, { spot, nowMs: NOW });
    const [atEntry] = scenarioPoints(row, { spot, entry: 101, levels: [{ label: 'entry', price: 101 }], days: 0 });
    expect(atEntry.pnl_per_contract).toBeCloseTo(0, 10);
    expect(atEntry.reprice_pnl_per_contract).toBeCloseTo(0, 10);
  });

  it('names its method and returns nothing for unusable input', () => {
    expect(SCENARIO_METHOD).toBe('greeks');
    const c = contractAt('put', 100, '2024-03-15', spot, 0.25);
    const row = prepareContractRow(c, { spot, nowMs: NOW });
    expect(scenarioPoints(row, { spot: NaN, levels: [{ label: 'x', price: 99 }], days: 0 })).toEqual([]);
    expect(scenarioPoints(row, { spot, levels: [{ label: 'x', price: -1 }], days: 0 })).toEqual([]);
    expect(greeksPrice({ ...row, greeks: null }, 1, 0)).toBeNaN();
  });
});
