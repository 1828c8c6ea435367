/**
 * Time-ordered splits for out-of-sample scoring. Rows are ordered by plan time (stable for ties);
 * rows sharing a plan time always land on the same side, and with `resolvedAt` training rows whose
 * outcome was not yet known when the test period starts are purged (no look-ahead).
 */

export interface TimeAccessors<T> {
  /** Plan time (epoch ms). */
  time: (row: T) => number;
  /** When the outcome became known; enables purging of training rows resolved at/after the test start. */
  resolvedAt?: (row: T) => number;
}

export interface Split<T> {
  train: T[];
  test: T[];
  /** Plan time of the first test row (null when the test set is empty). */
  test_from: number | null;
  /** Training rows dropped because they resolved at or after test_from. */
  purged: number;
}

function sortByTime<T>(rows: readonly T[], time: (row: T) => number): T[] {
  return rows
    .map((row, i) => ({ row, i, t: time(row) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.row);
}

/** First index ≥ idx that starts a new plan time (so a group of equal times is never split). */
function boundaryAt<T>(sorted: readonly T[], idx: number, time: (row: T) => number): number {
  let i = Math.max(idx, 1);
  while (i < sorted.length && time(sorted[i]) === time(sorted[i - 1])) i++;
  return i;
}

function trainBefore<T>(sorted: readonly T[], cutoff: number, acc: TimeAccessors<T>): { train: T[]; purged: number } {
  const before = sorted.filter((r) => acc.time(r) < cutoff);
  const resolvedAt = acc.resolvedAt;
  if (!resolvedAt) return { train: before, purged: 0 };
  const train = before.filter((r) => resolvedAt(r) < cutoff);
  return { train, purged: before.length - train.length };
}

/**
 * Calibrate on the earliest fraction f of rows, score on the rest. The cut is at index ⌊f·N⌋ in time
 * order, moved forward past rows sharing the plan time of the row before it (ties go to training):
 * train = rows before the cut's plan time, test = rows at or after it.
 */
export function walkForwardSplit<T>(rows: readonly T[], fraction: number, acc: TimeAccessors<T>): Split<T> {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be in (0, 1) (got ${fraction})`);
  const sorted = sortByTime(rows, acc.time);
  const idx = boundaryAt(sorted, Math.floor(fraction * sorted.length), acc.time);
  if (idx >= sorted.length) return { train: sorted, test: [], test_from: null, purged: 0 };
  const cutoff = acc.time(sorted[idx]);
  const { train, purged } = trainBefore(sorted, cutoff, acc);
  return { train, test: sorted.filter((r) => acc.time(r) >= cutoff), test_from: cutoff, purged };
}

/**
 * k expanding-window folds: the time-ordered rows are cut into k + 1 blocks of ≈ N/(k+1) rows
 * (boundaries at indices ⌊j·N/(k+1)⌋, j = 1…k, each moved forward past ties as in walkForwardSplit);
 * fold j trains on blocks 1…j and tests on block j + 1. Boundaries that coincide give one fold, and a
 * boundary at the end (all remaining rows tie) gives none, so fewer than k folds can come back.
 */
export function expandingWindowFolds<T>(rows: readonly T[], k: number, acc: TimeAccessors<T>): Split<T>[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer ≥ 1 (got ${k})`);
  const sorted = sortByTime(rows, acc.time);
  const n = sorted.length;
  const cuts: number[] = [];
  for (let j = 1; j <= k; j++) {
    const idx = boundaryAt(sorted, Math.floor((j * n) / (k + 1)), acc.time);
    if (idx >= n) continue;
    const t = acc.time(sorted[idx]);
    if (cuts[cuts.length - 1] !== t) cuts.push(t);
  }
  return cuts.map((from, j) => {
    const to = j + 1 < cuts.length ? cuts[j + 1] : Infinity;
    const { train, purged } = trainBefore(sorted, from, acc);
    return { train, test: sorted.filter((r) => acc.time(r) >= from && acc.time(r) < to), test_from: from, purged };
  });
}

/** Accessors for outcome rows: plan_time and resolved_at. */
export const OUTCOME_TIME: TimeAccessors<{ plan_time: number; resolved_at: number }> = {
  time: (r) => r.plan_time,
  resolvedAt: (r) => r.resolved_at,
};
