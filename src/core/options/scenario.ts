/**
 * Scenario P/L for one long option: the underlying moves by `spotMove` dollars, `daysPassed`
 * calendar days elapse and implied volatility changes by `volChange` vol points (2 = +2 %),
 * all at once. Rate and dividend yield are held.
 *
 * - `reprice`: full BSM re-valuation at the new state (intrinsic value once the new T ≤ 0).
 * - `greeks`: Δ·dS + ½·Γ·dS² + θ_day·days + vega_pt·dVol (Taylor expansion at today's state).
 *
 * Both are always computed; `method`/`pnlPerShare` follow the requested one and
 * `differencePerShare` = greeks − reprice shows how far the approximation is off.
 * Short positions: negate. Contract multiplier is 100 (standard US equity options).
 */
import { BsmInput, bsm, bsmPrice, isValidBsmInput } from './bsm';

export const CONTRACT_MULTIPLIER = 100;

export interface ScenarioArgs {
  contract: BsmInput;
  /** Underlying move, $ per share (may be negative). */
  spotMove: number;
  /** Calendar days elapsed (≥ 0). */
  daysPassed: number;
  /** Change of implied volatility in vol points (2 = σ + 0.02); default 0. */
  volChange?: number;
  method: 'reprice' | 'greeks';
}

export interface ScenarioResult {
  pnlPerShare: number;
  /** pnlPerShare × 100. */
  pnlPerContract: number;
  method: string;
  /** Option value per share in the scenario (full re-pricing). */
  newPrice?: number;
  repricePnlPerShare: number;
  greeksPnlPerShare: number;
  /** greeks − reprice, per share. */
  differencePerShare: number;
}

function intrinsic(type: BsmInput['type'], spot: number, strike: number): number {
  return type === 'call' ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
}

function nanResult(method: string): ScenarioResult {
  return { pnlPerShare: NaN, pnlPerContract: NaN, method, repricePnlPerShare: NaN, greeksPnlPerShare: NaN, differencePerShare: NaN };
}

/** Never throws; NaN fields for an invalid contract, negative days, non-finite moves or a new spot/vol ≤ 0. */
export function scenarioPnl(args: ScenarioArgs): ScenarioResult {
  const method = args?.method === 'greeks' ? 'greeks' : 'reprice';
  if (!args || !isValidBsmInput(args.contract)) return nanResult(method);
  const { contract, spotMove, daysPassed } = args;
  const volChange = args.volChange ?? 0;
  if (!Number.isFinite(spotMove) || !Number.isFinite(daysPassed) || daysPassed < 0 || !Number.isFinite(volChange)) {
    return nanResult(method);
  }
  const now = bsm(contract);
  const newSpot = contract.spot + spotMove;
  const newVol = contract.vol + volChange / 100;
  const newYears = contract.years - daysPassed / 365;

  let newPrice = NaN;
  if (newSpot > 0 && newVol > 0) {
    newPrice = newYears > 0 ? bsmPrice({ ...contract, spot: newSpot, vol: newVol, years: newYears }) : intrinsic(contract.type, newSpot, contract.strike);
  }
  const repricePnl = newPrice - now.price;
  const greeksPnl = now.delta * spotMove + 0.5 * now.gamma * spotMove * spotMove + now.thetaPerDay * daysPassed + now.vegaPerVolPoint * volChange;
  const pnl = method === 'reprice' ? repricePnl : greeksPnl;
  return {
    pnlPerShare: pnl,
    pnlPerContract: pnl * CONTRACT_MULTIPLIER,
    method,
    newPrice: Number.isFinite(newPrice) ? newPrice : undefined,
    repricePnlPerShare: repricePnl,
    greeksPnlPerShare: greeksPnl,
    differencePerShare: greeksPnl - repricePnl,
  };
}
