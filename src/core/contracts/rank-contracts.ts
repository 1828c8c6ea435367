/**
 * Rank an option chain for one direction and style: prepare rows (price, spread, DTE, greeks),
 * gate them (with the one-time relaxation ladder), score the survivors, and enrich the top picks
 * with scenario P/L and sizing. Pure: the caller supplies the chain, the clock and the plan anchors.
 */
import type { OptionContract, OptionRight } from '../../providers/provider.types';
import { resolveFilters, type ContractFilters, type ContractStyle } from './contract-filters';
import { GATE_OF_REASON, REJECTION_REASONS, rejectionMessage, type RejectionReason } from './contract-gates';
import { prepareContractRows, type ContractRow } from './contract-row';
import { SCENARIO_METHOD, SCENARIO_METHOD_NOTE, scenarioPoints, type ScenarioPoint } from './contract-scenario';
import { compareScored, liquidityScore, tradeabilityScore, type ContractScore, type LiquidityScore } from './contract-score';
import { sizePosition, type Sizing } from './contract-sizing';
import { selectWithRelaxation } from './relaxation';
import { optionRootInfo, optionRootOf, type OptionStyle, type Settlement } from '../instruments/instrument';

export const DEFAULT_RISK_AMOUNT = 100;
export const BEST_COUNT = 3;
export const ALTERNATIVES_COUNT = 7;
export const TABLE_COUNT = 20;
/** A plan entry further than this fraction from the quote's underlying price is not used as the P/L base. */
export const MAX_ENTRY_DEVIATION = 0.25;
const REJECTION_SYMBOL_SAMPLE = 5;

export interface PlanAnchors {
  entry?: number;
  stop?: number;
  targets?: number[];
  /** Calendar days the scenarios let pass (theta). */
  horizonDays?: number;
}

export interface RankInput {
  contracts: readonly OptionContract[];
  symbol: string;
  side: OptionRight;
  style: ContractStyle;
  spot: number;
  nowMs: number;
  marketOpen: boolean;
  overrides?: Partial<ContractFilters>;
  plan?: PlanAnchors;
  riskAmount?: number;
  ivRankPct?: number | null;
  ivPercentilePct?: number | null;
  /** Relax while fewer than this many pass (default 1: relax only when nothing passes). */
  minPassing?: number;
  /**
   * Only the best picks are wanted (a plan's suggestions): the other side's contracts are neither
   * prepared nor counted (no SIDE_MISMATCH rejection; `screened` counts this side), `alternatives` and
   * `table` stay empty. The best picks, filters, relaxation and other rejections are the same.
   */
  picksOnly?: boolean;
}

export interface RankedContract {
  label: string;
  symbol: string;
  expiry: string;
  dte: number;
  strike: number;
  type: 'CALL' | 'PUT';
  price: number;
  bid: number | null;
  ask: number | null;
  spread_pct: number;
  volume: number | null;
  oi: number | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  iv: number | null;
  greeks_source: 'vendor' | 'computed' | null;
  /** $ per 1.00 of option price per contract (the root's multiplier); P/L and sizing use it. */
  multiplier: number;
  /** physical (ETF/equity: American, assignment possible), cash_am (SPX/NDX monthlies: stop trading the day before expiry), cash_pm (SPXW/NDXP). */
  settlement: Settlement;
  option_style: OptionStyle;
  tradeability: number;
  score: ContractScore;
  liquidity_score: number;
  liquidity_components: LiquidityScore['components'];
  scenario: { method: string; method_note: string; entry: number; days: number; points: ScenarioPoint[]; note: string | null } | null;
  pnl: { per_contract_cost: number; at_stop: number | null; at_tp1: number | null; at_tp2: number | null; at_horizon: number | null; rr_to_tp1: number | null };
  sizing: Sizing | null;
}

export interface RejectionSummary {
  reason: RejectionReason;
  gate: string;
  count: number;
  message: string;
  /** Up to 5 of the contracts removed. */
  examples: string[];
}

