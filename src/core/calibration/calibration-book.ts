/**
 * Measured odds for plans. A book holds the outcome rows of one calibration source (the replayed
 * history of the same kind of data the plan is built on) and answers, for a plan as of time T, the
 * measured frequency of the event below among comparable plans whose outcome was known before T
 * (no look-ahead), with its n, Wilson interval, segment, window and expectancy — or null with the reason.
 */
import type { Style } from '../strategies/strategy.types';
import { aggregateSegments, findGroup, type StatsGroup } from '../stats/aggregate';
import type { OutcomeRow } from '../stats/outcome.types';
import { brierScore, randomWalkProbability } from '../stats/scoring';
import { PARENT_SEGMENT, tp1AtrBucket } from '../stats/segments';
import { statedRate, styleRatios, type StyleRatios } from '../stats/rr-adjusted-rate';
import { shrinkSegment, type Edge } from '../stats/shrinkage';
import { OUTCOME_TIME, walkForwardSplit } from '../stats/walk-forward';

/** The event every `probabilities.tpK` measures (docs/calibration.md, OpenAPI). */
export const TP_EVENT =
  "P(target K is touched before the stop, after the entry fills, before the style's time stop; stop first on a bar that touches both). " +
  'The entry fills when a later bar trades through it; for scalp and intraday the time stop is the regular-session close of the plan day (an unfilled plan expires then); swing 35 bars, leaps 60 bars.';

export interface PlanOddsInput {
  strategy_id: string;
  style: Style;
  /** |TP1 − entry| / ATR of the plan interval. */
  tp1_atr: number;
  /** R:R to TP1 (for the ranking baseline when nothing is measured). */
  rr_to_t1: number;
  /** R:R of each target in ladder order (TP1 first); defaults to [rr_to_t1]. */
  rr?: readonly number[];
}

export interface OddsMeta {
  calibrated: boolean;
  /** rr_adjusted_hit_rate: the style's recency-weighted measured hit rate per random-walk-expected hit, times the plan's 1/(1+R:R) (src/core/stats/rr-adjusted-rate.ts). measured_hit_rate: older snapshots (the playbook's raw rate). */
  method: 'rr_adjusted_hit_rate' | 'measured_hit_rate' | 'none';
  event: string;
  /** Filled plans behind the TP1 rate (the level that speaks). */
  n: number | null;
  /** Wilson 95 % interval of the TP1 rate. */
  ci95: [number, number] | null;
  /** The segment asked for and whether it had enough history to move the estimate. */
  segment: { dimension: string; value: string; used: boolean } | null;
  /** Plan times of the rows used, ISO UTC. */
  window: { from: string; to: string } | null;
  data_source: string | null;
  /** Mean realised R per filled plan, before and after costs. */
  expectancy_r: number | null;
  expectancy_r_after_costs: number | null;
  /** positive / negative when the after-cost expectancy interval excludes 0, else unproven. */
  edge: Edge;
  /** Brier score of TP1 rates stated this way on later plans (walk-forward, 60/40 by time). */
  brier_out_of_sample: number | null;
  /** Why the rates are null (e.g. insufficient_history (n=12)). */
  reason: string | null;
  note: string;
}

export interface WalkForward {
  train_plans: number;
  /** Filled plans of the later part. */
  test_filled: number;
  /** Stated TP1 (as plans state it) and outcome, for the later filled plans the earlier part speaks for. */
  preds: Array<{ p: number; hit: boolean; rr: number }>;
  /** TP1 rate of the earlier part's filled plans (the constant baseline). */
  base_rate: number | null;
}

export interface PlanOdds {
  probabilities: { tp1: number | null; tp2: number | null; tp3: number | null };
  meta: OddsMeta;
  /** p(TP1) used for ranking: the measured rate, else the driftless baseline 1/(1 + R:R). */
  rank_probability: number;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** calibration_meta of numbers that were not measured (nothing measured, or a legacy heuristic). */
export function unmeasuredMeta(reason: string, note: string, event = TP_EVENT): OddsMeta {
  return {
    calibrated: false,
    method: 'none',
    event,
    n: null,
    ci95: null,
    segment: null,
    window: null,
    data_source: null,
    expectancy_r: null,
    expectancy_r_after_costs: null,
    edge: 'unproven',
    brier_out_of_sample: null,
    reason,
    note,
  };
}

export function uncalibrated(input: PlanOddsInput, reason: string): PlanOdds {
  return {
    probabilities: { tp1: null, tp2: null, tp3: null },
    meta: unmeasuredMeta(reason, 'No measured hit rate: probabilities are null rather than guessed. Ranking uses the driftless baseline 1/(1+R:R).'),
    rank_probability: randomWalkProbability(Math.max(0, input.rr_to_t1)),
  };
}

export class CalibrationBook {
  private readonly rows: OutcomeRow[];
  private readonly resolvedTimes: number[];
  private readonly cache = new Map<number, StatsGroup[]>();
  private readonly ratioCache = new Map<string, StyleRatios>();
  private readonly brier = new Map<Style, number | null>();

