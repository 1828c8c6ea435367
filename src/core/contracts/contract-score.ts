/**
 * Contract scores (reference §5.2), returned with their components so a ranking can be explained.
 *
 * tradeability (0–100) = 100 × clamp(0.4·spread + 0.3·delta_fit + 0.2·open_interest + 0.1·iv_regime
 *   + leaps_theta_bonus, 0, 1), where each component is 0–1:
 *   spread = 1 − norm(spread %, 2, 12); delta_fit = 1 − min(||Δ| − target Δ|, 0.5)/0.5;
 *   open_interest = norm(log10(max(OI, 1)), 2, 4) (100 → 0, 10,000 → 1);
 *   iv_regime = 1 − norm(IV rank %, 40, 70), IV rank unknown ⇒ 55 ⇒ 0.5;
 *   leaps_theta_bonus = 0.05 for leaps whose θ > −0.05 $/day, else 0.
 * liquidity_score (0–1) = 0.30·spread + 0.10·spread_stability + 0.25·delta + 0.20·iv + 0.15·volume_oi,
 *   spread = 1 − spread fraction/0.40; spread_stability = 1 − spread fraction/0.20 (one quote: how far
 *   the spread sits from a "stable" one); delta = 1 − ||Δ| − prefer|/0.6 (prefer .55/.50/.45/.35);
 *   iv = 1 inside IV percentile 25–75, 0.5 outside or unknown; volume_oi = min(vol/OI, 1.5)/1.5.
 * All components clamped to 0–1.
 */
import type { ContractStyle } from './contract-filters';
import { STYLE_DEFAULTS } from './contract-filters';
import type { ContractRow } from './contract-row';

export const TRADEABILITY_WEIGHTS = Object.freeze({ spread: 0.4, delta_fit: 0.3, open_interest: 0.2, iv_regime: 0.1 });
export const LIQUIDITY_WEIGHTS = Object.freeze({ spread: 0.3, spread_stability: 0.1, delta: 0.25, iv: 0.2, volume_oi: 0.15 });
const LIQUIDITY_PREFER_DELTA: Record<ContractStyle, number> = { scalp: 0.55, intraday: 0.5, swing: 0.45, leaps: 0.35 };

export interface ScoreComponents {
  spread: number;
  delta_fit: number;
  open_interest: number;
  iv_regime: number;
  leaps_theta_bonus: number;
}

export interface ContractScore {
  /** 0–100, 1 dp. */
  total: number;
  components: ScoreComponents;
  weights: typeof TRADEABILITY_WEIGHTS;
  target_delta: number;
}

export interface LiquidityScore {
  /** 0–1, 4 dp. */
  score: number;
  components: { spread: number; spread_stability: number; delta: number; iv: number; volume_oi: number };
}

export interface ScoreContext {
  style: ContractStyle;
  /** IV rank of the underlying, percent 0–100; null/NaN when unknown. */
  ivRankPct?: number | null;
  /** IV percentile of the underlying, percent 0–100; null/NaN when unknown. */
  ivPercentilePct?: number | null;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
/** (x − lo)/(hi − lo) clamped to 0–1. */
export const norm = (x: number, lo: number, hi: number) => clamp01((x - lo) / (hi - lo));

export function tradeabilityScore(row: ContractRow, ctx: ScoreContext): ContractScore {
  const d = STYLE_DEFAULTS[ctx.style] ?? STYLE_DEFAULTS.intraday;
  const target = d.target_delta;
  // A missing delta is scored at the centre of the style's window (it already failed a gate if required).
  const absDelta = row.greeks ? Math.abs(row.greeks.delta) : (d.min_delta + d.max_delta) / 2;
  const ivRank = typeof ctx.ivRankPct === 'number' && Number.isFinite(ctx.ivRankPct) ? ctx.ivRankPct : 55;
  const components: ScoreComponents = {
    spread: Number.isFinite(row.spread_pct) ? 1 - norm(row.spread_pct, 2, 12) : 0,
    delta_fit: 1 - Math.min(Math.abs(absDelta - target), 0.5) / 0.5,
    open_interest: norm(Math.log10(Math.max(row.contract.open_interest ?? 0, 1)), 2, 4),
    iv_regime: 1 - norm(ivRank, 40, 70),
    leaps_theta_bonus: ctx.style === 'leaps' && row.greeks && row.greeks.theta > -0.05 ? 0.05 : 0,
  };
  const w = TRADEABILITY_WEIGHTS;
  const raw = w.spread * components.spread + w.delta_fit * components.delta_fit + w.open_interest * components.open_interest + w.iv_regime * components.iv_regime + components.leaps_theta_bonus;
  return { total: Math.round(clamp01(raw) * 1000) / 10, components: roundAll(components), weights: TRADEABILITY_WEIGHTS, target_delta: target };
}

export function liquidityScore(row: ContractRow, ctx: ScoreContext): LiquidityScore {
  const prefer = LIQUIDITY_PREFER_DELTA[ctx.style] ?? 0.5;
  const frac = Number.isFinite(row.spread_pct) ? row.spread_pct / 100 : Infinity;
  const pct = ctx.ivPercentilePct;
  const oi = row.contract.open_interest ?? 0;
  const vol = row.contract.volume ?? 0;
  const components = {
    spread: clamp01(1 - frac / 0.4),
    spread_stability: clamp01(1 - frac / 0.2),
    delta: row.greeks ? clamp01(1 - Math.abs(Math.abs(row.greeks.delta) - prefer) / 0.6) : 0,
    iv: typeof pct === 'number' && Number.isFinite(pct) && pct >= 25 && pct <= 75 ? 1 : 0.5,
    volume_oi: oi > 0 ? clamp01(Math.min(vol / oi, 1.5) / 1.5) : 0,
  };
  const w = LIQUIDITY_WEIGHTS;
  const score = w.spread * components.spread + w.spread_stability * components.spread_stability + w.delta * components.delta + w.iv * components.iv + w.volume_oi * components.volume_oi;
  return { score: Math.round(score * 1e4) / 1e4, components: roundAll(components) };
}

/** Ranking: tradeability desc, liquidity desc, spread asc, then OCC symbol for a stable order. */
export function compareScored(a: { row: ContractRow; score: ContractScore; liquidity: LiquidityScore }, b: { row: ContractRow; score: ContractScore; liquidity: LiquidityScore }): number {
  return (
    b.score.total - a.score.total ||
    b.liquidity.score - a.liquidity.score ||
    a.row.spread_pct - b.row.spread_pct ||
    (a.row.contract.symbol < b.row.contract.symbol ? -1 : a.row.contract.symbol > b.row.contract.symbol ? 1 : 0)
  );
}

function roundAll<T extends object>(o: T): T {
  const out = { ...o } as Record<string, number>;
  for (const k of Object.keys(out)) out[k] = Math.round(out[k] * 1e4) / 1e4;
  return out as T;
}
