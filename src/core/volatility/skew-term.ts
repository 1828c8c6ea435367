/**
 * Skew and term structure of an option chain (issue 16).
 *
 * - 25-delta wings per expiration: among out-of-the-money calls (strike ≥ spot) the IV at delta +0.25,
 *   among out-of-the-money puts (strike ≤ spot) the IV at delta −0.25, each linear in delta between the
 *   two contracts whose deltas bracket it (vendor delta when given, else BSM delta at the contract's
 *   IV). An expiration whose deltas do not bracket ±0.25 has no wings.
 * - At `targetDays` (30): each wing IV and the ATM IV are interpolated in total variance between the
 *   expirations with wings around the target (flat outside them, `method: 'extrapolated_flat'`), then
 *   risk reversal RR25 = IV(25Δ call) − IV(25Δ put) and butterfly BF25 = (IV(25Δ call) + IV(25Δ put))/2 − ATM IV.
 * - Term curve: ATM IV per expiration (atm-iv.ts) nearest first; slope = least-squares slope of ATM IV
 *   against calendar days × 30 (IV change per 30 days; positive = upward sloping, contango).
 * All volatilities are fractions here; callers present percents.
 */
import type { OptionContract } from '../../providers/provider.types';
import { bsm } from '../options/bsm';
import { yearsToExpiry } from '../options/time';
import { atmIv, contractIv, type AtmIvOptions, type AtmIvResult } from './atm-iv';

export interface WingPoint {
  expiration: string;
  years: number;
  days: number;
  atmIv: number;
  call25Iv: number;
  put25Iv: number;
}

export interface SkewTermResult {
  targetDays: number;
  call25Iv: number;
  put25Iv: number;
  atmIv: number;
  /** RR25 and BF25 at targetDays (fractions); NaN when no expiration has both wings. */
  rr25: number;
  bf25: number;
  method: 'interpolated' | 'exact' | 'extrapolated_flat' | 'none';
  expirationsUsed: string[];
  wings: WingPoint[];
  term: Array<{ expiration: string; days: number; atmIv: number }>;
  /** Least-squares slope of ATM IV per 30 calendar days (fraction); NaN with fewer than 2 expirations. */
  termSlopePer30d: number;
  atm: AtmIvResult;
}

function deltaOf(c: OptionContract, spot: number, years: number, iv: number, o: Required<AtmIvOptions>): number {
  if (typeof c.delta === 'number' && Number.isFinite(c.delta) && c.delta !== 0) return c.delta;
  return bsm({ type: c.type, spot, strike: c.strike, years, rate: o.rate, dividendYield: o.dividendYield, vol: iv }).delta;
}

/** IV at `target` delta, linear in delta between the bracketing points; NaN when none bracket it. */
function ivAtDelta(points: Array<{ delta: number; iv: number }>, target: number): number {
  const s = points.filter((p) => Number.isFinite(p.delta) && Number.isFinite(p.iv)).sort((a, b) => a.delta - b.delta);
  for (let i = 0; i < s.length; i++) {
    if (s[i].delta === target) return s[i].iv;
    if (i > 0 && s[i - 1].delta < target && s[i].delta > target) {
      const a = s[i - 1];
      const b = s[i];
      return a.iv + ((b.iv - a.iv) * (target - a.delta)) / (b.delta - a.delta);
    }
  }
  return NaN;
}

function wingsFor(rows: OptionContract[], spot: number, years: number, o: Required<AtmIvOptions>): { call25: number; put25: number } {
  const calls: Array<{ delta: number; iv: number }> = [];
  const puts: Array<{ delta: number; iv: number }> = [];
  for (const c of rows) {
    if (!(c.strike > 0)) continue;
    const otm = c.type === 'call' ? c.strike >= spot : c.type === 'put' ? c.strike <= spot : false;
    if (!otm) continue;
    const iv = contractIv(c, spot, years, o);
    if (!iv) continue;
    const d = deltaOf(c, spot, years, iv[0], o);
    (c.type === 'call' ? calls : puts).push({ delta: d, iv: iv[0] });
  }
  return { call25: ivAtDelta(calls, 0.25), put25: ivAtDelta(puts, -0.25) };
}

