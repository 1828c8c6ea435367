/**
 * At-the-money implied volatility per expiration, and a constant-maturity value (30 days by
 * default) interpolated in total variance between the two expirations that bracket the target.
 *
 * Per expiration: the IV at each strike is the average of the call and put IV (either alone if only
 * one is usable). A contract's IV is the vendor's `iv` when it is a positive finite fraction ≤ 10,
 * otherwise it is solved (BSM, `rate`/`dividendYield` options) from the mid of a two-sided quote
 * (bid > 0, ask ≥ bid). ATM IV = linear interpolation in strike between the nearest strikes at or
 * below and at or above spot; an expiration whose strikes do not straddle spot is skipped.
 *
 * Constant maturity: with total variance w(T) = σ²·T and target T* = targetDays/365,
 * w* = w1 + (w2 − w1)·(T* − T1)/(T2 − T1) and σ* = √(w* ÷ T*). Outside the expirations available the
 * nearest expiration's ATM IV is used flat (`method: 'extrapolated_flat'`).
 */
import type { OptionContract } from '../../providers/provider.types';
import { impliedVol, QUOTE_HALF_TICK } from '../options/implied-vol';
import { yearsToExpiry } from '../options/time';

export interface AtmIvOptions {
  /** Continuous risk-free rate for solving IV from mids (fraction); default 0 — the call/put average cancels most of a wrong forward. */
  rate?: number;
  /** Continuous dividend yield (fraction); default 0. */
  dividendYield?: number;
}

export interface AtmIvPoint {
  expiration: string;
  /** ACT/365 years to 16:00 ET on expiration. */
  years: number;
  days: number;
  /** ATM IV, fraction. */
  atmIv: number;
  /** Strikes interpolated between (equal when spot sits on a strike). */
  strikeBelow: number;
  strikeAbove: number;
  /** Where the IVs came from: all vendor, all solved from mid, or both. */
  ivSource: 'vendor' | 'solved' | 'mixed';
}

export interface AtmIvResult {
  targetDays: number;
  /** Constant-maturity ATM IV (fraction); NaN when no expiration is usable. */
  constantMaturityIv: number;
  method: 'interpolated' | 'exact' | 'extrapolated_flat' | 'none';
  /** Expirations that fed constantMaturityIv (one or two). */
  expirationsUsed: string[];
  /** Every usable expiration, nearest first. */
  perExpiration: AtmIvPoint[];
}

type IvSrc = 'vendor' | 'solved';

/** A contract's IV (fraction) and whether the vendor gave it or it was solved from the mid; null when neither works. */
export function contractIv(c: OptionContract, spot: number, years: number, opts: Required<AtmIvOptions>): [number, IvSrc] | null {
  if (typeof c.iv === 'number' && Number.isFinite(c.iv) && c.iv > 0 && c.iv <= 10) return [c.iv, 'vendor'];
  const { bid, ask } = c;
  if (typeof bid !== 'number' || typeof ask !== 'number' || !(bid > 0) || !(ask >= bid)) return null;
  const res = impliedVol(
    {
      type: c.type,
      spot,
      strike: c.strike,
      years,
      rate: opts.rate,
      dividendYield: opts.dividendYield,
      price: (bid + ask) / 2,
      // quotes are whole cents; an ill-conditioned σ (half a cent moves it > 1 vol point) is unavailable, not used
    },
    { priceTolerance: QUOTE_HALF_TICK },
  );
  return res.ok ? [res.vol, 'solved'] : null;
}

function atmForExpiration(expiration: string, rows: OptionContract[], spot: number, years: number, opts: Required<AtmIvOptions>): AtmIvPoint | null {
  const byStrike = new Map<number, { sum: number; n: number; src: Set<IvSrc> }>();
  for (const c of rows) {
    if (!(c.strike > 0) || (c.type !== 'call' && c.type !== 'put')) continue;
    const iv = contractIv(c, spot, years, opts);
    if (!iv) continue;
    const e = byStrike.get(c.strike) ?? { sum: 0, n: 0, src: new Set<IvSrc>() };
    e.sum += iv[0];
    e.n++;
    e.src.add(iv[1]);
    byStrike.set(c.strike, e);
  }
  let below: number | null = null;
  let above: number | null = null;
  for (const k of byStrike.keys()) {
    if (k <= spot && (below === null || k > below)) below = k;
    if (k >= spot && (above === null || k < above)) above = k;
  }
  if (below === null || above === null) return null;
  const eb = byStrike.get(below)!;
  const ea = byStrike.get(above)!;
  const ivB = eb.sum / eb.n;
  const ivA = ea.sum / ea.n;
  const atmIv = above === below ? ivB : ivB + ((ivA - ivB) * (spot - below)) / (above - below);
  const src = new Set([...eb.src, ...ea.src]);
  return {
    expiration,
    years,
    days: years * 365,
    atmIv,
    strikeBelow: below,
    strikeAbove: above,
    ivSource: src.size > 1 ? 'mixed' : [...src][0],
  };
}

export function atmIv(contracts: OptionContract[], spot: number, nowMs: number, targetDays = 30, options: AtmIvOptions = {}): AtmIvResult {
  const opts: Required<AtmIvOptions> = { rate: options.rate ?? 0, dividendYield: options.dividendYield ?? 0 };
  const empty: AtmIvResult = { targetDays, constantMaturityIv: NaN, method: 'none', expirationsUsed: [], perExpiration: [] };
  if (!Array.isArray(contracts) || !(spot > 0) || !Number.isFinite(spot) || !Number.isFinite(nowMs) || !(targetDays > 0)) return empty;
  if (!Number.isFinite(opts.rate) || !Number.isFinite(opts.dividendYield)) return empty;

  const groups = new Map<string, OptionContract[]>();
  for (const c of contracts) {
    if (!c || typeof c.expiration !== 'string') continue;
    const g = groups.get(c.expiration);
    if (g) g.push(c);
    else groups.set(c.expiration, [c]);
  }
  const points: AtmIvPoint[] = [];
  for (const [exp, rows] of groups) {
    const years = yearsToExpiry(nowMs, exp);
    if (!(years > 0)) continue; // expired or malformed date
    const p = atmForExpiration(exp, rows, spot, years, opts);
    if (p && Number.isFinite(p.atmIv) && p.atmIv > 0) points.push(p);
  }
  points.sort((a, b) => a.years - b.years);
  if (points.length === 0) return empty;

  const tStar = targetDays / 365;
  const exact = points.find((p) => Math.abs(p.years - tStar) < 1e-12);
  if (exact) return { ...empty, constantMaturityIv: exact.atmIv, method: 'exact', expirationsUsed: [exact.expiration], perExpiration: points };
  const first = points[0];
  const last = points[points.length - 1];
  if (tStar < first.years || tStar > last.years) {
    const p = tStar < first.years ? first : last;
    return { ...empty, constantMaturityIv: p.atmIv, method: 'extrapolated_flat', expirationsUsed: [p.expiration], perExpiration: points };
  }
  const i = points.findIndex((p) => p.years > tStar);
  const p1 = points[i - 1];
  const p2 = points[i];
  const w1 = p1.atmIv * p1.atmIv * p1.years;
  const w2 = p2.atmIv * p2.atmIv * p2.years;
  const w = w1 + ((w2 - w1) * (tStar - p1.years)) / (p2.years - p1.years);
  return {
    ...empty,
    constantMaturityIv: w > 0 ? Math.sqrt(w / tStar) : NaN,
    method: 'interpolated',
    expirationsUsed: [p1.expiration, p2.expiration],
    perExpiration: points,
  };
}