  constructor(
    rows: readonly OutcomeRow[],
    readonly source: string,
  ) {
    this.rows = [...rows].sort((a, b) => a.resolved_at - b.resolved_at);
    this.resolvedTimes = this.rows.map((r) => r.resolved_at);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Every row (oldest resolved first). */
  allRows(): readonly OutcomeRow[] {
    return this.rows;
  }

  /** Rows resolved strictly before t: their count (rows are sorted by resolved_at). */
  private countBefore(t: number): number {
    let lo = 0;
    let hi = this.resolvedTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.resolvedTimes[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Segment statistics of every playbook as of t (cached by the set of rows, which only grows with t). */
  groupsAsOf(t: number): StatsGroup[] {
    const n = this.countBefore(t);
    let g = this.cache.get(n);
    if (!g) {
      g = aggregateSegments(this.rows.slice(0, n), { dimensions: ['tp1_atr'] });
      if (this.cache.size >= 16) this.cache.delete(this.cache.keys().next().value as number);
      this.cache.set(n, g);
    }
    return g;
  }

  /** The style's R:R-adjusted ratios as of t (rows resolved before t; cached per row count). */
  ratiosAsOf(style: Style, t: number): StyleRatios {
    const n = this.countBefore(t);
    const key = `${style}:${n}`;
    let r = this.ratioCache.get(key);
    if (!r) {
      r = styleRatios(this.rows.slice(0, n), style);
      if (this.ratioCache.size >= 32) this.ratioCache.delete(this.ratioCache.keys().next().value as string);
      this.ratioCache.set(key, r);
    }
    return r;
  }

  /**
   * Walk-forward check of exactly what plans state: calibrate a book on the earliest `fraction` of a
   * style's plans (by plan time), state TP1 for each later filled plan the way `oddsFor` does, and pair it
   * with what happened. Plans the earlier part cannot speak for (null rates) are counted, not scored.
   */
  walkForward(style: Style, fraction = 0.6): WalkForward {
    const mine = this.rows.filter((r) => r.style === style);
    const { train, test } = walkForwardSplit(mine, fraction, OUTCOME_TIME);
    const groups = aggregateSegments(train, { dimensions: ['tp1_atr'] });
    const ratios = styleRatios(train, style);
    const filled = test.filter((r) => r.filled);
    const preds = filled.flatMap((r) => {
      const odds = this.fromGroups(groups, ratios, { strategy_id: r.playbook, style, tp1_atr: r.tp1_atr, rr_to_t1: r.rr[0] ?? 0, rr: r.rr });
      return odds.probabilities.tp1 === null ? [] : [{ p: odds.probabilities.tp1, hit: r.tp_hit[0], rr: r.rr[0] ?? 0 }];
    });
    const trainHits = train.filter((r) => r.filled);
    const baseRate = trainHits.length ? trainHits.filter((r) => r.tp_hit[0]).length / trainHits.length : null;
    return { train_plans: train.length, test_filled: filled.length, preds, base_rate: baseRate };
  }

  /** Out-of-sample Brier of the stated TP1 rates of a style (walkForward, 60/40); null below 30 scored plans. */
  brierOutOfSample(style: Style): number | null {
    if (this.brier.has(style)) return this.brier.get(style)!;
    const { preds } = this.walkForward(style);
    const out = preds.length >= 30 ? r4(brierScore(preds) ?? NaN) : null;
    this.brier.set(style, out);
    return out;
  }

  /** Measured odds for a plan as of t (UTC ms): only outcomes resolved before t are used. */
  oddsFor(input: PlanOddsInput, t: number): PlanOdds {
    const odds = this.fromGroups(this.groupsAsOf(t), this.ratiosAsOf(input.style, t), input);
    if (odds.meta.calibrated) odds.meta.brier_out_of_sample = this.brierOutOfSample(input.style);
    return odds;
  }

  private fromGroups(groups: readonly StatsGroup[], ratios: StyleRatios, input: PlanOddsInput): PlanOdds {
    const rr = input.rr?.length ? input.rr : [input.rr_to_t1];
    const t1 = ratios.tp[0];
    if (!t1.ok) {
      const none = uncalibrated(input, `${t1.reason}: too few filled ${input.style} plans in ${this.source} history before this moment`);
      return { ...none, meta: { ...none.meta, n: Math.round(t1.n_eff), data_source: this.source } };
    }
    const rate = (k: 0 | 1 | 2) => {
      const t = ratios.tp[k];
      return t.ok && rr[k] !== undefined ? statedRate(t.value, rr[k]) : null;
    };
    const tp1 = rate(0)!;
    // TP2 needs TP1 first (and TP3 needs TP2): a deeper rung is never stated as likelier
    const tp2 = rate(1) ? Math.min(rate(1)!.p, tp1.p) : null;
    const tp3 = rate(2) && tp2 !== null ? Math.min(rate(2)!.p, tp2) : null;
    // expectancy and edge stay per playbook (and TP1-distance segment): an edge must stand on the playbook's own results
    const parent = findGroup(groups, input.strategy_id, input.style, PARENT_SEGMENT);
    const bucket = Number.isFinite(input.tp1_atr) && input.tp1_atr >= 0 ? tp1AtrBucket(input.tp1_atr) : null;
    const ref = bucket ? { dimension: 'tp1_atr' as const, value: bucket } : PARENT_SEGMENT;
    const seg = bucket ? (findGroup(groups, input.strategy_id, input.style, ref)?.stats ?? null) : null;
    const s = parent ? shrinkSegment({ ref, stats: seg }, parent.stats) : null;
    const speaks = s !== null && s.reason === null;
    const w = ratios.window;
    const half = Number.isFinite(ratios.half_life_sessions) ? `half-life ${ratios.half_life_sessions} sessions` : 'all sessions weighed equally';
    const own = parent
      ? `${input.strategy_id} has ${parent.stats.n} filled plans of its own${speaks ? '' : ' (under 30: its expectancy does not speak)'}`
      : `${input.strategy_id} has no replayed plans of its own`;
    return {
      probabilities: { tp1: r4(tp1.p), tp2: tp2 === null ? null : r4(tp2), tp3: tp3 === null ? null : r4(tp3) },
      meta: {
        calibrated: true,
        method: 'rr_adjusted_hit_rate',
        event: TP_EVENT,
        n: Math.round(t1.value.n_eff),
        ci95: [r4(tp1.ci95[0]), r4(tp1.ci95[1])],
        segment: { dimension: 'style', value: input.style, used: true },
        window: w ? { from: iso(w.from), to: iso(w.to) } : null,
        data_source: this.source,
        expectancy_r: speaks && s.expectancy_r !== null ? r4(s.expectancy_r) : null,
        expectancy_r_after_costs: speaks && s.expectancy_r_after_costs !== null ? r4(s.expectancy_r_after_costs) : null,
        edge: speaks ? s.edge : 'unproven',
        brier_out_of_sample: null,
        reason: null,
        note:
          `Measured on replayed ${this.source} history with the live engine and follower: the ${input.style} plans' hit rate per random-walk-expected hit ` +
          `(${r4(t1.value.rate)} vs ${r4(t1.value.base)}, ratio ${r4(t1.value.ratio)}; recent sessions weigh more, ${half}; n is the effective sample size) ` +
          `times this plan's 1/(1+R:R). Expectancy and edge are ${input.strategy_id}'s own; ${own}.`,
      },
      rank_probability: tp1.p,
    };
  }
}

/** What analyzeSymbol asks for each plan (a book, or a function for tests). */
export type OddsLookup = (input: PlanOddsInput, asOfMs: number) => PlanOdds;

export const bookLookup =
  (book: CalibrationBook | null, why = 'no calibration history for this data source yet (npm run calibrate; on the embedded default the synthetic history is replayed at start)'): OddsLookup =>
  (input, t) =>
    book ? book.oddsFor(input, t) : uncalibrated(input, why);
