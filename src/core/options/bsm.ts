/**
 * Black-Scholes-Merton for European options with a continuous dividend yield q.
 *
 * Units (see docs/options-math.md):
 * - `years`: time to expiry, ACT/365 year fraction (see time.ts for how expiry is stamped).
 * - `rate`, `dividendYield`, `vol`: fractions, continuously compounded (0.05 = 5 %).
 * - `price`: per share, same currency as spot/strike.
 * - `delta`: dV/dS (per $1 of underlying); `gamma`: d²V/dS² (per $1).
 * - `thetaPerDay`: dV/dt per calendar day = annual theta / 365 (negative = decay).
 * - `vegaPerVolPoint`: change per 1 volatility point (σ 0.20 → 0.21) = dV/dσ / 100.
 * - `rhoPerRatePoint`: change per 1 percentage point of r = dV/dr / 100.
 */
import { normCdf, normPdf } from './normal';

export type OptionType = 'call' | 'put';

export interface BsmInput {
  type: OptionType;
  spot: number;
  strike: number;
  /** Time to expiry, ACT/365 years. */
  years: number;
  /** Risk-free rate, continuous, fraction. */
  rate: number;
  /** Continuous dividend yield, fraction. */
  dividendYield: number;
  /** Volatility, annualised fraction. */
  vol: number;
}

export interface BsmResult {
  price: number;
  delta: number;
  gamma: number;
  thetaPerDay: number;
  vegaPerVolPoint: number;
  rhoPerRatePoint: number;
  d1: number;
  d2: number;
}

const NAN_RESULT: Readonly<BsmResult> = Object.freeze({
  price: NaN,
  delta: NaN,
  gamma: NaN,
  thetaPerDay: NaN,
  vegaPerVolPoint: NaN,
  rhoPerRatePoint: NaN,
  d1: NaN,
  d2: NaN,
});

/** True when the inputs describe a priceable contract (positive S, K, T, σ; finite r, q; known type). */
export function isValidBsmInput(i: BsmInput | null | undefined): boolean {
  return (
    !!i &&
    (i.type === 'call' || i.type === 'put') &&
    Number.isFinite(i.spot) &&
    i.spot > 0 &&
    Number.isFinite(i.strike) &&
    i.strike > 0 &&
    Number.isFinite(i.years) &&
    i.years > 0 &&
    Number.isFinite(i.rate) &&
    Number.isFinite(i.dividendYield) &&
    Number.isFinite(i.vol) &&
    i.vol > 0
  );
}

/** Price and greeks. All fields NaN for invalid input (non-positive S/K/T/σ, NaN, unknown type); never throws. */
export function bsm(input: BsmInput): BsmResult {
  if (!isValidBsmInput(input)) return { ...NAN_RESULT };
  const { type, spot: S, strike: K, years: T, rate: r, dividendYield: q, vol: v } = input;
  const sqrtT = Math.sqrt(T);
  const volSqrtT = v * sqrtT;
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / volSqrtT;
  const d2 = d1 - volSqrtT;
  const dfR = Math.exp(-r * T);
  const dfQ = Math.exp(-q * T);
  const pdf1 = normPdf(d1);
  const gamma = (dfQ * pdf1) / (S * volSqrtT);
  const vega = S * dfQ * pdf1 * sqrtT; // per 1.00 of σ
  const thetaDecay = -(S * dfQ * pdf1 * v) / (2 * sqrtT);
  let price: number;
  let delta: number;
  let thetaYear: number;
  let rhoYear: number;
  if (type === 'call') {
    const n1 = normCdf(d1);
    const n2 = normCdf(d2);
    price = S * dfQ * n1 - K * dfR * n2;
    delta = dfQ * n1;
    thetaYear = thetaDecay - r * K * dfR * n2 + q * S * dfQ * n1;
    rhoYear = K * T * dfR * n2;
  } else {
    const n1 = normCdf(-d1);
    const n2 = normCdf(-d2);
    price = K * dfR * n2 - S * dfQ * n1;
    delta = -dfQ * n1;
    thetaYear = thetaDecay + r * K * dfR * n2 - q * S * dfQ * n1;
    rhoYear = -K * T * dfR * n2;
  }
  return {
    // Rounding can push a worthless option a hair below zero; a price is never negative.
    price: Math.max(price, 0),
    delta,
    gamma,
    thetaPerDay: thetaYear / 365,
    vegaPerVolPoint: vega / 100,
    rhoPerRatePoint: rhoYear / 100,
    d1,
    d2,
  };
}

/** Price only (cheaper: no greeks). NaN for invalid input; never throws. */
export function bsmPrice(input: BsmInput): number {
  if (!isValidBsmInput(input)) return NaN;
  const { type, spot: S, strike: K, years: T, rate: r, dividendYield: q, vol: v } = input;
  const volSqrtT = v * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / volSqrtT;
  const d2 = d1 - volSqrtT;
  const fwdS = S * Math.exp(-q * T);
  const pvK = K * Math.exp(-r * T);
  const p = type === 'call' ? fwdS * normCdf(d1) - pvK * normCdf(d2) : pvK * normCdf(-d2) - fwdS * normCdf(-d1);
  return Math.max(p, 0);
}

/** dV/dσ per 1.00 of σ (not per vol point) — the solver's Newton derivative. NaN for invalid input. */
export function bsmVegaRaw(input: BsmInput): number {
  if (!isValidBsmInput(input)) return NaN;
  const { spot: S, strike: K, years: T, rate: r, dividendYield: q, vol: v } = input;
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / (v * sqrtT);
  return S * Math.exp(-q * T) * normPdf(d1) * sqrtT;
}
