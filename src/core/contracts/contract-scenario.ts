/**
 * Scenario P/L of one long option at the plan's levels (stop, each target) and at a time horizon.
 *
 * Method `greeks` (second-order Taylor at today's state, the reference's rule):
 *   P' = max(P + Δ·dS + ½·Γ·dS² + θ_day·days + vega_pt·dVol, 0), P/L = P' − P per share,
 * with dS = level − current underlying price (held at the parabola's vertex −Δ/Γ so the value stays
 * monotone in the underlying). Works with vendor greeks (no IV needed). Accurate for small moves
 * (see the spec's stated bound); for large moves read the re-priced value.
 * When an implied vol is known the full BSM re-pricing at the same state is reported beside it
 * (`reprice_pnl_per_contract`), which stays exact for large moves where the Taylor expansion drifts.
 * P/L is per contract (× 100) in the option's currency; the premium paid is the mid.
 */
import { bsmPrice } from '../options/bsm';
import { CONTRACT_MULTIPLIER } from '../options/scenario';
import type { ContractRow } from './contract-row';
import { DEFAULT_DIVIDEND_YIELD, DEFAULT_RATE } from './contract-row';

export const SCENARIO_METHOD = 'greeks';
export const SCENARIO_METHOD_NOTE =
  'greeks: P/L = delta·dS + ½·gamma·dS² + theta/day·days + vega/pt·dVol (value floored at 0, monotone in dS); accurate for small moves. reprice_*: full Black-Scholes re-valuation at the same state, prefer it for moves beyond ~1 %';

export interface ScenarioPoint {
  label: string;
  /** Underlying price in the scenario. */
  underlying: number;
  /** Calendar days elapsed. */
  days: number;
  /** $ per contract (× 100), greeks method; NaN when greeks are unknown. */
  pnl_per_contract: number;
  /** $ per contract by full BSM re-pricing; NaN without an implied vol. */
  reprice_pnl_per_contract: number;
}

export interface ScenarioInputs {
  /** Current underlying price (the quote's reference). */
  spot: number;
  /** Underlying price at which the option is bought; P/L is measured from the option's value there. Default spot. */
  entry?: number;
  /** Underlying levels to evaluate, labelled (e.g. stop, tp1, tp2). */
  levels: Array<{ label: string; price: number }>;
  /** Calendar days elapsed in every scenario (≥ 0). */
  days: number;
  /** IV change in vol points (2 = +2 %); default 0. */
  volChangePts?: number;
  rate?: number;
  dividendYield?: number;
  /** $ per 1.00 of option price per contract (the root's multiplier); default 100. */
  multiplier?: number;
}

/**
 * Option value per share after the move by the greeks rule; NaN when inputs are unusable.
 * The quadratic Δ·dS + ½Γ·dS² turns back up beyond its vertex dS* = −Δ/Γ (a call "gaining" on a
 * crash); a real option value is monotone in the underlying, so moves past the vertex are held at it.
 */
export function greeksPrice(row: ContractRow, dS: number, days: number, volChangePts = 0): number {
  const g = row.greeks;
  if (!g || !Number.isFinite(row.mid) || !Number.isFinite(dS) || !(days >= 0)) return NaN;
  let move = dS;
  if (g.gamma > 0) {
    const vertex = -g.delta / g.gamma;
    if ((vertex < 0 && move < vertex) || (vertex > 0 && move > vertex)) move = vertex;
  }
  const p = row.mid + g.delta * move + 0.5 * g.gamma * move * move + g.theta * days + g.vega * volChangePts;
  return Math.max(p, 0);
}

/** Option value per share by BSM at the new state; intrinsic value once expired; NaN without IV. */
export function reprice(row: ContractRow, newSpot: number, days: number, volChangePts = 0, rate = DEFAULT_RATE, q = DEFAULT_DIVIDEND_YIELD): number {
  const c = row.contract;
  if (!Number.isFinite(row.iv) || !(newSpot > 0) || !(days >= 0)) return NaN;
  const years = row.years - days / 365;
  if (!(years > 0)) return c.type === 'call' ? Math.max(newSpot - c.strike, 0) : Math.max(c.strike - newSpot, 0);
  return bsmPrice({ type: c.type, spot: newSpot, strike: c.strike, years, rate, dividendYield: q, vol: row.iv + volChangePts / 100 });
}

export function scenarioPoints(row: ContractRow, inp: ScenarioInputs): ScenarioPoint[] {
  const out: ScenarioPoint[] = [];
  if (!(inp.spot > 0) || !Number.isFinite(inp.spot)) return out;
  const dv = inp.volChangePts ?? 0;
  const mult = inp.multiplier ?? CONTRACT_MULTIPLIER;
  const entry = inp.entry !== undefined && inp.entry > 0 && Number.isFinite(inp.entry) ? inp.entry : inp.spot;
  // Each method is measured from its own value at the entry (the greeks one from the mid, the BSM one
  // from BSM at the solved IV), so a small mid/model mismatch does not show up as P/L.
  const baseG = greeksPrice(row, entry - inp.spot, 0);
  const baseR = reprice(row, entry, 0, 0, inp.rate, inp.dividendYield);
  for (const lv of inp.levels) {
    if (!Number.isFinite(lv.price) || !(lv.price > 0)) continue;
    const dS = lv.price - inp.spot;
    const pg = greeksPrice(row, dS, inp.days, dv);
    const pr = reprice(row, lv.price, inp.days, dv, inp.rate, inp.dividendYield);
    out.push({
      label: lv.label,
      underlying: lv.price,
      days: inp.days,
      pnl_per_contract: (pg - baseG) * mult,
      reprice_pnl_per_contract: (pr - baseR) * mult,
    });
  }
  return out;
}
