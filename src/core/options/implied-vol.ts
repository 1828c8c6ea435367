/**
 * Implied volatility by Newton's method safeguarded by bisection on the bracket [1e-6, 10].
 *
 * BSM price is strictly increasing in σ, so the bracket always shrinks: every step either takes a
 * Newton step that stays inside the current bracket or bisects it. That bounds the work at
 * MAX_ITERATIONS (bisection alone reaches 1e-10 on a width-10 bracket in 37 steps), so the solver
 * always terminates, whatever the input. Failures are typed results, never exceptions.
 */
import { BsmInput } from './bsm';
import { normCdf, normPdf } from './normal';

export const IV_MIN = 1e-6;
export const IV_MAX = 10;
const MAX_ITERATIONS = 100;

/**
 * Why no volatility was implied:
 * - `below_intrinsic`: price ≤ the σ→0 value (discounted intrinsic bound max(0, S·e^(−qT) − K·e^(−rT)) for a call):
 *   no time value is left to imply a volatility from (includes prices a hair above the bound that only σ < 1e-6 would give).
 * - `above_upper_bound`: price ≥ S·e^(−qT) (call) or K·e^(−rT) (put) — no σ gives it.
 * - `non_positive_time`: years ≤ 0 (expired or T not known).
 * - `invalid_input`: NaN/∞, non-positive spot or strike, negative price, unknown type.
 * - `no_convergence`: the price needs σ > 10 (1000 %), or the iteration budget ran out.
 * - `ill_conditioned`: a σ reprices the input but the price does not identify it — vega at the solution
 *   is below VEGA_FLOOR_REL × spot (numerically unidentifiable), or, when the caller states the price's
 *   uncertainty (`priceTolerance`, e.g. half a quote tick), that uncertainty moves σ by more than
 *   `maxVolError` (priceTolerance / vega > maxVolError). `vol` and `vega` are carried for diagnostics
 *   only: callers must treat the result as "IV unavailable".
 */
export type IvFailureReason = 'below_intrinsic' | 'above_upper_bound' | 'non_positive_time' | 'invalid_input' | 'no_convergence' | 'ill_conditioned';

export type IvResult =
  { ok: true; vol: number; iterations: number } | { ok: false; reason: Exclude<IvFailureReason, 'ill_conditioned'> } | { ok: false; reason: 'ill_conditioned'; vol: number; vega: number };

/**
 * Vega floor relative to spot: vega (per 1.00 of σ) < 1e-9 × S means a full vol point moves the price by
 * less than 1e-11 × S — within a few thousand ulps of the option's intrinsic part, so the double-precision
 * price itself no longer pins σ (on the QuantLib grid such prices come back up to 2e-3 off). Every
 * well-posed reference case has vega ≥ 2.4e-8 × S.
 */
export const VEGA_FLOOR_REL = 1e-9;
/** Default largest σ error a stated price uncertainty may cause before the price is called ill-conditioned (1 vol point). */
export const DEFAULT_MAX_VOL_ERROR = 0.01;
/** Half a cent: the rounding of a quote in whole cents, the uncertainty callers with market quotes state. */
export const QUOTE_HALF_TICK = 0.005;

export interface IvOptions {
  /** Tolerance on σ (default 1e-10). */
  tol?: number;
  /** Absolute uncertainty of the price (e.g. QUOTE_HALF_TICK); none → only the numerical vega floor applies. */
  priceTolerance?: number;
  /** Largest σ error priceTolerance may cause (default DEFAULT_MAX_VOL_ERROR). */
  maxVolError?: number;
}

export type IvInput = Omit<BsmInput, 'vol'> & { price: number };

/** dV/dσ of the last priceVega call (kept in a module variable so the hot loop allocates nothing). */
let lastVega = 0;

