/**
 * The walk-forward reliability report of a calibration run (npm run calibrate -- --report,
 * npm run calibrate:report): per style, the TP1 rates plans would have stated on the later plans,
 * scored beside the driftless random walk 1/(1+RR) and the constant base rate, with the realised rate's
 * Wilson interval and the reliability bins.
 */
import { compareWithBaselines, reliabilityTable, type BaselineComparison, type ReliabilityBin } from '../stats/scoring';
import type { OutcomeRow } from '../stats/outcome.types';
import { wilsonInterval } from '../stats/wilson';
import type { Style } from '../strategies/strategy.types';
import { CalibrationBook } from './calibration-book';

export interface StyleReliability {
  style: Style;
  train_plans: number;
  test_filled: number;
  /** Later filled plans with a stated (non-null) TP1 rate. */
  scored: number;
  mean_stated: number;
  mean_random_walk: number;
  realised: number;
  realised_ci95: [number, number];
  scores: BaselineComparison;
  bins: ReliabilityBin[];
}

export function reliabilityReport(rows: readonly OutcomeRow[], styles: readonly Style[], source = 'report'): Array<StyleReliability | { style: Style; reason: string }> {
  const book = new CalibrationBook(rows, source);
  return styles.map((style) => {
    const wf = book.walkForward(style);
    if (wf.preds.length < 30 || wf.base_rate === null) return { style, reason: `${wf.preds.length} scored plans of ${wf.test_filled} later filled ones: too few for a report` };
    const hits = wf.preds.filter((p) => p.hit).length;
    const ci = wilsonInterval(hits, wf.preds.length)!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      style,
      train_plans: wf.train_plans,
      test_filled: wf.test_filled,
      scored: wf.preds.length,
      mean_stated: mean(wf.preds.map((p) => p.p)),
      mean_random_walk: mean(wf.preds.map((p) => 1 / (1 + Math.max(0, p.rr)))),
      realised: hits / wf.preds.length,
      realised_ci95: [ci.lo, ci.hi],
      scores: compareWithBaselines(wf.preds, wf.base_rate),
      bins: reliabilityTable(wf.preds).filter((b) => b.n > 0),
    };
  });
}

/** One printable row per style. */
export function reportRow(r: StyleReliability | { style: Style; reason: string }): Record<string, string | number> {
  if ('reason' in r) return { style: r.style, note: r.reason };
  const f = (x: number | null, d = 3) => (x === null ? 'n/a' : Number(x.toFixed(d)));
  return {
    style: r.style,
    'train plans': r.train_plans,
    'test filled': r.test_filled,
    scored: r.scored,
    'mean stated p(TP1)': f(r.mean_stated),
    'mean 1/(1+RR)': f(r.mean_random_walk),
    'realised TP1': f(r.realised),
    'realised 95 % CI': `${r.realised_ci95[0].toFixed(3)}–${r.realised_ci95[1].toFixed(3)}`,
    'Brier stated': f(r.scores.stated.brier, 4),
    'Brier 1/(1+RR)': f(r.scores.random_walk.brier, 4),
    'Brier constant': f(r.scores.constant.brier, 4),
  };
}

export interface SequentialReliability {
  style: Style;
  filled: number;
  /** Filled plans the history before them could speak for (non-null TP1). */
  scored: number;
  mean_stated: number;
  realised: number;
  realised_ci95: [number, number];
  brier_stated: number;
  brier_random_walk: number;
}

/**
 * The check a reviewer runs with as_of: every filled plan, stated the way the service states it at that
 * plan's moment (only outcomes resolved before it), against what happened. Coverage is scored/filled.
 */
export function sequentialReport(rows: readonly OutcomeRow[], styles: readonly Style[], source = 'report'): SequentialReliability[] {
  const book = new CalibrationBook(rows, source);
  return styles.map((style) => {
    const filled = rows.filter((r) => r.style === style && r.filled);
    const preds = filled.flatMap((r) => {
      const p = book.oddsFor({ strategy_id: r.playbook, style, tp1_atr: r.tp1_atr, rr_to_t1: r.rr[0] ?? 0, rr: r.rr }, r.plan_time).probabilities.tp1;
      return p === null ? [] : [{ p, hit: r.tp_hit[0], rw: 1 / (1 + Math.max(0, r.rr[0] ?? 0)) }];
    });
    const n = preds.length;
    const hits = preds.filter((p) => p.hit).length;
    const ci = wilsonInterval(hits, n) ?? { lo: NaN, hi: NaN };
    const brier = (f: (p: (typeof preds)[number]) => number) => preds.reduce((s, p) => s + (f(p) - (p.hit ? 1 : 0)) ** 2, 0) / n;
    return {
      style,
      filled: filled.length,
      scored: n,
      mean_stated: preds.reduce((s, p) => s + p.p, 0) / n,
      realised: hits / n,
      realised_ci95: [ci.lo, ci.hi],
      brier_stated: brier((p) => p.p),
      brier_random_walk: brier((p) => p.rw),
    };
  });
}

export function sequentialRow(r: SequentialReliability): Record<string, string | number> {
  const f = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : 'n/a');
  return {
    style: r.style,
    filled: r.filled,
    'stated (coverage)': `${r.scored} (${((100 * r.scored) / Math.max(1, r.filled)).toFixed(0)} %)`,
    'mean stated p(TP1)': f(r.mean_stated),
    'realised TP1': f(r.realised),
    'realised 95 % CI': `${f(r.realised_ci95[0])}–${f(r.realised_ci95[1])}`,
    'Brier stated': f(r.brier_stated, 4),
    'Brier 1/(1+RR)': f(r.brier_random_walk, 4),
  };
}