/** σ at tStar from σ1 at t1 and σ2 at t2, linear in total variance σ²·t. */
export function varianceInterpolate(s1: number, t1: number, s2: number, t2: number, tStar: number): number {
  const w1 = s1 * s1 * t1;
  const w2 = s2 * s2 * t2;
  const w = w1 + ((w2 - w1) * (tStar - t1)) / (t2 - t1);
  return w > 0 ? Math.sqrt(w / tStar) : NaN;
}

function olsSlope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

export function skewAndTerm(contracts: OptionContract[], spot: number, nowMs: number, targetDays = 30, options: AtmIvOptions = {}): SkewTermResult {
  const o: Required<AtmIvOptions> = { rate: options.rate ?? 0, dividendYield: options.dividendYield ?? 0 };
  const atm = atmIv(contracts, spot, nowMs, targetDays, o);
  const term = atm.perExpiration.map((p) => ({ expiration: p.expiration, days: p.days, atmIv: p.atmIv }));
  const termSlopePer30d = olsSlope(
    term.map((t) => t.days),
    term.map((t) => t.atmIv),
  );
  const base = {
    targetDays,
    call25Iv: NaN,
    put25Iv: NaN,
    atmIv: NaN,
    rr25: NaN,
    bf25: NaN,
    method: 'none' as const,
    expirationsUsed: [] as string[],
    wings: [] as WingPoint[],
    term,
    termSlopePer30d: termSlopePer30d * 30,
    atm,
  };
  if (atm.perExpiration.length === 0) return base;

  const groups = new Map<string, OptionContract[]>();
  for (const c of contracts) if (c && typeof c.expiration === 'string') groups.set(c.expiration, [...(groups.get(c.expiration) ?? []), c]);
  const wings: WingPoint[] = [];
  for (const p of atm.perExpiration) {
    const years = yearsToExpiry(nowMs, p.expiration);
    const w = wingsFor(groups.get(p.expiration) ?? [], spot, years, o);
    if (Number.isFinite(w.call25) && Number.isFinite(w.put25)) wings.push({ expiration: p.expiration, years, days: p.days, atmIv: p.atmIv, call25Iv: w.call25, put25Iv: w.put25 });
  }
  if (wings.length === 0) return { ...base, wings };

  const tStar = targetDays / 365;
  const done = (c: number, pu: number, a: number, method: SkewTermResult['method'], used: string[]): SkewTermResult => ({
    ...base,
    call25Iv: c,
    put25Iv: pu,
    atmIv: a,
    rr25: c - pu,
    bf25: (c + pu) / 2 - a,
    method,
    expirationsUsed: used,
    wings,
  });
  const exact = wings.find((w) => Math.abs(w.years - tStar) < 1e-12);
  if (exact) return done(exact.call25Iv, exact.put25Iv, exact.atmIv, 'exact', [exact.expiration]);
  if (tStar < wings[0].years || tStar > wings[wings.length - 1].years) {
    const w = tStar < wings[0].years ? wings[0] : wings[wings.length - 1];
    return done(w.call25Iv, w.put25Iv, w.atmIv, 'extrapolated_flat', [w.expiration]);
  }
  const i = wings.findIndex((w) => w.years > tStar);
  const a = wings[i - 1];
  const b = wings[i];
  const vi = (x: number, y: number) => varianceInterpolate(x, a.years, y, b.years, tStar);
  return done(vi(a.call25Iv, b.call25Iv), vi(a.put25Iv, b.put25Iv), vi(a.atmIv, b.atmIv), 'interpolated', [a.expiration, b.expiration]);
}
