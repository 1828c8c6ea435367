/**
 * The `volatility_regime` block (plain functions, no Nest). Units: every volatility is a percent
 * (20.0 = 20 %), IV rank and IV percentile are percents 0–100, `iv_to_hv_ratio` is a plain ratio.
 *
 * - HV20/60/120: sample stdev of daily log returns × √252 (spec §2), from daily closes.
 * - iv_atm: 30-day constant-maturity ATM IV interpolated in total variance across expirations.
 * - IV rank / percentile over 252 days of a stored daily ATM-IV history once it holds ≥ 60 days
 *   (`iv_rank_basis: "atm_iv_history"`); until then the HV20 series stands in for it
 *   (`iv_rank_basis: "hv20_proxy"`: rank/percentile of today's HV20 within its own 252-day history).
 * - expected move: ±1σ over 1 and 30 calendar days from iv_atm; from HV20 over 1 and 21 trading
 *   days when no IV is available (`expected_move_basis` says which).
 * - skew (25Δ risk reversal and butterfly at 30 days) and the term structure (ATM IV per listed
 *   expiration fetched, and its slope per 30 days): core/volatility/skew-term.ts.
 * - provenance: `sources` per part, a `banner` when any part is synthetic or replayed, and a note for
 *   every null field (volatility-provenance.ts).
 * - every null HV carries a note saying why; an unexplained daily close-to-close jump (|log return| > 0.4)
 *   inside the HV windows is a `warnings` entry naming its date (bars are split-adjusted before this:
 *   vendors' adjusted series, or a replay symbol's `.splits.csv`).
 */
import type { Bar } from '../../core/bars/bar';
import { jumpWarning, unexplainedJumps } from '../../core/bars/split-adjust';
import { expectedMove, historicalVol, ivHvRatio, ivPercentile, ivRank, skewAndTerm } from '../../core/volatility';
import type { OptionContract } from '../../providers/provider.types';
import { notesForNulls, volatilityBanner, type VolatilitySources } from './volatility-provenance';

export const MIN_IV_HISTORY_DAYS = 60;
export const RANK_WINDOW_DAYS = 252;

export interface ExpectedMoveOut {
  days: number;
  day_basis: 'calendar' | 'trading';
  move: number;
  move_pct: number;
  upper: number;
  lower: number;
}

export interface SkewOut {
  /** IV(25Δ call) − IV(25Δ put) at 30 days, vol points (−3.1 = puts 3.1 points richer). */
  rr_25d: number | null;
  /** (IV(25Δ call) + IV(25Δ put))/2 − ATM IV at 30 days, vol points. */
  bf_25d: number | null;
  call_25d_iv: number | null;
  put_25d_iv: number | null;
  method: string | null;
  expirations_used: string[];
  source: string | null;
}

export interface TermPointOut {
  expiration: string;
  days: number;
  iv_atm: number;
}

export interface TermStructureOut {
  points: TermPointOut[];
  /** Least-squares slope of ATM IV against days × 30: vol points per 30 days. */
  slope_per_30d: number | null;
  shape: 'contango' | 'backwardation' | 'flat' | null;
  source: string | null;
}

export interface VolatilityRegime {
  iv_atm: number | null;
  iv_atm_method: string | null;
  iv_expirations_used: string[];
  iv_rank: number | null;
  iv_percentile: number | null;
  iv_rank_basis: 'atm_iv_history' | 'hv20_proxy' | null;
  /** Recorded ATM-IV days the rank/percentile used (atm_iv_history basis), or the recorded days available (hv20_proxy). */
  iv_history_days: number;
  hv_20: number | null;
  hv_60: number | null;
  hv_120: number | null;
  hv_20_percentile: number | null;
  iv_to_hv_ratio: number | null;
  regime_label: 'extreme' | 'elevated' | 'normal' | 'low' | null;
  expected_move_basis: 'iv_atm' | 'hv20' | null;
  expected_move: ExpectedMoveOut[];
  /** 25Δ risk reversal at 30 days, vol points (same as skew.rr_25d). */
  skew_25d: number | null;
  skew: SkewOut;
  term_structure: TermStructureOut;
  spot: number | null;
  sources: VolatilitySources;
  banner: string | null;
  timestamp: string;
  notes: string[];
  /** Data-quality warnings: unexplained close-to-close jumps (each names its date) in the daily bars HV is computed on. */
  warnings: string[];
}