export interface RankResult {
  filters: ContractFilters;
  relaxed_filters: boolean;
  relaxation_reasons: string[];
  best: RankedContract[];
  alternatives: RankedContract[];
  table: Array<Pick<RankedContract, 'label' | 'dte' | 'strike' | 'price' | 'bid' | 'ask' | 'delta' | 'theta' | 'iv' | 'spread_pct' | 'oi' | 'tradeability'> & { liquidity_score: number }>;
  rejections: RejectionSummary[];
  /** Contracts screened (all types) and how many passed the final gates. */
  screened: number;
  passed: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const num = (x: number) => (Number.isFinite(x) ? x : null);

export function rankContracts(inp: RankInput): RankResult {
  const horizonDays = inp.plan?.horizonDays;
  const base = resolveFilters({ style: inp.style, overrides: inp.overrides, marketOpen: inp.marketOpen, horizonDays });
  const all = inp.contracts ?? [];
  // the gates reject the other side first, so leaving it out changes nothing else
  const rows = prepareContractRows(inp.picksOnly && Array.isArray(all) ? all.filter((c) => c && c.type === inp.side) : all, { spot: inp.spot, nowMs: inp.nowMs });
  const sel = selectWithRelaxation(rows, base, inp.style, inp.side, inp.minPassing ?? 1);
  const scored = sel.outcome.passing.map((row) => ({ row, score: tradeabilityScore(row, inp), liquidity: liquidityScore(row, inp) })).sort(compareScored);
  const enrich = (s: (typeof scored)[number]) => present(s.row, s.score, s.liquidity, inp);
  const best = scored.slice(0, BEST_COUNT).map(enrich);
  const alternatives = inp.picksOnly ? [] : scored.slice(BEST_COUNT, BEST_COUNT + ALTERNATIVES_COUNT).map(enrich);
  const table = (inp.picksOnly ? [] : scored.slice(0, TABLE_COUNT)).map((s) => {
    const c = s.row.contract;
    return {
      label: label(inp.symbol, c),
      dte: s.row.dte,
      strike: c.strike,
      price: r2(s.row.mid),
      bid: c.bid,
      ask: c.ask,
      delta: s.row.greeks ? r4(s.row.greeks.delta) : null,
      theta: s.row.greeks ? r4(s.row.greeks.theta) : null,
      iv: Number.isFinite(s.row.iv) ? r4(s.row.iv) : null,
      spread_pct: r2(s.row.spread_pct),
      oi: c.open_interest,
      tradeability: s.score.total,
      liquidity_score: s.liquidity.score,
    };
  });
  const rejections: RejectionSummary[] = [];
  for (const reason of REJECTION_REASONS) {
    const count = sel.outcome.counts[reason];
    if (!count) continue;
    rejections.push({
      reason,
      gate: GATE_OF_REASON[reason],
      count,
      message: rejectionMessage(reason, sel.filters, inp.side),
      examples: (sel.outcome.symbols[reason] ?? []).slice(0, REJECTION_SYMBOL_SAMPLE),
    });
  }
  return {
    filters: sel.filters,
    relaxed_filters: sel.relaxed,
    relaxation_reasons: sel.reasons,
    best,
    alternatives,
    table,
    rejections,
    screened: rows.length,
    passed: sel.outcome.passing.length,
  };
}

export function label(symbol: string, c: OptionContract): string {
  const k = Number.isInteger(c.strike) ? String(c.strike) : String(r2(c.strike));
  return `${symbol} ${c.expiration} ${k}${c.type === 'call' ? 'C' : 'P'}`;
}

function present(row: ContractRow, score: ContractScore, liq: LiquidityScore, inp: RankInput): RankedContract {
  const c = row.contract;
  const g = row.greeks;
  const plan = inp.plan ?? {};
  const days = plan.horizonDays !== undefined && plan.horizonDays >= 0 ? plan.horizonDays : 0;
  const planEntry = plan.entry !== undefined && plan.entry > 0 && Number.isFinite(plan.entry) ? plan.entry : undefined;
  // An entry far from today's underlying (stale plan, wrong symbol) would make the Taylor base meaningless.
  const entryFar = planEntry !== undefined && Math.abs(planEntry / inp.spot - 1) > MAX_ENTRY_DEVIATION;
  const entry = planEntry !== undefined && !entryFar ? planEntry : inp.spot;
  const scenarioNote = entryFar ? `plan entry ${planEntry} is more than ${MAX_ENTRY_DEVIATION * 100} % from the underlying price ${r2(inp.spot)}: P/L measured from the current price` : null;
  const targets = (plan.targets ?? []).filter((t) => Number.isFinite(t) && t > 0);
  const levels = [
    ...(plan.stop !== undefined && plan.stop > 0 ? [{ label: 'stop', price: plan.stop }] : []),
    ...targets.map((t, i) => ({ label: `tp${i + 1}`, price: t })),
    { label: 'horizon', price: entry },
  ];
  const root = optionRootInfo(optionRootOf(c.symbol) || inp.symbol);
  const points = g ? scenarioPoints(row, { spot: inp.spot, entry, levels, days, multiplier: root.multiplier }) : [];
  const rounded = points.map((p) => ({
    ...p,
    underlying: r2(p.underlying),
    days: r4(p.days),
    pnl_per_contract: r2(p.pnl_per_contract),
    reprice_pnl_per_contract: num(r2(p.reprice_pnl_per_contract)) as number,
  }));
  const at = (lbl: string) => {
    const p = points.find((x) => x.label === lbl);
    return p && Number.isFinite(p.pnl_per_contract) ? p.pnl_per_contract : NaN;
  };
  const cost = row.mid * root.multiplier;
  const sizing = sizePosition({
    riskAmount: inp.riskAmount ?? DEFAULT_RISK_AMOUNT,
    costPerContract: cost,
    pnlAtStop: at('stop'),
    pnlAtTargets: targets.map((_, i) => at(`tp${i + 1}`)),
  });
  return {
    label: label(inp.symbol, c),
    symbol: c.symbol,
    expiry: c.expiration,
    dte: row.dte,
    strike: c.strike,
    type: c.type === 'call' ? 'CALL' : 'PUT',
    price: r2(row.mid),
    bid: c.bid,
    ask: c.ask,
    spread_pct: r2(row.spread_pct),
    volume: c.volume,
    oi: c.open_interest,
    delta: g ? r4(g.delta) : null,
    gamma: g ? r4(g.gamma) : null,
    theta: g ? r4(g.theta) : null,
    vega: g ? r4(g.vega) : null,
    iv: Number.isFinite(row.iv) ? r4(row.iv) : null,
    greeks_source: row.greeks_source,
    multiplier: root.multiplier,
    settlement: root.settlement,
    option_style: root.style,
    tradeability: score.total,
    score,
    liquidity_score: liq.score,
    liquidity_components: liq.components,
    scenario: g ? { method: SCENARIO_METHOD, method_note: SCENARIO_METHOD_NOTE, entry: r2(entry), days: r4(days), points: rounded, note: scenarioNote } : null,
    pnl: {
      per_contract_cost: r2(cost),
      at_stop: num(r2(at('stop'))),
      at_tp1: num(r2(at('tp1'))),
      at_tp2: num(r2(at('tp2'))),
      at_horizon: num(r2(at('horizon'))),
      rr_to_tp1: sizing?.rr_to_tp1 ?? null,
    },
    sizing,
  };
}
