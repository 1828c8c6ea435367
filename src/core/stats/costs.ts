/**
 * Trading costs in R, share-count free.
 *
 * Per share and per side the trade pays a commission and slippage (defaults 1¢ each) plus half the
 * quoted spread where quotes exist (price bars trade at the last print; crossing from mid to the
 * far side costs half the spread on entry and half on exit). Round trip, per share:
 *
 *   cost = 2·(commission + slippage) + spread_entry/2 + spread_exit/2          (price units)
 *   cost_R = cost / |entry − stop|                                              (risk per share)
 *   R_after_costs = R_gross − cost_R   (filled trades only; an unfilled plan costs nothing)
 *
 * Scaling out at targets does not change the per-share total: every share is bought once and sold
 * once. Per-order minimums and fees that are not per share are out of scope.
 */

export interface CostModel {
  /** Commission per share per side (price units, e.g. dollars). */
  commission_per_share: number;
  /** Slippage per share per side (price units). */
  slippage_per_share: number;
}

export const DEFAULT_COST_MODEL: Readonly<CostModel> = Object.freeze({ commission_per_share: 0.01, slippage_per_share: 0.01 });

/** Quoted spreads (ask − bid) at entry and exit; null/absent when no quotes exist. */
export interface SpreadQuotes {
  entry?: number | null;
  exit?: number | null;
}

/** A cost model from partial settings over the defaults; negative or non-finite values are rejected. */
export function costModel(over: Partial<CostModel> = {}): CostModel {
  const m: CostModel = { ...DEFAULT_COST_MODEL, ...over };
  for (const [field, v] of Object.entries(m)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${field} must be a finite number ≥ 0 (got ${v})`);
  }
  return m;
}

function halfSpread(spread: number | null | undefined, side: string): number {
  if (spread === null || spread === undefined) return 0;
  if (!Number.isFinite(spread) || spread < 0) throw new RangeError(`${side} spread must be a finite number ≥ 0 (got ${spread})`);
  return spread / 2;
}

/** Round-trip cost per share in price units. */
export function roundTripCostPerShare(model: CostModel = DEFAULT_COST_MODEL, spreads: SpreadQuotes = {}): number {
  const perSide = model.commission_per_share + model.slippage_per_share;
  return 2 * perSide + halfSpread(spreads.entry, 'entry') + halfSpread(spreads.exit, 'exit');
}

/** Risk per share |entry − stop|; throws when it is not positive (a plan without risk has no R). */
export function riskPerShare(entry: number, stop: number): number {
  const risk = Math.abs(entry - stop);
  if (!Number.isFinite(risk) || risk <= 0) throw new RangeError(`entry and stop must differ (entry=${entry}, stop=${stop})`);
  return risk;
}

/** Round-trip cost expressed in R of this plan. */
export function costInR(entry: number, stop: number, model: CostModel = DEFAULT_COST_MODEL, spreads: SpreadQuotes = {}): number {
  return roundTripCostPerShare(model, spreads) / riskPerShare(entry, stop);
}

export interface CostInput {
  /** Realised R before costs. */
  r_gross: number;
  entry: number;
  stop: number;
  filled: boolean;
  spreads?: SpreadQuotes;
}

/** R after costs: R_gross − cost_R for a filled trade; an unfilled plan stays at its gross R (0). */
export function rAfterCosts(t: CostInput, model: CostModel = DEFAULT_COST_MODEL): number {
  if (!t.filled) return t.r_gross;
  return t.r_gross - costInR(t.entry, t.stop, model, t.spreads);
}
