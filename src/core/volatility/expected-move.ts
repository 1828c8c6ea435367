/**
 * One-standard-deviation expected move from an annualised implied volatility:
 * move = spot × σ × √(days / basisDays), with basisDays = 365 for calendar days (IV is quoted on
 * calendar time — the ACT/365 convention of the option maths here) and 252 for trading days (when
 * the horizon is counted in sessions). upper/lower = spot ± move (a symmetric ±1σ band in price,
 * ≈ 68 % under a normal approximation; it ignores drift and the lognormal skew of the band).
 */

export type ExpectedMoveBasis = 'calendar' | 'trading';

export interface ExpectedMove {
  /** $ per share. */
  move: number;
  upper: number;
  lower: number;
}

/** `ivFraction` is 0.25 for 25 %. NaN fields for non-positive spot/days, negative or non-finite IV. */
export function expectedMove(spot: number, ivFraction: number, days: number, basis: ExpectedMoveBasis = 'calendar'): ExpectedMove {
  const basisDays = basis === 'trading' ? 252 : basis === 'calendar' ? 365 : NaN;
  if (!(spot > 0) || !Number.isFinite(spot) || !(ivFraction >= 0) || !Number.isFinite(ivFraction) || !(days > 0) || !Number.isFinite(days) || !(basisDays > 0)) {
    return { move: NaN, upper: NaN, lower: NaN };
  }
  const move = spot * ivFraction * Math.sqrt(days / basisDays);
  return { move, upper: spot + move, lower: spot - move };
}
