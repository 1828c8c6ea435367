import type { AsOfContext } from '../strategies/as-of-context';
import type { PriceLevel, Signal } from '../strategies/strategy.types';
import { computeActionability, meanRange } from './actionability';
import { mtfConfluence } from './confluence';
import { checkGuardrails } from './guardrails';
import type { KeyLevelUsed, PlanBuildResult, PlanGeometry } from './plan.types';
import { compositeScore, scoreConfidence } from './scoring';
import { placeStop } from './stop';
import { STYLE_PARAMS, roundToTick, tickSize } from './style-params';
import { buildTargets, round2, targetSpacing } from './targets';

export const RR_FORMULA = 'rr_k = |TP_k − entry| / |entry − stop| (rounded prices, 2 dp)';

function dedupeLevels(levels: PriceLevel[]): PriceLevel[] {
  const seen = new Set<string>();
  return levels.filter((l) => {
    const k = `${l.label}|${l.price.toFixed(4)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Turn a fired signal into a complete, validated plan: entry (rounded), stop (structure + ATR bounds),
 * target ladder snapped to levels, R:R, actionability, confidence and composite score. Returns the
 * guardrail violations instead when the geometry is not publishable. Pure: no I/O, no clock.
 */
export function buildPlan(signal: Signal, ctx: AsOfContext): PlanBuildResult {
  const p = STYLE_PARAMS[signal.style];
  const atr = ctx.atr;
  const reject = (code: string, message: string): PlanBuildResult => ({ ok: false, strategy_id: signal.strategy_id, violations: [{ code, message }] });
  if (!(atr > 0)) return reject('atr_unavailable', 'ATR14 is not available (warm-up or no range)');
  const tick = tickSize(signal.entry);
  const entry = roundToTick(signal.entry, tick);
  const stop = placeStop(signal.direction, entry, signal.invalidation, atr, p, tick);
  if (!stop) return reject('stop_unavailable', 'no valid stop price');
  const levels = dedupeLevels([...signal.targets, ...ctx.levels]);
  const ladder = buildTargets({
    direction: signal.direction,
    entry,
    stop: stop.stop,
    atr,
    style: signal.style,
    params: p,
    strategyTargets: signal.targets,
    levels,
    minRr: signal.min_rr,
    tick,
  });
  if (ladder.rejection) return reject('tp1_rr_below_floor', ladder.rejection);
  const targets = ladder.targets.map((t) => t.price);
  const risk = Math.abs(entry - stop.stop);
  const rrT1 = round2(Math.abs(targets[0] - entry) / risk);
  const act = computeActionability(entry, ctx.close, atr, meanRange(ctx.frame.bars, ctx.i), p);
  const violations = checkGuardrails(
    { direction: signal.direction, entry, stop: stop.stop, targets, atr, rr_to_t1: rrT1, tp1_rr_floor: ladder.rr_floors[0], entry_distance_atr: act.entry_distance_atr, tick },
    p,
  );
  if (violations.length) return { ok: false, strategy_id: signal.strategy_id, violations };

  const mtf = mtfConfluence(ctx, signal.direction);
  const conf = scoreConfidence(ctx, signal.direction, signal.conditions, mtf, rrT1);
  const comp = compositeScore({
    probability: ladder.targets[0].prob_touch,
    risk_reward: rrT1,
    actionability: act.actionability,
    mtf_score: Number(mtf.mtf_score.toFixed(3)),
    confidence: conf.confidence,
  });
  const groupOf = (label: string): 'session' | 'structural' =>
    levels.find((l) => l.label === label)?.group ?? (/OR|VWAP|Session|Opening|Range|Retest|cluster|drive|bar/i.test(label) ? 'session' : 'structural');
  const used: KeyLevelUsed[] = [
    { role: 'entry', label: signal.entry_label, price: entry },
    { role: 'stop', label: stop.label, price: stop.stop },
    ...ladder.targets.filter((t) => t.snap_tag).map((t, k) => ({ role: `tp${k + 1}` as KeyLevelUsed['role'], label: t.snap_tag!, price: t.price })),
  ];
  const key_levels_used = { session: used.filter((u) => groupOf(u.label) === 'session'), structural: used.filter((u) => groupOf(u.label) !== 'session') };
  const long = signal.direction === 'long';
  const reward: Record<string, number> = {};
  const probabilities: Record<string, number> = {};
  ladder.targets.forEach((t, k) => {
    reward[`tp${k + 1}`] = t.rr_multiple;
    probabilities[`tp${k + 1}`] = t.prob_touch;
  });
  const waiting = act.entry_status === 'pending' ? signal.trigger_text : null;
  const warnings: string[] = [];
  if (stop.rule === 'max_atr_cap') warnings.push(`Stop capped at ${p.stop_max_atr}×ATR inside the structural invalidation (${stop.structural_price.toFixed(2)})`);
  if (stop.rule === 'atr_fallback') warnings.push(`Structural invalidation was on the wrong side of entry; stop placed at the floor (${stop.label})`);
  if (stop.rule === 'min_tick_floor' || stop.rule === 'min_bp_floor')
    warnings.push(
      `Stop pushed out to the ${stop.rule === 'min_tick_floor' ? `cost floor (${p.stop_min_ticks} ticks)` : `noise floor (${p.stop_min_bp} bp)`} beyond the structural invalidation (${stop.structural_price.toFixed(2)})`,
    );
  if (ladder.dropped) warnings.push(ladder.dropped);
  if (!act.actionable_soon) warnings.push('Entry not actionable soon — treat as a watch plan');
  const plan: PlanGeometry = {
    strategy_id: signal.strategy_id,
    strategy_name: signal.strategy_name,
    setup: signal.strategy_id,
    style: signal.style,
    interval: signal.interval,
    bias: signal.direction,
    direction: signal.direction,
    entry,
    entry_label: signal.entry_label,
    stop: stop.stop,
    stop_label: stop.label,
    targets,
    target_meta: ladder.targets,
    tp_reasons: ladder.targets.map((t) => ({ label: t.label, reason: t.reason, snap_tag: t.snap_tag })),
    rr_to_t1: rrT1,
    rr_formula: RR_FORMULA,
    atr: Number(atr.toFixed(4)),
    last_price: ctx.close,
    bar_time: new Date(signal.bar_time).toISOString(),
    confidence: conf.confidence,
    confidence_factors: conf.factors,
    confidence_components: conf.components,
    composite_score: comp.composite,
    composite_components: comp.components,
    confluence_tags: [...new Set([...conf.factors, ...mtf.tags])],
    confluence: mtf.tags,
    mtf_bias: { bias: mtf.htf_bias, agreement: Number(mtf.agreement.toFixed(2)) },
    key_levels_used,
    risk_block: {
      risk_points: Number(risk.toFixed(4)),
      risk_percent: round2((risk / entry) * 100),
      reward_to_target: reward,
      atr_value: Number(atr.toFixed(4)),
      atr_stop_multiple: round2(risk / atr),
      stop_min_atr: p.stop_min_atr,
      stop_min_ticks: p.stop_min_ticks,
      stop_min_bp: p.stop_min_bp,
      stop_floor: Number(stop.floor.distance.toFixed(4)),
      stop_floor_binding: stop.floor.binding,
      stop_max_atr: p.stop_max_atr,
      stop_rule: stop.rule,
      target_spacing: Number(targetSpacing(atr, p, tick).toFixed(4)),
      tp1_max_atr: p.tp1_max_atr,
      tp1_max_rr: p.tp1_max_rr,
      rr_formula: RR_FORMULA,
    },
    execution_rules: {
      trigger: waiting ?? (long ? `Trigger on acceptance above ${signal.entry_label} @ ${entry.toFixed(2)}.` : `Trigger on sustained breakdown below ${signal.entry_label} @ ${entry.toFixed(2)}.`),
      invalidation: `${long ? 'Invalidate on closes below' : 'Invalidate on closes above'} ${stop.label} @ ${stop.stop.toFixed(2)} (${signal.invalidation_text}).`,
      scale: `${long ? 'Trim' : 'Cover'} partial size at TP1 ${targets[0].toFixed(2)}; move the stop to entry after TP1.`,
      reload: long ? `Reload on a defended retest of ${entry.toFixed(2)}.` : `Reload on a failed reclaim of ${entry.toFixed(2)} after a bounce.`,
    },
    entry_distance_pct: act.entry_distance_pct,
    entry_distance_atr: act.entry_distance_atr,
    bars_to_trigger: act.bars_to_trigger,
    actionable_soon: act.actionable_soon,
    actionable_now: act.actionable_now,
    actionability: act.actionability,
    entry_status: act.entry_status,
    waiting_for: waiting,
    probabilities,
    calibration: { calibrated: false, method: 'heuristic_distance_atr' },
    notes: signal.notes,
    warnings,
    conditions: signal.conditions,
  };
  return { ok: true, plan };
}