export interface RegimeInput {
  dailyBars: readonly Bar[];
  /** Option contracts across the expirations fetched (may be empty). */
  chain: readonly OptionContract[];
  spot: number | null;
  nowMs: number;
  /** Stored daily ATM IV, percent, oldest first, days before the current session (empty when none is kept). */
  ivHistoryPct?: readonly number[];
  /** Chain sources of those recorded days. */
  ivHistorySources?: readonly string[];
  /** Provider ids: the option chain's and the daily bars'. */
  chainSource?: string | null;
  barsSource?: string | null;
  /** Where the spot came from. */
  spotSource?: 'quote' | 'chain' | null;
  notes?: string[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const orNull = (x: number, f = r2) => (Number.isFinite(x) ? f(x) : null);
const last = (s: Float64Array) => (s.length ? s[s.length - 1] : NaN);

export function regimeLabel(ivRankPct: number | null): VolatilityRegime['regime_label'] {
  if (ivRankPct === null || !Number.isFinite(ivRankPct)) return null;
  return ivRankPct >= 90 ? 'extreme' : ivRankPct >= 75 ? 'elevated' : ivRankPct <= 25 ? 'low' : 'normal';
}

export function computeVolatilityRegime(inp: RegimeInput): VolatilityRegime {
  const notes = [...(inp.notes ?? [])];
  const closes = (inp.dailyBars ?? []).map((b) => b.close);
  const hv20s = historicalVol(closes, 20);
  const hv20 = last(hv20s);
  const hv60 = last(historicalVol(closes, 60));
  const hv120 = last(historicalVol(closes, 120));
  for (const [name, w, v] of [
    ['HV20', 20, hv20],
    ['HV60', 60, hv60],
    ['HV120', 120, hv120],
  ] as const) {
    if (!Number.isFinite(v)) notes.push(`${name} unavailable: needs ${w + 1} daily closes, ${closes.length} available`);
  }
  // jumps within the longest HV window are what distort the reported HVs
  const warnings = unexplainedJumps((inp.dailyBars ?? []).slice(-121)).map(jumpWarning);
  const spot = inp.spot !== null && inp.spot > 0 ? inp.spot : closes.length ? closes[closes.length - 1] : NaN;

  const st = Number.isFinite(spot) ? skewAndTerm([...(inp.chain ?? [])], spot, inp.nowMs, 30) : null;
  const atm = st?.atm ?? null;
  const ivPct = atm && Number.isFinite(atm.constantMaturityIv) ? atm.constantMaturityIv * 100 : NaN;
  if (!Number.isFinite(ivPct)) notes.push(`iv_atm: unavailable (${(inp.chain ?? []).length ? 'no usable option quotes around spot' : 'no option chain'})`);

  const hist = (inp.ivHistoryPct ?? []).filter((x) => Number.isFinite(x));
  let rank = NaN;
  let pct = NaN;
  let basis: VolatilityRegime['iv_rank_basis'] = null;
  if (hist.length >= MIN_IV_HISTORY_DAYS && Number.isFinite(ivPct)) {
    const series = [...hist, ivPct];
    rank = ivRank(series, RANK_WINDOW_DAYS);
    pct = ivPercentile(series, RANK_WINDOW_DAYS);
    basis = 'atm_iv_history';
  } else if (Number.isFinite(hv20)) {
    rank = ivRank(hv20s, RANK_WINDOW_DAYS);
    pct = ivPercentile(hv20s, RANK_WINDOW_DAYS);
    basis = 'hv20_proxy';
    notes.push(`IV rank/percentile use HV20 as a proxy: ${hist.length} of the ${MIN_IV_HISTORY_DAYS} days of recorded ATM IV needed`);
  }

  const em: ExpectedMoveOut[] = [];
  let emBasis: VolatilityRegime['expected_move_basis'] = null;
  const addMove = (days: number, basisDays: 'calendar' | 'trading', volPct: number) => {
    const m = expectedMove(spot, volPct / 100, days, basisDays);
    if (Number.isFinite(m.move)) em.push({ days, day_basis: basisDays, move: r2(m.move), move_pct: r2((m.move / spot) * 100), upper: r2(m.upper), lower: r2(m.lower) });
  };
  if (Number.isFinite(ivPct)) {
    emBasis = 'iv_atm';
    addMove(1, 'calendar', ivPct);
    addMove(30, 'calendar', ivPct);
  } else if (Number.isFinite(hv20)) {
    emBasis = 'hv20';
    addMove(1, 'trading', hv20);
    addMove(21, 'trading', hv20);
  }

  const rankOut = orNull(rank);
  const chainSource = inp.chainSource ?? null;
  const hvSource = closes.length ? (inp.barsSource ?? null) : null;
  const ivSource = Number.isFinite(ivPct) ? chainSource : null;
  const pts = (x: number) => (Number.isFinite(x) ? r2(x * 100) : null);
  const skew: SkewOut = {
    rr_25d: pts(st?.rr25 ?? NaN),
    bf_25d: pts(st?.bf25 ?? NaN),
    call_25d_iv: pts(st?.call25Iv ?? NaN),
    put_25d_iv: pts(st?.put25Iv ?? NaN),
    method: st && st.method !== 'none' ? st.method : null,
    expirations_used: st?.expirationsUsed ?? [],
    source: st && st.method !== 'none' ? chainSource : null,
  };
  const slope = pts(st?.termSlopePer30d ?? NaN);
  const term: TermStructureOut = {
    points: (st?.term ?? []).map((p) => ({ expiration: p.expiration, days: r2(p.days), iv_atm: r4(p.atmIv * 100) })),
    slope_per_30d: slope,
    shape: slope === null ? null : slope > 0.25 ? 'contango' : slope < -0.25 ? 'backwardation' : 'flat',
    source: st?.term.length ? chainSource : null,
  };
  const sources: VolatilitySources = {
    iv: ivSource,
    hv: hvSource,
    iv_rank: basis,
    skew: skew.source,
    term_structure: term.source,
    expected_move: emBasis === 'iv_atm' ? ivSource : emBasis === 'hv20' ? hvSource : null,
    spot: Number.isFinite(spot) ? (inp.spotSource ?? 'daily_close') : null,
    iv_history: basis === 'atm_iv_history' ? [...new Set(inp.ivHistorySources ?? [])] : [],
  };
  const values = {
    iv_atm: orNull(ivPct, r4),
    iv_rank: rankOut,
    iv_percentile: orNull(pct),
    hv_20: orNull(hv20, r4),
    hv_60: orNull(hv60, r4),
    hv_120: orNull(hv120, r4),
    hv_20_percentile: orNull(ivPercentile(hv20s, RANK_WINDOW_DAYS)),
    iv_to_hv_ratio: orNull(ivHvRatio(ivPct, hv20), r4),
    skew_25d: skew.rr_25d,
    term_slope: term.slope_per_30d,
    spot: orNull(spot),
  };
  const need = (n: number) => `needs ${n + 1} daily closes, ${closes.length} available`;
  const reasons: Record<string, string> = {
    iv_rank: 'no ATM IV history and no HV20',
    iv_percentile: 'no ATM IV history and no HV20',
    hv_20: need(20),
    hv_60: need(60),
    hv_120: need(120),
    hv_20_percentile: 'HV20 unavailable',
    iv_to_hv_ratio: Number.isFinite(ivPct) ? 'HV20 unavailable' : 'ATM IV unavailable',
    skew_25d: st?.atm.perExpiration.length ? 'no expiration whose OTM deltas bracket ±0.25' : 'ATM IV unavailable',
    term_slope: st?.term.length === 1 ? 'one expiration only' : 'no expiration with a usable ATM IV',
    spot: 'no quote, chain price or daily close',
  };
  return {
    iv_atm: orNull(ivPct, r4),
    iv_atm_method: atm && atm.method !== 'none' ? atm.method : null,
    iv_expirations_used: atm?.expirationsUsed ?? [],
    iv_rank: rankOut,
    iv_percentile: orNull(pct),
    iv_rank_basis: basis,
    iv_history_days: basis === 'atm_iv_history' ? Math.min(hist.length, RANK_WINDOW_DAYS - 1) : hist.length,
    hv_20: orNull(hv20, r4),
    hv_60: orNull(hv60, r4),
    hv_120: orNull(hv120, r4),
    hv_20_percentile: orNull(ivPercentile(hv20s, RANK_WINDOW_DAYS)),
    iv_to_hv_ratio: orNull(ivHvRatio(ivPct, hv20), r4),
    regime_label: regimeLabel(rankOut),
    expected_move_basis: emBasis,
    expected_move: em,
    skew_25d: skew.rr_25d,
    skew,
    term_structure: term,
    spot: orNull(spot),
    sources,
    banner: volatilityBanner(sources),
    timestamp: new Date(inp.nowMs).toISOString(),
    notes: notesForNulls(values, reasons, notes),
    warnings,
  };
}
