import type { Interval } from '../bars/interval';
import { AsOfContext, ContextOptions, contextAt, inWindow } from './as-of-context';
import type { Frame } from './frame';
import { playbooksForStyle } from './playbooks';
import { EtWindow, isSetup, Playbook, Signal, Style } from './strategy.types';

export interface Evaluation {
  strategy_id: string;
  signal: Signal | null;
  /** Why it did not fire (window, warm-up, rule) when signal is null. */
  reason: string | null;
  ctx: AsOfContext | null;
}

const windowReasons = new WeakMap<EtWindow, string>();
/** "outside its 09:45–11:30 ET window", formatted once per window. */
function windowReason(w: EtWindow): string {
  let r = windowReasons.get(w);
  if (r === undefined) windowReasons.set(w, (r = `outside its ${hhmm(w.start_min)}–${hhmm(w.end_min)} ET window`));
  return r;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Evaluate one playbook "as of bar i" of `frame`. The same call serves live (i = last bar) and
 * replay (every i in turn): the context holds only bars ≤ i, so the answer cannot depend on later bars.
 */
export function evaluatePlaybookAt(pb: Playbook, style: Style, frame: Frame, i: number, opts: ContextOptions = {}): Evaluation {
  return evaluateAllAt([pb], style, frame, i, opts)[0];
}

/**
 * Evaluate several playbooks as of bar i of one frame with ONE as-of context, built on first need and
 * shared by every playbook that runs on this frame's interval (the context is read-only to rules and
 * plans). One Evaluation per playbook, in order; each equals `evaluatePlaybookAt` for that playbook.
 */
export function evaluateAllAt(playbooks: readonly Playbook[], style: Style, frame: Frame, i: number, opts: ContextOptions = {}): Evaluation[] {
  let ctx: AsOfContext | null | undefined;
  const shared = (): AsOfContext | null => (ctx === undefined ? (ctx = contextAt(frame, i, opts)) : ctx);
  return playbooks.map((pb) => evaluateWith(pb, style, frame, i, shared));
}

function evaluateWith(pb: Playbook, style: Style, frame: Frame, i: number, context: () => AsOfContext | null): Evaluation {
  const out = (reason: string, ctx: AsOfContext | null = null): Evaluation => ({ strategy_id: pb.id, signal: null, reason, ctx });
  const spec = pb.styles.find((s) => s.style === style);
  if (!spec) return out(`not defined for style ${style}`);
  if (spec.interval !== frame.interval) return out(`needs ${spec.interval} bars, got ${frame.interval}`);
  const ctx = context();
  if (!ctx) return out('no bar at the as-of index');
  if (pb.window_et && !inWindow(ctx, pb.window_et.start_min, pb.window_et.end_min)) {
    return out(windowReason(pb.window_et), ctx);
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

/** Evaluate every playbook of a style at its frame's as-of bar; one Evaluation per playbook (one context per frame). */
export function evaluateStyle(style: Style, inputs: StyleInputs, playbooks: Playbook[] = playbooksForStyle(style)): Evaluation[] {
  const contexts = new Map<Interval, AsOfContext | null>();
  return playbooks.map((pb) => {
    const spec = pb.styles.find((s) => s.style === style)!;
    const iv = spec.interval;
    const frame = inputs.frames[iv];
    if (!frame || !frame.bars.length) return { strategy_id: pb.id, signal: null, reason: `no ${iv} bars`, ctx: null };
    const i = inputs.as_of_index?.[iv] ?? frame.bars.length - 1;
    return evaluateWith(pb, style, frame, i, () => {
      if (!contexts.has(iv)) contexts.set(iv, contextAt(frame, i, inputs.context?.[iv]));
      return contexts.get(iv)!;
    });
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
