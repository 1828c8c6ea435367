/**
 * The bar-dependent half of "analyse a symbol": frames, one as-of context per frame shared by every
 * playbook, every playbook's evaluation and the plan geometry built for each signal, the indicator
 * snapshot and the base bars. It depends only on the closed bars and three flags, never on the clock or
 * the calibration book, so a memo (below) can hand the same evaluation to a later analysis whose closed
 * bars are identical: a warm scan with unchanged bars reads state instead of recomputing.
 *
 * The memo is keyed by symbol, style and flags, and an entry is used only when every frame's closed bars
 * equal the stored ones (same array, or same length and the same time/open/high/low/close/volume bar by
 * bar: O(bars), ~µs, against ~1 ms to rebuild). Bounded by entries and approximate bytes (LRU).
 */
import { LRUCache } from 'lru-cache';
import type { Bar } from '../bars/bar';
import type { Interval } from '../bars/interval';
import { buildPlan } from '../plan/build-plan';
import type { PlanBuildResult } from '../plan/plan.types';
import type { AsOfContext } from '../strategies/as-of-context';
import { evaluateStyle } from '../strategies/engine';
import type { Frame } from '../strategies/frame';
import { lastRegularIndex } from '../strategies/frame';
import type { Style } from '../strategies/strategy.types';

/** One playbook's outcome on the bars: not fired (with the reason) or the plan built from its signal. */
export type PlaybookOutcome = { strategy_id: string; fired: false; reason: string } | { strategy_id: string; fired: true; built: PlanBuildResult; ctx: AsOfContext };

export interface BarsEvaluation {
  frames: Partial<Record<Interval, Frame>>;
  dailyFrame: Frame | undefined;
  /** As-of bar index per present interval. */
  as_of: Partial<Record<Interval, number>>;
  outcomes: PlaybookOutcome[];
}

export interface EvaluateBarsInputs {
  style: Style;
  /** Closed bars per intraday interval of the style. */
  intraday: Partial<Record<Interval, readonly Bar[]>>;
  /** Closed daily bars ([] when none). */
  daily: readonly Bar[];
  /** Time-of-day windows not enforced (simulate_open, next-session or historical closed-market planning). */
  ignore_windows: boolean;
  /** Market open and not simulated: evaluate as of the last bar (else as of the last regular bar). */
  live_open: boolean;
}

type FrameBuilder = (
  style: Style,
  intraday: Partial<Record<Interval, readonly Bar[]>>,
  daily: readonly Bar[],
  simulate: boolean,
) => {
  frames: Partial<Record<Interval, Frame>>;
  context: Parameters<typeof evaluateStyle>[1]['context'];
  dailyFrame: Frame | undefined;
};

/** Evaluate every playbook of the style on the closed bars (no memo). */
export function evaluateBars(inp: EvaluateBarsInputs, intervals: readonly Interval[], buildFrames: FrameBuilder): BarsEvaluation {
  const { frames, context, dailyFrame } = buildFrames(inp.style, inp.intraday, inp.daily, inp.ignore_windows);
  const present = intervals.filter((iv) => frames[iv]);
  const asOf: Partial<Record<Interval, number>> = {};
  // outside the regular session (or when simulating the open) evaluate as of the last regular bar
  for (const iv of present) asOf[iv] = inp.live_open ? frames[iv]!.bars.length - 1 : lastRegularIndex(frames[iv]!);
  const outcomes: PlaybookOutcome[] = evaluateStyle(inp.style, { frames, as_of_index: asOf, context }).map((e) =>
    !e.signal || !e.ctx ? { strategy_id: e.strategy_id, fired: false, reason: e.reason ?? 'did not fire' } : { strategy_id: e.strategy_id, fired: true, built: buildPlan(e.signal, e.ctx), ctx: e.ctx },
  );
  return { frames, dailyFrame, as_of: asOf, outcomes };
}

function sameBars(a: readonly Bar[], b: readonly Bar[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (x.time !== y.time || x.open !== y.open || x.high !== y.high || x.low !== y.low || x.close !== y.close || x.volume !== y.volume) return false;
  }
  return true;
}

interface MemoEntry {
  inputs: EvaluateBarsInputs;
  evaluation: BarsEvaluation;
  bars: number;
}

/**
 * Bytes per input bar an entry keeps alive: measured 63 B for the frames, series, indices and plans
 * (heap delta over 150 intraday entries, ~19 KB each) plus the input Bar objects it retains (~100 B).
 */
const BYTES_PER_BAR = 200;

export interface BarsMemoLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Per-symbol memo of bar evaluations (see the file comment). */
export class BarsEvaluationMemo {
  private readonly lru: LRUCache<string, MemoEntry>;
  hits = 0;
  misses = 0;

  constructor(limits: BarsMemoLimits = { maxEntries: 2000, maxBytes: 64 * 1024 * 1024 }) {
    this.lru = new LRUCache<string, MemoEntry>({ max: limits.maxEntries, maxSize: limits.maxBytes, sizeCalculation: (e) => Math.max(1, e.bars * BYTES_PER_BAR) });
  }

  get size(): number {
    return this.lru.size;
  }

  /** The stored evaluation when the bars and flags are the same, else a fresh one (then stored). */
  evaluate(symbol: string, inp: EvaluateBarsInputs, compute: () => BarsEvaluation): BarsEvaluation {
    const key = `${symbol}|${inp.style}|${inp.ignore_windows ? 1 : 0}|${inp.live_open ? 1 : 0}`;
    const hit = this.lru.get(key);
    if (hit && this.same(hit.inputs, inp)) {
      this.hits++;
      return hit.evaluation;
    }
    this.misses++;
    const evaluation = compute();
    let bars = inp.daily.length;
    for (const b of Object.values(inp.intraday)) bars += b?.length ?? 0;
    this.lru.set(key, { inputs: inp, evaluation, bars });
    return evaluation;
  }

  private same(a: EvaluateBarsInputs, b: EvaluateBarsInputs): boolean {
    if (!sameBars(a.daily, b.daily)) return false;
    const ka = Object.keys(a.intraday) as Interval[];
    const kb = Object.keys(b.intraday) as Interval[];
    if (ka.length !== kb.length) return false;
    for (const iv of ka) {
      const x = a.intraday[iv];
      const y = b.intraday[iv];
      if (!x || !y || !sameBars(x, y)) return false;
    }
    return true;
  }
}
