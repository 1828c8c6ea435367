/**
 * One option contract prepared for screening: a tradeable price, spread, days to expiry and greeks
 * (the vendor's when it sent them, else computed by BSM from an implied vol solved from the mid).
 */
import type { OptionContract } from '../../providers/provider.types';
import { bsm } from '../options/bsm';
import { impliedVol, QUOTE_HALF_TICK } from '../options/implied-vol';
import { yearsToExpiry } from '../options/time';
import { etDate } from '../session/et-time';

/**
 * Continuous risk-free rate and dividend yield assumed when greeks are computed (fractions). A flat
 * assumption: vendor greeks are preferred whenever present; for short-dated contracts the effect of
 * a 1-point rate error on delta is below 0.01.
 */
export const DEFAULT_RATE = 0.04;
export const DEFAULT_DIVIDEND_YIELD = 0;

export interface Greeks {
  delta: number;
  gamma: number;
  /** Per calendar day, per share. */
  theta: number;
  /** Per 1 vol point, per share. */
  vega: number;
}

export interface ContractRow {
  contract: OptionContract;
  /** Mid of a two-sided quote, per share; NaN without one. */
  mid: number;
  /** (ask − bid) / mid × 100; NaN without a two-sided quote. */
  spread_pct: number;
  /** Calendar days from today's ET date to expiration; NaN when the date is malformed. */
  dte: number;
  /** ACT/365 years to 16:00 ET on expiration. */
  years: number;
  /** Implied vol, fraction; the vendor's or solved from the mid; NaN when neither. */
  iv: number;
  greeks: Greeks | null;
  greeks_source: 'vendor' | 'computed' | null;
  /** Why greeks could not be computed (IV solver failure reason, missing spot…). */
  greeks_note?: string;
}

export interface PrepareContext {
  /** Underlying price, per share. */
  spot: number;
  /** "Now", UTC ms (service clock). */
  nowMs: number;
  rate?: number;
  dividendYield?: number;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function daysBetween(fromYmd: string, toYmd: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(toYmd)) return NaN;
  const a = Date.parse(`${fromYmd}T00:00:00Z`);
  const b = Date.parse(`${toYmd}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : NaN;
}

function vendorGreeks(c: OptionContract): Greeks | null {
  if (!finite(c.delta) || !finite(c.gamma) || !finite(c.theta) || !finite(c.vega)) return null;
  return { delta: c.delta, gamma: c.gamma, theta: c.theta, vega: c.vega };
}

export function prepareContractRow(c: OptionContract, ctx: PrepareContext): ContractRow {
  return prepareRow(c, ctx, (expiration) => (Number.isFinite(ctx.nowMs) ? daysBetween(etDate(ctx.nowMs), expiration) : NaN));
}

/** `dteOf` gives calendar days from today's ET date to an expiration (a chain has a few dates: computed once each). */
function prepareRow(c: OptionContract, ctx: PrepareContext, dteOf: (expiration: string) => number): ContractRow {
  const rate = ctx.rate ?? DEFAULT_RATE;
  const q = ctx.dividendYield ?? DEFAULT_DIVIDEND_YIELD;
  const bid = finite(c.bid) ? c.bid : NaN;
  const ask = finite(c.ask) ? c.ask : NaN;
  const twoSided = bid >= 0 && ask > 0 && ask >= bid;
  const mid = twoSided ? (bid + ask) / 2 : NaN;
  const spread_pct = twoSided ? ((ask - bid) / mid) * 100 : NaN;
  const years = yearsToExpiry(ctx.nowMs, c.expiration);
  const dte = dteOf(c.expiration);
  const vendorIv = finite(c.iv) && c.iv > 0 && c.iv <= 10 ? c.iv : NaN;

  const row: ContractRow = { contract: c, mid, spread_pct, dte, years, iv: vendorIv, greeks: null, greeks_source: null };
  const vg = vendorGreeks(c);
  if (vg) {
    row.greeks = vg;
    row.greeks_source = 'vendor';
    return row;
  }
  if (!(ctx.spot > 0) || !Number.isFinite(ctx.spot)) {
    row.greeks_note = 'underlying price unknown';
    return row;
  }
  if (!(years > 0)) {
    row.greeks_note = 'expired or expiration unknown';
    return row;
  }
  let vol = vendorIv;
  if (!Number.isFinite(vol)) {
    // A zero bid makes the mid half the ask: no reliable price to imply a volatility from.
    if (!(bid > 0) || !twoSided) {
      row.greeks_note = 'no two-sided quote with a positive bid to solve IV from';
      return row;
    }
    // quotes are whole cents: a σ that half a cent moves by more than a vol point is not identified
    const iv = impliedVol({ type: c.type, spot: ctx.spot, strike: c.strike, years, rate, dividendYield: q, price: mid }, { priceTolerance: QUOTE_HALF_TICK });
    if (!iv.ok) {
      row.greeks_note =
        iv.reason === 'ill_conditioned' ? `iv unavailable: ill_conditioned (vega ${iv.vega.toExponential(2)} per 1.00 σ; half a cent moves σ by more than 1 vol point)` : `iv_unsolvable:${iv.reason}`;
      return row;
    }
    vol = iv.vol;
  }
  const g = bsm({ type: c.type, spot: ctx.spot, strike: c.strike, years, rate, dividendYield: q, vol });
  if (!Number.isFinite(g.delta)) {
    row.greeks_note = 'bsm_failed';
    return row;
  }
  row.iv = vol;
  row.greeks = { delta: g.delta, gamma: g.gamma, theta: g.thetaPerDay, vega: g.vegaPerVolPoint };
  row.greeks_source = 'computed';
  return row;
}

export function prepareContractRows(contracts: readonly OptionContract[], ctx: PrepareContext): ContractRow[] {
  if (!Array.isArray(contracts)) return [];
  // today's ET date once per chain, and the DTE once per expiration date (the same values prepareContractRow computes)
  const today = Number.isFinite(ctx.nowMs) ? etDate(ctx.nowMs) : null;
  const dtes = new Map<unknown, number>();
  const dteOf = (expiration: string) => {
    let d = dtes.get(expiration);
    if (d === undefined) {
      d = today === null ? NaN : daysBetween(today, expiration);
      dtes.set(expiration, d);
    }
    return d;
  };
  return contracts.filter((c) => c && (c.type === 'call' || c.type === 'put')).map((c) => prepareRow(c, ctx, dteOf));
}
