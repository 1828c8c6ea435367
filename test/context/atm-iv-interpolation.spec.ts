/**
 * The 30-day constant-maturity ATM IV on a recorded chain (TWX, LEAN, 2014-06-05 15:59 ET, bid/ask only),
 * against a computation written here from the raw rows: own Black-Scholes (normal CDF by Simpson
 * integration), own bisection for each mid's IV, the call/put average per strike, linear in strike
 * between the strikes around spot, then linear in total variance σ²T between the expirations around
 * 30 days. Only the time convention (years to expiry) is taken from the core, since it is not what
 * this test checks.
 */
import { yearsToExpiry } from '../../src/core/options/time';
import { atmIv } from '../../src/core/volatility';
import { twxSnapshot } from '../contracts/chain-fixtures';

const R = 0.0005;
const Q = 0.018;

function phi(x: number): number {
  // Φ(x) = 1/2 + (1/√(2π)) ∫₀ˣ e^(−t²/2) dt, composite Simpson with 800 intervals
  const n = 800;
  const h = x / n;
  let s = 1 + Math.exp((-x * x) / 2);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * Math.exp((-(i * h) * (i * h)) / 2);
  return 0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

function price(type: 'call' | 'put', S: number, K: number, T: number, v: number): number {
  const d1 = (Math.log(S / K) + (R - Q + (v * v) / 2) * T) / (v * Math.sqrt(T));
  const d2 = d1 - v * Math.sqrt(T);
  return type === 'call' ? S * Math.exp(-Q * T) * phi(d1) - K * Math.exp(-R * T) * phi(d2) : K * Math.exp(-R * T) * phi(-d2) - S * Math.exp(-Q * T) * phi(-d1);
}

function bisectIv(type: 'call' | 'put', S: number, K: number, T: number, target: number): number {
  let lo = 1e-4;
  let hi = 3;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (price(type, S, K, T, mid) > target) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe('30-day ATM IV interpolation on the recorded TWX chain (hand computation)', () => {
  const snap = twxSnapshot('15:59');
  const res = atmIv(snap.contracts, snap.spot, snap.nowMs, 30, { rate: R, dividendYield: Q });

  function handAtm(expiration: string): { iv: number; T: number; below: number; above: number } {
    const T = yearsToExpiry(snap.nowMs, expiration);
    const rows = snap.contracts.filter((c) => c.expiration === expiration && c.bid !== null && c.ask !== null && c.bid > 0 && c.ask >= c.bid);
    const strikes = [...new Set(rows.map((c) => c.strike))].sort((a, b) => a - b);
    const below = Math.max(...strikes.filter((k) => k <= snap.spot));
    const above = Math.min(...strikes.filter((k) => k >= snap.spot));
    const at = (k: number) => {
      const ivs = rows.filter((c) => c.strike === k).map((c) => bisectIv(c.type, snap.spot, k, T, (c.bid! + c.ask!) / 2));
      return ivs.reduce((a, b) => a + b, 0) / ivs.length;
    };
    const ivB = at(below);
    const ivA = at(above);
    return { iv: above === below ? ivB : ivB + ((ivA - ivB) * (snap.spot - below)) / (above - below), T, below, above };
  }

  it('brackets 30 days with the Jun and Jul 2014 expirations', () => {
    expect(res.method).toBe('interpolated');
    expect(res.expirationsUsed).toEqual(['2014-06-21', '2014-07-19']);
  });

  it('per-expiration ATM IV and the variance-interpolated 30-day value equal the hand computation', () => {
    const a = handAtm('2014-06-21');
    const b = handAtm('2014-07-19');
    const core = (e: string) => res.perExpiration.find((p) => p.expiration === e)!;
    expect([core('2014-06-21').strikeBelow, core('2014-06-21').strikeAbove]).toEqual([a.below, a.above]);
    expect(core('2014-06-21').atmIv).toBeCloseTo(a.iv, 6);
    expect(core('2014-07-19').atmIv).toBeCloseTo(b.iv, 6);
    const t = 30 / 365;
    const w = a.iv * a.iv * a.T + ((b.iv * b.iv * b.T - a.iv * a.iv * a.T) * (t - a.T)) / (b.T - a.T);
    const hand = Math.sqrt(w / t);
    expect(res.constantMaturityIv).toBeCloseTo(hand, 6);
    // the two expirations and the 30-day value, percent
    expect({ jun: +(a.iv * 100).toFixed(2), jul: +(b.iv * 100).toFixed(2), cm30: +(hand * 100).toFixed(2) }).toEqual({
      jun: +(core('2014-06-21').atmIv * 100).toFixed(2),
      jul: +(core('2014-07-19').atmIv * 100).toFixed(2),
      cm30: +(res.constantMaturityIv * 100).toFixed(2),
    });
  });
});
