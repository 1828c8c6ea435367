import type { OutcomeStats } from './aggregate';
import type { MeanEstimate } from './descriptive';
import type { SegmentRef } from './segments';
import { wilsonInterval, Z95 } from './wilson';

/**
 * Thin segments borrow strength from their parent (playbook × style).
 *
 * Rates (beta-binomial with the parent as prior mean, prior strength m pseudo-plans):
 *   p̂ = (k + m·p_parent) / (n + m)
 * Means (same weights): μ̂ = (n·μ_segment + m·μ_parent) / (n + m)
 *
 * The n = 30 rule: a segment with fewer than `minN` filled plans (per target: plans having that
 * target) does not speak — the parent's own estimate is returned with `segment_used: false`. A parent
 * below `minN` gives `null` with reason `insufficient_history (n=…)`.
 */

/** Prior strength m in pseudo-plans. */
export const PRIOR_STRENGTH = 30;
/** Below this many filled plans a level does not speak. */
export const MIN_N = 30;

export type Edge = 'positive' | 'negative' | 'unproven';

export interface ShrinkOptions {
  priorStrength?: number;
  minN?: number;
  z?: number;
}

export interface RateEstimate {
  /** The stated probability (shrunk when the segment speaks, else the parent's rate). */
  p: number;
  /** Wilson interval on the pseudo-counts (k + m·p_parent, n + m) when shrunk; the parent's Wilson interval otherwise. */
  ci95: [number, number];
  /** Wilson interval of the level that speaks on its own counts (no prior). */
  ci95_raw: [number, number];
  /** Filled plans with this target at the level that speaks. */
  n: number;
  segment_used: boolean;
}

export type Estimate<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ShrunkStats {
  /** The segment asked for (parent = dimension 'all'). */
  segment: SegmentRef;
  /** True when the segment spoke (n ≥ minN) and moved the estimate; false when the numbers are the parent's (also for a parent request). */
  segment_used: boolean;
  /** n of the level that speaks (segment when used, else parent). */
  n: number;
  /** Null reason when the parent has enough history. */
  reason: string | null;
  tp: [Estimate<RateEstimate>, Estimate<RateEstimate>, Estimate<RateEstimate>];
  expectancy_r: number | null;
  expectancy_r_after_costs: number | null;
  /** Interval of the mean R after costs at the level that speaks (unshrunk: an edge must stand on its own data). */
  expectancy_ci95_after_costs: [number, number] | null;
  edge: Edge;
}

export const insufficient = (n: number): string => `insufficient_history (n=${n})`;

/** `negative` when the interval lies entirely below 0, `positive` entirely above, else `unproven`. */
export function classifyEdge(ci95: readonly [number, number] | null): Edge {
  if (!ci95) return 'unproven';
  if (ci95[1] < 0) return 'negative';
  if (ci95[0] > 0) return 'positive';
  return 'unproven';
}

/** (k + m·p_parent)/(n + m). */
export function shrinkProportion(k: number, n: number, pParent: number, m: number = PRIOR_STRENGTH): number {
  if (n + m <= 0) throw new RangeError('shrinkProportion: n + m must be > 0');
  return (k + m * pParent) / (n + m);
}

/** (n·μ + m·μ_parent)/(n + m). */
export function shrinkMean(mu: number, n: number, muParent: number, m: number = PRIOR_STRENGTH): number {
  if (n + m <= 0) throw new RangeError('shrinkMean: n + m must be > 0');
  return (n * mu + m * muParent) / (n + m);
}

function wilsonPair(k: number, n: number, z: number): [number, number] {
  const w = wilsonInterval(k, n, z)!;
  return [w.lo, w.hi];
}

/** Rate for one target: shrunk segment, parent fallback, or null with a reason. */
export function shrinkRate(seg: { k: number; n: number } | null, parent: { k: number; n: number }, opts: ShrinkOptions = {}): Estimate<RateEstimate> {
  const m = opts.priorStrength ?? PRIOR_STRENGTH;
  const minN = opts.minN ?? MIN_N;
  const z = opts.z ?? Z95;
  if (parent.n < minN) return { ok: false, reason: insufficient(parent.n) };
  const pParent = parent.k / parent.n;
  const parentCi = wilsonPair(parent.k, parent.n, z);
  if (!seg || seg.n < minN) return { ok: true, value: { p: pParent, ci95: parentCi, ci95_raw: parentCi, n: parent.n, segment_used: false } };
  const kEff = seg.k + m * pParent;
  const nEff = seg.n + m;
  return { ok: true, value: { p: kEff / nEff, ci95: wilsonPair(kEff, nEff, z), ci95_raw: wilsonPair(seg.k, seg.n, z), n: seg.n, segment_used: true } };
}

function shrunkMean(seg: MeanEstimate | null, parent: MeanEstimate | null, useSeg: boolean, m: number): number | null {
  if (!parent) return null;
  if (!useSeg || !seg) return parent.mean;
  return shrinkMean(seg.mean, seg.n, parent.mean, m);
}

/**
 * The estimates a plan states for a segment: shrunk toward the parent when the segment has n ≥ minN,
 * the parent's own when it has fewer (or is absent), null rates when the parent has fewer.
 * Pass the parent as `segment` (with SegmentRef 'all') to get the parent's estimates.
 */
export function shrinkSegment(segment: { ref: SegmentRef; stats: OutcomeStats | null }, parent: OutcomeStats, opts: ShrinkOptions = {}): ShrunkStats {
  const m = opts.priorStrength ?? PRIOR_STRENGTH;
  const minN = opts.minN ?? MIN_N;
  const isParent = segment.ref.dimension === 'all';
  const seg = isParent ? null : segment.stats;
  const tp = [0, 1, 2].map((i) => shrinkRate(seg ? seg.tp[i] : null, parent.tp[i], opts)) as ShrunkStats['tp'];
  if (parent.n < minN) {
    return {
      segment: segment.ref,
      segment_used: false,
      n: parent.n,
      reason: insufficient(parent.n),
      tp,
      expectancy_r: null,
      expectancy_r_after_costs: null,
      expectancy_ci95_after_costs: null,
      edge: 'unproven',
    };
  }
  const used = seg !== null && seg.n >= minN;
  const level = used ? seg : parent;
  const ci = level.expectancy_r_after_costs?.ci95 ?? null;
  return {
    segment: segment.ref,
    segment_used: used,
    n: level.n,
    reason: null,
    tp,
    expectancy_r: shrunkMean(seg?.expectancy_r ?? null, parent.expectancy_r, used, m),
    expectancy_r_after_costs: shrunkMean(seg?.expectancy_r_after_costs ?? null, parent.expectancy_r_after_costs, used, m),
    expectancy_ci95_after_costs: ci,
    edge: classifyEdge(ci),
  };
}
