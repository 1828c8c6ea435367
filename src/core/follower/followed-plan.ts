/**
 * The follower's view of a stored plan, with the same event rules the calibration measures: scalp and
 * intraday plans move only on regular-session bars and end at that session's close (an unfilled plan
 * expires then); a conditional plan (next session, simulated open) starts at the next regular open.
 */
import { INTERVAL_MS } from '../bars/interval';
import type { StoredPlan } from '../plan/plan.schema';
import { etDate } from '../session/et-time';
import { nextTradingDay } from '../session/nyse-calendar';
import { regularSession } from '../session/session';
import type { FollowedPlan } from './follower.types';
import { validPlan } from './plan-follower';

/** Start of the first regular session strictly after `t`, UTC ms. */
export function nextRegularOpen(t: number): number {
  const today = regularSession(etDate(t));
  if (today && t < today.open) return today.open;
  let d = nextTradingDay(etDate(t));
  for (let i = 0; i < 10; i++, d = nextTradingDay(d)) {
    const s = regularSession(d);
    if (s) return s.open;
  }
  return t;
}

/** Bars of the follower's feed (1-minute). */
const FEED_MS = 60_000;

export function followedPlanFrom(p: StoredPlan): FollowedPlan | null {
  const intraday = p.style === 'scalp' || p.style === 'intraday';
  const conditional = p.planning_context === 'next_session' || p.meta.simulated_open;
  const afterBar = Date.parse(p.meta.as_of_bar_time) + INTERVAL_MS[p.interval];
  const start = conditional ? nextRegularOpen(afterBar - 1) : afterBar;
  const session = intraday ? regularSession(etDate(start)) : null;
  const plan: FollowedPlan = {
    plan_id: p.plan_id,
    direction: p.direction,
    entry: p.entry,
    stop: p.stop,
    targets: p.targets,
    atr: p.atr || p.risk_block.atr_value || undefined,
    reference_price: p.last_price || undefined,
    start_time: start,
    ...(intraday ? { regular_only: true } : {}),
    // the last regular 1-minute bar of the plan's session: a filled plan closes at its close, an unfilled one expires
    ...(session ? { time_stop: session.close - FEED_MS } : {}),
  };
  return validPlan(plan) ? plan : null;
}
