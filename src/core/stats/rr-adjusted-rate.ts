import type { Style } from '../strategies/strategy.types';
import { etDate } from '../session/et-time';
import type { OutcomeRow } from './outcome.types';
import { randomWalkProbability } from './scoring';
import { wilsonInterval, Z95 } from './wilson';

/**
 * The estimator behind `probabilities.tpK`: a measured hit rate, adjusted for the plan's own R:R and
 * weighted toward recent sessions.
 *
 * Among the style's filled plans whose outcome was known before T (all playbooks and symbols of one
 * data source), with weight w = 0.5^(sessions ago / H) per plan:
 *
 *   rate_w   = Σ w·hit_K / Σ w                   (weighted TP-K hit rate)
 *   base_w   = Σ w·1/(1+RR_K) / Σ w              (what a driftless random walk gives those same plans)
 *   ratio    = rate_w / base_w                   (measured hits per random-walk-expected hit)
 *   p(plan)  = min(0.99, ratio · 1/(1+RR_K(plan)))
 *   n_eff    = (Σ w)² / Σ w²                     (Kish effective sample size; the n = 30 rule applies to it)
 *   ci95     = Wilson(rate_w·n_eff, n_eff) · 1/(1+RR_K(plan)) / base_w
 *
 * Why this form (docs/calibration.md has the walk-forward table): on the recorded sessions the
 * per-playbook and per-segment rates of the earlier sessions did not carry over to the later ones
 * (they scored worse than the random-walk baseline), while the style's overall ratio to the random
 * walk did, and recent sessions predicted the next ones better than the whole history. A plan's own
 * R:R moves the random-walk odds far more than anything else we can measure, so the measured part is
 * the ratio, not the level.
 *
 * "Sessions ago" counts distinct ET session dates among the rows, newest = 0, so gaps in the history
 * (a replay of scattered days) do not discount it. H is per style: intraday styles adapt within a
 * week; daily styles have one plan per symbol-session and use a long memory. When the shortest
 * half-life leaves fewer than TARGET_EFFECTIVE_N effective plans (a quiet symbol, a short history), the
 * next longer one is used, up to equal weights, so recency never costs the answer.
 */
export const HALF_LIFE_SESSIONS: Record<Style, readonly number[]> = {
  scalp: [3, 5, 10, 20, Infinity],
  intraday: [3, 5, 10, 20, Infinity],
  swing: [60, 120, Infinity],
  leaps: [250, Infinity],
};

/** The half-life ladder stops at the first rung whose TP1 effective sample reaches this. */
export const TARGET_EFFECTIVE_N = 60;

/** Below this effective sample size the rate does not speak (the n = 30 rule). */
export const MIN_EFFECTIVE_N = 30;

/** Stated probabilities are capped below certainty. */
export const MAX_STATED_P = 0.99;

export interface TargetRatio {
  /** Weighted TP-K hit rate of the plans behind it. */
  rate: number;
  /** Weighted mean of 1/(1+RR_K) over the same plans. */
  base: number;
  /** rate / base. */
  ratio: number;
  n_eff: number;
  /** Filled plans having target K (unweighted count). */
  n: number;
  /** Wilson 95 % interval of the weighted rate on n_eff. */
  rate_ci95: [number, number];
}

export type RatioEstimate = { ok: true; value: TargetRatio } | { ok: false; reason: string; n_eff: number; n: number };

export interface StyleRatios {
  style: Style;
  half_life_sessions: number;
  /** Per target K = 1..3. */
  tp: [RatioEstimate, RatioEstimate, RatioEstimate];
  /** Plan times (UTC ms) of the rows used. */
  window: { from: number; to: number } | null;
}

/**
 * Ratios of one style from outcome rows (any order; only filled rows of `style` are used), on the
 * shortest half-life of the style's ladder that gives TARGET_EFFECTIVE_N effective TP1 plans.
 */
export function styleRatios(rows: readonly OutcomeRow[], style: Style, ladder: readonly number[] = HALF_LIFE_SESSIONS[style], minN: number = MIN_EFFECTIVE_N): StyleRatios {
  const mine = rows.filter((r) => r.style === style && r.filled);
  let out: StyleRatios | null = null;
  for (const h of ladder) {
    out = ratiosAt(mine, style, h, minN);
    const t1 = out.tp[0];
    if ((t1.ok ? t1.value.n_eff : t1.n_eff) >= TARGET_EFFECTIVE_N) break;
  }
  return out ?? ratiosAt(mine, style, Infinity, minN);
}

/** Ratios at one half-life (sessions; Infinity weighs every session equally) over filled rows of one style. */
export function ratiosAt(mine: readonly OutcomeRow[], style: Style, halfLife: number, minN: number = MIN_EFFECTIVE_N): StyleRatios {
  const days = [...new Set(mine.map((r) => etDate(r.plan_time)))].sort();
  const age = new Map(days.map((d, i) => [d, days.length - 1 - i]));
  const decay = Number.isFinite(halfLife) && halfLife > 0 ? Math.pow(0.5, 1 / halfLife) : 1;
  const tp = [0, 1, 2].map((k): RatioEstimate => {
    let sw = 0;
    let sw2 = 0;
    let hits = 0;
    let base = 0;
    let n = 0;
    for (const r of mine) {
      const rr = r.rr[k];
      if (rr === undefined || !Number.isFinite(rr) || rr < 0) continue;
      const w = Math.pow(decay, age.get(etDate(r.plan_time))!);
      sw += w;
      sw2 += w * w;
      if (r.tp_hit[k]) hits += w;
      base += w * randomWalkProbability(rr);
      n++;
    }
    const nEff = sw2 > 0 ? (sw * sw) / sw2 : 0;
    if (n === 0 || nEff < minN || base <= 0) return { ok: false, reason: `insufficient_history (n_eff=${Math.round(nEff)}, n=${n})`, n_eff: nEff, n };
    const rate = hits / sw;
    const w = wilsonInterval(rate * nEff, nEff, Z95)!;
    return { ok: true, value: { rate, base: base / sw, ratio: rate / (base / sw), n_eff: nEff, n, rate_ci95: [w.lo, w.hi] } };
  }) as StyleRatios['tp'];
  let from = Infinity;
  let to = -Infinity;
  for (const r of mine) {
    if (r.plan_time < from) from = r.plan_time;
    if (r.plan_time > to) to = r.plan_time;
  }
  return { style, half_life_sessions: halfLife, tp, window: mine.length ? { from, to } : null };
}

export interface StatedRate {
  p: number;
  ci95: [number, number];
}

/** The probability a plan with reward:risk `rr` to target K states from a target's ratio. */
export function statedRate(t: TargetRatio, rr: number): StatedRate {
  const scale = randomWalkProbability(Math.max(0, rr)) / t.base;
  const clip = (x: number) => Math.min(MAX_STATED_P, Math.max(0, x));
  return { p: clip(t.ratio * randomWalkProbability(Math.max(0, rr))), ci95: [clip(t.rate_ci95[0] * scale), clip(t.rate_ci95[1] * scale)] };
}
