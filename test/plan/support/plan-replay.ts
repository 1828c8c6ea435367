import { buildStyleFrames } from '../../../src/core/analysis/analyze-symbol';
import { resampleBars } from '../../../src/core/bars/resample';
import { buildPlan } from '../../../src/core/plan/build-plan';
import type { PlanGeometry } from '../../../src/core/plan/plan.types';
import { sessionTag } from '../../../src/core/session/session';
import { evaluatePlaybookAt } from '../../../src/core/strategies/engine';
import { playbooksForStyle } from '../../../src/core/strategies/playbooks';
import type { Style } from '../../../src/core/strategies/strategy.types';
import { fixtureBars } from '../../support/bars';

/** Regular-session minutes of a fixture file. */
export const regularMinutes = (file: string) => fixtureBars(file).filter((b) => sessionTag(b.time) === 'regular');

export interface ReplayedPlans {
  plans: PlanGeometry[];
  /** Signals whose plan was rejected, by violation code. */
  rejected: Record<string, number>;
}

/**
 * Every plan the style's playbooks state as of every bar (from `warmup`) of the fixture's regular
 * session: scalp on 1m, intraday on 5m, each built with the live buildPlan on the same frames and
 * context the service and the calibration replay use (no re-arm gating: every firing counts).
 */
const memo = new Map<string, ReplayedPlans>();
export function replayPlans(file: string, style: Extract<Style, 'scalp' | 'intraday'>, warmup = 50): ReplayedPlans {
  const key = `${file}|${style}|${warmup}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const minutes = regularMinutes(file);
  const iv = style === 'scalp' ? '1m' : '5m';
  const bars = style === 'scalp' ? minutes : resampleBars(minutes, '5m');
  const { frames, context } = buildStyleFrames(style, { [iv]: bars }, []);
  const frame = frames[iv]!;
  const plans: PlanGeometry[] = [];
  const rejected: Record<string, number> = {};
  const playbooks = playbooksForStyle(style).filter((p) => p.styles.some((s) => s.style === style && s.interval === iv));
  for (let i = warmup; i < frame.bars.length; i++) {
    for (const pb of playbooks) {
      const e = evaluatePlaybookAt(pb, style, frame, i, context[iv]);
      if (!e.signal || !e.ctx) continue;
      const r = buildPlan(e.signal, e.ctx);
      if (r.ok) plans.push(r.plan);
      else for (const v of r.violations) rejected[v.code] = (rejected[v.code] ?? 0) + 1;
    }
  }
  const out = { plans, rejected };
  memo.set(key, out);
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** The distribution figures of issue 12 ("scalp plans too small to survive costs"). */
export function geometryDistribution(plans: PlanGeometry[]) {
  const riskBp = plans.map((p) => (Math.abs(p.entry - p.stop) / p.entry) * 10_000);
  const ladders = plans.filter((p) => p.targets.length >= 2);
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    plans: plans.length,
    median_risk_bp: Number(median(riskBp).toFixed(2)),
    stops_le_5c: Number((plans.filter((p) => r4(Math.abs(p.entry - p.stop)) <= 0.05).length / (plans.length || 1)).toFixed(3)),
    ladders: ladders.length,
    tp2_within_3c_of_tp1: Number((ladders.filter((p) => r4(Math.abs(p.targets[1] - p.targets[0])) <= 0.03).length / (ladders.length || 1)).toFixed(3)),
    max_rr_tp1: plans.reduce((m, p) => Math.max(m, p.rr_to_t1), 0),
    max_tp1_atr: Number(plans.reduce((m, p) => Math.max(m, Math.abs(p.targets[0] - p.entry) / p.atr), 0).toFixed(2)),
    median_risk_cents: Number((median(plans.map((p) => Math.abs(p.entry - p.stop))) * 100).toFixed(1)),
  };
}
