import type { ContractRow } from './contract-row';
import { liquidityScore, norm, tradeabilityScore } from './contract-score';

function row(p: { spread_pct: number; delta: number | null; oi: number; volume: number; theta?: number }): ContractRow {
  return {
    contract: { symbol: 'X', underlying: 'X', expiration: '2030-01-01', type: 'call', strike: 10, bid: 1, ask: 1.1, volume: p.volume, open_interest: p.oi },
    mid: 1.05,
    spread_pct: p.spread_pct,
    dte: 5,
    years: 0.02,
    iv: 0.3,
    greeks: p.delta === null ? null : { delta: p.delta, gamma: 0.1, theta: p.theta ?? -0.02, vega: 0.01 },
    greeks_source: p.delta === null ? null : 'vendor',
  };
}

describe('tradeability score', () => {
  it('matches the reference formula worked by hand', () => {
    // spread 7 % → 1 − (7−2)/10 = 0.5; Δ 0.45 vs target 0.50 → 1 − 0.05/0.5 = 0.9;
    // OI 1000 → (3 − 2)/2 = 0.5; IV rank unknown → 0.5. 100 × (0.2 + 0.27 + 0.1 + 0.05) = 62.0
    const s = tradeabilityScore(row({ spread_pct: 7, delta: 0.45, oi: 1000, volume: 10 }), { style: 'intraday' });
    expect(s.components).toEqual({ spread: 0.5, delta_fit: 0.9, open_interest: 0.5, iv_regime: 0.5, leaps_theta_bonus: 0 });
    expect(s.total).toBe(62);
  });

  it('clamps components and adds the leaps theta bonus', () => {
    const s = tradeabilityScore(row({ spread_pct: 1, delta: -0.35, oi: 50_000, volume: 0, theta: -0.01 }), { style: 'leaps', ivRankPct: 20 });
    expect(s.components).toEqual({ spread: 1, delta_fit: 1, open_interest: 1, iv_regime: 1, leaps_theta_bonus: 0.05 });
    expect(s.total).toBe(100);
  });

  it('liquidity score by hand: spread 10 %, Δ .5 (prefer .5), percentile 50, vol/OI 0.75', () => {
    const l = liquidityScore(row({ spread_pct: 10, delta: 0.5, oi: 1000, volume: 750 }), { style: 'intraday', ivPercentilePct: 50 });
    // 0.3×0.75 + 0.1×0.5 + 0.25×1 + 0.2×1 + 0.15×0.5 = 0.8
    expect(l.score).toBeCloseTo(0.8, 10);
  });

  it('norm clamps to 0–1 and handles NaN', () => {
    expect([norm(0, 2, 12), norm(7, 2, 12), norm(20, 2, 12)]).toEqual([0, 0.5, 1]);
    expect(norm(NaN, 2, 12)).toBe(0);
  });
});
