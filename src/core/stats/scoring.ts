import { wilsonInterval, Z95 } from './wilson';

/**
 * Scoring stated probabilities against what happened.
 *   Brier    = mean (p − y)²                         (y = 1 when the event happened, else 0)
 *   log loss = −mean [y·ln p + (1 − y)·ln(1 − p)], p clipped to [ε, 1 − ε], ε = 1e-6
 * Baselines: the constant base rate of the training set, and the driftless random walk
 * P(target before stop) = 1/(1 + RR) (gambler's ruin without drift, continuous paths).
 */

export interface Prediction {
  /** Stated probability in [0, 1]. */
  p: number;
  /** Whether the event happened. */
  hit: boolean;
}

export const LOG_LOSS_EPS = 1e-6;

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1] (got ${p})`);
}

/** Mean squared error of the stated probabilities; null without predictions. */
export function brierScore(preds: readonly Prediction[]): number | null {
  if (preds.length === 0) return null;
  let s = 0;
  for (const { p, hit } of preds) {
    checkP(p);
    const e = p - (hit ? 1 : 0);
    s += e * e;
  }
  return s / preds.length;
}

/** Mean negative log-likelihood with p clipped to [eps, 1 − eps]; null without predictions. */
export function logLoss(preds: readonly Prediction[], eps: number = LOG_LOSS_EPS): number | null {
  if (preds.length === 0) return null;
  let s = 0;
  for (const { p, hit } of preds) {
    checkP(p);
    const q = Math.min(1 - eps, Math.max(eps, p));
    s -= hit ? Math.log(q) : Math.log(1 - q);
  }
  return s / preds.length;
}

export interface ReliabilityBin {
  /** Bin [lo, hi); the last bin also holds p = hi. */
  lo: number;
  hi: number;
  n: number;
  mean_stated: number | null;
  realised: number | null;
  ci95: [number, number] | null;
}

export const DEFAULT_BIN_EDGES: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Stated vs realised per probability bin, with the Wilson interval of the realised rate. */
export function reliabilityTable(preds: readonly Prediction[], edges: readonly number[] = DEFAULT_BIN_EDGES, z: number = Z95): ReliabilityBin[] {
  if (edges.length < 2) throw new RangeError('reliabilityTable: need at least two bin edges');
  for (let i = 1; i < edges.length; i++) if (!(edges[i] > edges[i - 1])) throw new RangeError('reliabilityTable: bin edges must increase');
  const last = edges.length - 2;
  const sums = edges.slice(1).map(() => ({ n: 0, p: 0, k: 0 }));
  for (const { p, hit } of preds) {
    checkP(p);
    let b = -1;
    for (let i = 0; i <= last; i++) {
      if (p >= edges[i] && (p < edges[i + 1] || (i === last && p === edges[i + 1]))) {
        b = i;
        break;
      }
    }
    if (b < 0) continue; // outside the edges
    sums[b].n++;
    sums[b].p += p;
    if (hit) sums[b].k++;
  }
  return sums.map((s, i) => {
    const w = wilsonInterval(s.k, s.n, z);
    return { lo: edges[i], hi: edges[i + 1], n: s.n, mean_stated: s.n ? s.p / s.n : null, realised: w ? w.p : null, ci95: w ? [w.lo, w.hi] : null };
  });
}

/** Share of hits: the constant forecast fitted on a training set; null when it is empty. */
export function baseRate(hits: readonly boolean[]): number | null {
  if (hits.length === 0) return null;
  return hits.filter((h) => h).length / hits.length;
}

/** Driftless random-walk probability of reaching the target (R:R = rr) before the stop: 1/(1 + rr). */
export function randomWalkProbability(rr: number): number {
  if (!Number.isFinite(rr) || rr < 0) throw new RangeError(`rr must be a finite number ≥ 0 (got ${rr})`);
  return 1 / (1 + rr);
}

export interface ScoredPrediction extends Prediction {
  /** R:R of the target the prediction is about. */
  rr: number;
}

export interface Scores {
  n: number;
  brier: number | null;
  log_loss: number | null;
}

export interface BaselineComparison {
  stated: Scores;
  /** Constant forecast = base rate of the training set. */
  constant: Scores & { p: number };
  /** 1/(1 + RR) per prediction. */
  random_walk: Scores;
}

function scores(preds: readonly Prediction[]): Scores {
  return { n: preds.length, brier: brierScore(preds), log_loss: logLoss(preds) };
}

/** Scores of the stated probabilities on a test set beside both baselines. */
export function compareWithBaselines(test: readonly ScoredPrediction[], trainBaseRate: number): BaselineComparison {
  checkP(trainBaseRate);
  return {
    stated: scores(test),
    constant: { p: trainBaseRate, ...scores(test.map((t) => ({ p: trainBaseRate, hit: t.hit }))) },
    random_walk: scores(test.map((t) => ({ p: randomWalkProbability(t.rr), hit: t.hit }))),
  };
}
