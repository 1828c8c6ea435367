/**
 * Position sizing from a risk budget. Sizing only — it never filters contracts out.
 *
 * risk per contract = the loss at the stop scenario when the plan has a stop and that scenario loses
 * (capped at the premium: a long option cannot lose more), otherwise the whole premium.
 * contracts = floor(risk_amount / risk per contract). Unlike the reference there is no "at least 1":
 * when one contract already risks more than the budget, contracts = 0 and a note says so.
 */

export interface SizingInput {
  /** $ the trader accepts to lose on this trade (> 0). */
  riskAmount: number;
  /** Premium per contract, $ (mid × 100). */
  costPerContract: number;
  /** $ P/L per contract at the stop (negative = loss); NaN/undefined without a stop. */
  pnlAtStop?: number;
  /** $ P/L per contract at each target. */
  pnlAtTargets?: number[];
}

export interface Sizing {
  risk_amount: number;
  per_contract_cost: number;
  risk_per_contract: number;
  risk_basis: 'stop_scenario' | 'premium';
  contracts: number;
  total_cost: number;
  /** Loss if the stop is hit (or the premium lost) with `contracts`. */
  max_loss_est: number;
  /** Best target P/L × contracts; null without targets. */
  max_profit_est: number | null;
  /** P/L at the first target ÷ loss at the stop; null when not both known. */
  rr_to_tp1: number | null;
  note: string | null;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export function sizePosition(inp: SizingInput): Sizing | null {
  const { riskAmount, costPerContract } = inp;
  if (!(riskAmount > 0) || !Number.isFinite(riskAmount) || !(costPerContract > 0) || !Number.isFinite(costPerContract)) return null;
  const stop = inp.pnlAtStop;
  const stopLoses = typeof stop === 'number' && Number.isFinite(stop) && stop < 0;
  const riskPer = stopLoses ? Math.min(-stop, costPerContract) : costPerContract;
  const basis = stopLoses ? 'stop_scenario' : 'premium';
  const contracts = riskPer > 0 ? Math.floor(riskAmount / riskPer + 1e-9) : 0;
  const tps = (inp.pnlAtTargets ?? []).filter((x) => Number.isFinite(x));
  const best = tps.length ? Math.max(...tps) : null;
  const rr = stopLoses && tps.length ? tps[0] / riskPer : null;
  return {
    risk_amount: r2(riskAmount),
    per_contract_cost: r2(costPerContract),
    risk_per_contract: r2(riskPer),
    risk_basis: basis,
    contracts,
    total_cost: r2(contracts * costPerContract),
    max_loss_est: r2(contracts * riskPer),
    max_profit_est: best === null ? null : r2(best * contracts),
    rr_to_tp1: rr === null ? null : r2(rr),
    note: contracts === 0 ? `one contract risks $${r2(riskPer)}, more than risk_amount $${r2(riskAmount)}` : null,
  };
}