/** Price (returned) and dV/dσ per 1.00 of σ (in `lastVega`) for the solver; inputs already validated, lnSK = ln(S/K). */
function priceVega(isCall: boolean, lnSK: number, T: number, sqrtT: number, fwdS: number, pvK: number, r: number, q: number, v: number): number {
  const volSqrtT = v * sqrtT;
  const d1 = (lnSK + (r - q + 0.5 * v * v) * T) / volSqrtT;
  const d2 = d1 - volSqrtT;
  lastVega = fwdS * normPdf(d1) * sqrtT;
  return isCall ? fwdS * normCdf(d1) - pvK * normCdf(d2) : pvK * normCdf(-d2) - fwdS * normCdf(-d1);
}

/** Φ(x) is exactly 0 for x ≤ −SATURATED (normCdf's last branch). */
const SATURATED = 38.5;

/**
 * Solve BSM(σ) = price for σ (annualised fraction). `tol` is the tolerance on σ.
 * Never throws; always terminates within MAX_ITERATIONS evaluations after the bracket checks.
 */
export function impliedVol(input: IvInput, tolOrOptions: number | IvOptions = 1e-10): IvResult {
  const opts: IvOptions = typeof tolOrOptions === 'number' ? { tol: tolOrOptions } : (tolOrOptions ?? {});
  const res = solve(input, opts.tol ?? 1e-10);
  if (!res.ok) return res;
  // conditioning check at the solution: vega per 1.00 of σ
  const { spot: S, strike: K, years: T, rate: r, dividendYield: q } = input;
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * res.vol * res.vol) * T) / (res.vol * sqrtT);
  const vega = S * Math.exp(-q * T) * normPdf(d1) * sqrtT;
  const maxErr = opts.maxVolError !== undefined && opts.maxVolError > 0 ? opts.maxVolError : DEFAULT_MAX_VOL_ERROR;
  const tolPrice = opts.priceTolerance !== undefined && Number.isFinite(opts.priceTolerance) && opts.priceTolerance > 0 ? opts.priceTolerance : 0;
  if (!(vega >= VEGA_FLOOR_REL * S) || (tolPrice > 0 && tolPrice / vega > maxErr)) return { ok: false, reason: 'ill_conditioned', vol: res.vol, vega };
  return res;
}

