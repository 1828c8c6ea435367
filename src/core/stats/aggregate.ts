import type { Style } from '../strategies/strategy.types';
import { type MeanEstimate, median, meanEstimate, profitFactor, type Quartiles, quartiles } from './descriptive';
import type { OutcomeRow } from './outcome.types';
import { PARENT_SEGMENT, SEGMENT_DIMENSIONS, type SegmentDimension, type SegmentRef, segmentValue, TP1_ATR_EDGES } from './segments';
import { wilsonInterval, Z95 } from './wilson';

/** Hit rate of one target: k hits out of n filled plans that have that target. */
export interface HitRate {
  k: number;
  n: number;
  /** k / n; null when n = 0. */
  rate: number | null;
  /** Wilson interval; null when n = 0. */
  ci95: [number, number] | null;
}

export interface OutcomeStats {
  /** All plans (filled or not). */
  n_plans: number;
  /** Filled plans: the sample behind every rate and expectancy below. */
  n: number;
  /** n / n_plans; null without plans. */
  fill_rate: number | null;
  /** TP1, TP2, TP3 hit before the stop, among filled plans with at least K targets. */
  tp: [HitRate, HitRate, HitRate];
  /** Mean of r_realised over filled plans, with mean ± z·s/√n. */
  expectancy_r: MeanEstimate | null;
  /** Mean of r_after_costs over filled plans, with mean ± z·s/√n. */
  expectancy_r_after_costs: MeanEstimate | null;
  profit_factor: number | null;
  profit_factor_after_costs: number | null;
  /** Type-7 quartiles of MAE / MFE in R over filled plans. */
  mae_r: Quartiles | null;
  mfe_r: Quartiles | null;
  /** Median bars from plan to settlement, over filled plans. */
  median_bars_to_outcome: number | null;
  /** Earliest plan_time to latest resolved_at of the rows used (all plans); null without rows. */
  window: { from: number; to: number } | null;
  /** Distinct data_source values, sorted. */
  data_sources: string[];
}

export interface AggregateOptions {
  /** Use only rows with resolved_at < resolvedBefore (epoch ms): the stats as of that moment. */
  resolvedBefore?: number;
  /** Normal quantile for the intervals (default 95 %). */
  z?: number;
}

export interface SegmentOptions extends AggregateOptions {
  dimensions?: readonly SegmentDimension[];
  tp1AtrEdges?: readonly number[];
}

export interface StatsGroup {
  playbook: string;
  style: Style;
  segment: SegmentRef;
  stats: OutcomeStats;
}

/** Rows whose outcome was known strictly before `resolvedBefore` (all rows when it is undefined). */
export function resolvedBefore(rows: readonly OutcomeRow[], t: number | undefined): OutcomeRow[] {
  return t === undefined ? [...rows] : rows.filter((r) => r.resolved_at < t);
}

function hitRate(filled: readonly OutcomeRow[], target: 0 | 1 | 2, z: number): HitRate {
  const eligible = filled.filter((r) => r.rr.length > target);
  const k = eligible.filter((r) => r.tp_hit[target]).length;
  const w = wilsonInterval(k, eligible.length, z);
  return { k, n: eligible.length, rate: w ? w.p : null, ci95: w ? [w.lo, w.hi] : null };
}

function window(rows: readonly OutcomeRow[]): { from: number; to: number } | null {
  if (rows.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const r of rows) {
    from = Math.min(from, r.plan_time);
    to = Math.max(to, r.resolved_at);
  }
  return { from, to };
}

/** Statistics of one set of outcome rows (no grouping). */
export function aggregateOutcomes(all: readonly OutcomeRow[], opts: AggregateOptions = {}): OutcomeStats {
  const z = opts.z ?? Z95;
  const rows = resolvedBefore(all, opts.resolvedBefore);
  const filled = rows.filter((r) => r.filled);
  const gross = filled.map((r) => r.r_realised);
  const net = filled.map((r) => r.r_after_costs);
  return {
    n_plans: rows.length,
    n: filled.length,
    fill_rate: rows.length ? filled.length / rows.length : null,
    tp: [hitRate(filled, 0, z), hitRate(filled, 1, z), hitRate(filled, 2, z)],
    expectancy_r: meanEstimate(gross, z),
    expectancy_r_after_costs: meanEstimate(net, z),
    profit_factor: profitFactor(gross),
    profit_factor_after_costs: profitFactor(net),
    mae_r: quartiles(filled.map((r) => r.mae_r)),
    mfe_r: quartiles(filled.map((r) => r.mfe_r)),
    median_bars_to_outcome: median(filled.map((r) => r.bars_to_outcome)),
    window: window(rows),
    data_sources: [...new Set(rows.map((r) => r.data_source))].sort(),
  };
}

/** Group rows by a string key, keeping first-seen order. */
function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const parentKey = (r: OutcomeRow): string => `${r.playbook}\u0000${r.style}`;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byParent(rows: readonly OutcomeRow[]): Array<[OutcomeRow, OutcomeRow[]]> {
  return [...groupBy(rows, parentKey).values()].map((g): [OutcomeRow, OutcomeRow[]] => [g[0], g]).sort(([a], [b]) => compare(a.playbook, b.playbook) || compare(a.style, b.style));
}

/** One group per (playbook, style), sorted by playbook then style. */
export function aggregateByPlaybookStyle(all: readonly OutcomeRow[], opts: AggregateOptions = {}): StatsGroup[] {
  const rows = resolvedBefore(all, opts.resolvedBefore);
  return byParent(rows).map(([head, g]) => ({ playbook: head.playbook, style: head.style, segment: { ...PARENT_SEGMENT }, stats: aggregateOutcomes(g, { z: opts.z }) }));
}

/**
 * Per (playbook, style): the parent group first, then one group per value of each dimension
 * (dimensions in the given order, values sorted). Only values that occur are listed.
 */
export function aggregateSegments(all: readonly OutcomeRow[], opts: SegmentOptions = {}): StatsGroup[] {
  const rows = resolvedBefore(all, opts.resolvedBefore);
  const dims = opts.dimensions ?? SEGMENT_DIMENSIONS;
  const edges = opts.tp1AtrEdges ?? TP1_ATR_EDGES;
  const out: StatsGroup[] = [];
  for (const [head, g] of byParent(rows)) {
    const base = { playbook: head.playbook, style: head.style };
    out.push({ ...base, segment: { ...PARENT_SEGMENT }, stats: aggregateOutcomes(g, { z: opts.z }) });
    for (const dimension of dims) {
      const parts = [...groupBy(g, (r) => segmentValue(r, dimension, edges)).entries()].sort(([a], [b]) => compare(a, b));
      for (const [value, seg] of parts) out.push({ ...base, segment: { dimension, value }, stats: aggregateOutcomes(seg, { z: opts.z }) });
    }
  }
  return out;
}

/** The group of a (playbook, style, segment) in a list from `aggregateSegments`, if present. */
export function findGroup(groups: readonly StatsGroup[], playbook: string, style: Style, segment: SegmentRef = PARENT_SEGMENT): StatsGroup | undefined {
  return groups.find((g) => g.playbook === playbook && g.style === style && g.segment.dimension === segment.dimension && g.segment.value === segment.value);
}
