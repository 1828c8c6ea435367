import type { Interval } from '../bars/interval';
import { AsOfContext, ContextOptions, contextAt, inWindow } from './as-of-context';
import type { Frame } from './frame';
import { playbooksForStyle } from './playbooks';
import { isSetup, Playbook, Signal, Style } from './strategy.types';

export interface Evaluation {
  strategy_id: string;
  signal: Signal | null;
  /** Why it did not fire (window, warm-up, rule) when signal is null. */
  reason: string | null;
  ctx: AsOfContext | null;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Evaluate one playbook "as of bar i" of `frame`. The same call serves live (i = last bar) and
 * replay (every i in turn): the context holds only bars ≤ i, so the answer cannot depend on later bars.
 */
export function evaluatePlaybookAt(pb: Playbook, style: Style, frame: Frame, i: number, opts: ContextOptions = {}): Evaluation {
  const out = (reason: string, ctx: AsOfContext | null = null): Evaluation => ({ strategy_id: pb.id, signal: null, reason, ctx });
  const spec = pb.styles.find((s) => s.style === style);
  if (!spec) return out(`not defined for style ${style}`);
  if (spec.interval !== frame.interval) return out(`needs ${spec.interval} bars, got ${frame.interval}`);
  const ctx = contextAt(frame, i, opts);
  if (!ctx) return out('no bar at the as-of index');
  if (pb.window_et && !inWindow(ctx, pb.window_et.start_min, pb.window_et.end_min)) {
    return out(`outside its ${hhmm(pb.window_et.start_min)}–${hhmm(pb.window_et.end_min)} ET window`, ctx);
  }
  const res = pb.detect(ctx);
  if (!isSetup(res)) return out(res.reason, ctx);
  if (!(res.entry > 0) || !Number.isFinite(res.invalidation.price)) return out('rule produced a non-finite entry or invalidation', ctx);
  const signal: Signal = {
    ...res,
    strategy_id: pb.id,
    strategy_name: pb.name,
    style,
    interval: frame.interval,
    bar_index: i,
    bar_time: frame.bars[i].time,
    min_rr: pb.min_rr,
  };
  return { strategy_id: pb.id, signal, reason: null, ctx };
}

export interface StyleInputs {
  /** Frames by interval (the service fetches the intervals the style's playbooks name). */
  frames: Partial<Record<Interval, Frame>>;
  /** As-of index per interval; defaults to each frame's last bar. */
  as_of_index?: Partial<Record<Interval, number>>;
  /** Context options per interval (HTF frames, daily frame, simulate_open). */
  context?: Partial<Record<Interval, ContextOptions>>;
}

/** Evaluate every playbook of a style at its frame's as-of bar; one Evaluation per playbook. */
export function evaluateStyle(style: Style, inputs: StyleInputs, playbooks: Playbook[] = playbooksForStyle(style)): Evaluation[] {
  return playbooks.map((pb) => {
    const spec = pb.styles.find((s) => s.style === style)!;
    const frame = inputs.frames[spec.interval];
    if (!frame || !frame.bars.length) return { strategy_id: pb.id, signal: null, reason: `no ${spec.interval} bars`, ctx: null };
    const i = inputs.as_of_index?.[spec.interval] ?? frame.bars.length - 1;
    return evaluatePlaybookAt(pb, style, frame, i, inputs.context?.[spec.interval]);
  });
}

/** Replay one playbook bar by bar over [from, to] (the historical-calibration entry point). */
export function replayPlaybook(pb: Playbook, style: Style, frame: Frame, opts: ContextOptions = {}, from = 0, to = frame.bars.length - 1): Signal[] {
  const out: Signal[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, frame.bars.length - 1); i++) {
    const e = evaluatePlaybookAt(pb, style, frame, i, opts);
    if (e.signal) out.push(e.signal);
  }
  return out;
}