function solve(input: IvInput, tol: number): IvResult {
  if (!input || typeof input !== 'object') return { ok: false, reason: 'invalid_input' };
  const { type, spot: S, strike: K, years: T, rate: r, dividendYield: q, price } = input;
  if (Number.isFinite(T) && T <= 0) return { ok: false, reason: 'non_positive_time' };
  // isValidBsmInput's checks for these fields (vol is not an input here), without building an object
  const valid = (type === 'call' || type === 'put') && Number.isFinite(S) && S > 0 && Number.isFinite(K) && K > 0 && Number.isFinite(T) && T > 0 && Number.isFinite(r) && Number.isFinite(q);
  if (!valid) return { ok: false, reason: 'invalid_input' };
  if (!Number.isFinite(price) || price < 0) return { ok: false, reason: 'invalid_input' };
  const tolVol = Number.isFinite(tol) && tol > 0 ? tol : 1e-10;

  const sqrtT = Math.sqrt(T);
  const fwdS = S * Math.exp(-q * T);
  const pvK = K * Math.exp(-r * T);
  const upper = type === 'call' ? fwdS : pvK;
  const lowerBound = Math.max(0, type === 'call' ? fwdS - pvK : pvK - fwdS);
  if (price >= upper) return { ok: false, reason: 'above_upper_bound' };
  if (price <= lowerBound) return { ok: false, reason: 'below_intrinsic' };

  // Solve on the out-of-the-money side: an in-the-money price is intrinsic + time value, and by
  // put-call parity the time value is the price of the opposite (OTM) right. This avoids
  // differencing two large numbers inside the iteration. A time value within rounding of the
  // intrinsic bound (a few ulps of S and K) carries no volatility information.
  const itm = lowerBound > 0;
  const isCall = itm ? type !== 'call' : type === 'call';
  const target = itm ? price - lowerBound : price;
  if (itm && target <= 16 * Number.EPSILON * Math.max(fwdS, pvK)) return { ok: false, reason: 'below_intrinsic' };

  // f(σ) = BSM(σ) − target is increasing; keep [lo, hi] with f(lo) < 0 < f(hi).
  let lo = IV_MIN;
  let hi = IV_MAX;
  const lnSK = Math.log(S / K);
  // At σ = IV_MIN the OTM price is usually exactly 0 (both Φ arguments saturated): that is what
  // priceVega would return, so skip evaluating it.
  const dLo1 = (lnSK + (r - q + 0.5 * lo * lo) * T) / (lo * sqrtT);
  const dLo2 = dLo1 - lo * sqrtT;
  const saturated = isCall ? dLo1 <= -SATURATED && dLo2 <= -SATURATED : dLo2 >= SATURATED && dLo1 >= SATURATED;
  const pLo = saturated ? 0 : priceVega(isCall, lnSK, T, sqrtT, fwdS, pvK, r, q, lo);
  if (pLo - target >= 0) return { ok: false, reason: 'below_intrinsic' };
  const pHi = priceVega(isCall, lnSK, T, sqrtT, fwdS, pvK, r, q, hi);
  if (pHi - target < 0) return { ok: false, reason: 'no_convergence' };

  // Start at the vega-maximising σ (Manaster & Koehler 1982), from which Newton is well behaved;
  // for near-the-money contracts that is ~0, so use the Brenner–Subrahmanyam ATM estimate instead.
  // Corrado–Miller (1996) closed-form estimate first: within a few vol points across most of the
  // surface, so Newton usually needs 2–4 steps; where its square root goes negative (far wings) fall
  // back to the Manaster–Koehler point.
  const lnFK = Math.abs(Math.log(fwdS / pvK));
  const callTarget = isCall ? target : target + fwdS - pvK; // the OTM price as a call via parity
  const half = (fwdS - pvK) / 2;
  const a = callTarget - half;
  const disc = a * a - ((fwdS - pvK) * (fwdS - pvK)) / Math.PI;
  let v = disc >= 0 ? (Math.sqrt((2 * Math.PI) / T) / (fwdS + pvK)) * (a + Math.sqrt(disc)) : NaN;
  if (!(v > 0.01 && v < 5)) v = Math.sqrt((2 * lnFK) / T);
  if (!(v > 0.01)) v = (Math.sqrt((2 * Math.PI) / T) * target) / fwdS;
  if (!(v > lo && v < hi)) v = 0.5 * (lo + hi);

  // rtsafe (Numerical Recipes §9.4): take the Newton step only if it stays inside the bracket and
  // at least halves the previous step; otherwise bisect. Far in the wings f behaves like
  // exp(−a/σ²), where plain Newton crawls — the halving rule keeps the rate at least bisection's.
  let dxOld = hi - lo;
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const p = priceVega(isCall, lnSK, T, sqrtT, fwdS, pvK, r, q, v);
    const vega = lastVega;
    const f = p - target;
    if (f === 0) return { ok: true, vol: v, iterations: it };
    if (f < 0) lo = v;
    else hi = v;
    let next = v - f / vega;
    const newton = next > lo && next < hi && Math.abs(2 * f) <= Math.abs(dxOld * vega);
    if (!newton) next = 0.5 * (lo + hi);
    dxOld = next - v;
    // Newton converges quadratically: after a Newton step of size dx the error is ~ (f''/2f')·dx²,
    // so a step below √tol already lands within tol (f''/f' is O(1/σ) here); this saves the last,
    // confirming evaluation.
    if (Math.abs(dxOld) < tolVol || hi - lo < tolVol || (newton && Math.abs(dxOld) < Math.sqrt(tolVol) * Math.min(1, v))) {
      return { ok: true, vol: next, iterations: it };
    }
    v = next;
  }
  return { ok: false, reason: 'no_convergence' };
}
