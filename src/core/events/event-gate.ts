/**
 * The event gate: one rule set, on the exchange calendar, with half-open windows [start, end).
 *
 * Holding period of a plan planned at `now` (the gate's horizon):
 * - scalp / intraday: [now, close of the session the plan trades in) — today's regular close when
 *   the market has not closed yet, otherwise the next session's close (next-session plans);
 * - swing: [now, close of the 5th trading session from the plan's session);
 * - leaps: [now, now + 14 days) (the calendar's window).
 * Rules:
 * - macro releases (impact high) apply to index and broad-ETF symbols only: a CPI / FOMC / NFP release
 *   whose window [t − W, t + W) contains now blocks scalp and intraday plans (`blocked_by_event`);
 *   any high-impact release inside the horizon is an `event_risk` warning;
 * - earnings apply to single stocks only: a release inside the horizon blocks scalp / intraday plans
 *   and warns swing / leaps plans.
 */
import type { Style } from '../strategies/strategy.types';
import { etDate } from '../session/et-time';
import { nextTradingDay } from '../session/nyse-calendar';
import { regularSession } from '../session/session';
import type { EarningsWire, EventRisk, MacroEventWire } from './enrichment.schema';

/** Default half-width of the macro block window, minutes. */
export const DEFAULT_BLOCK_MINUTES = 10;
export const SWING_HORIZON_SESSIONS = 5;
const DAY = 86_400_000;

export interface EventGateInput {
  style: Style;
  now_ms: number;
  /** Index and broad-market ETF symbols get macro gates. */
  broad_market: boolean;
  /** Single stocks get earnings gates. */
  single_stock: boolean;
  macro: readonly MacroEventWire[];
  earnings: EarningsWire | null;
  block_minutes?: number;
}

export interface EventGateResult {
  event_risk: EventRisk[];
  blocked_by_event: boolean;
  horizon: { start: number; end: number };
}

/** Close of the regular session the plan trades in (today's if still ahead, else the next one's). */
function sessionCloseFrom(nowMs: number): { date: string; close: number } {
  let d = etDate(nowMs);
  let s = regularSession(d);
  if (!s || nowMs >= s.close) {
    d = nextTradingDay(d);
    s = regularSession(d)!;
  }
  return { date: d, close: s.close };
}

export function holdingHorizon(style: Style, nowMs: number): { start: number; end: number } {
  if (style === 'leaps') return { start: nowMs, end: nowMs + 14 * DAY };
  const first = sessionCloseFrom(nowMs);
  if (style === 'scalp' || style === 'intraday') return { start: nowMs, end: first.close };
  let d = first.date;
  for (let i = 1; i < SWING_HORIZON_SESSIONS; i++) d = nextTradingDay(d);
  return { start: nowMs, end: regularSession(d)!.close };
}

const iso = (ms: number) => new Date(ms).toISOString();
const inWindow = (t: number, w: { start: number; end: number }) => t >= w.start && t < w.end;

export function evaluateEventGate(inp: EventGateInput): EventGateResult {
  const W = (inp.block_minutes ?? DEFAULT_BLOCK_MINUTES) * 60_000;
  const horizon = holdingHorizon(inp.style, inp.now_ms);
  const short = inp.style === 'scalp' || inp.style === 'intraday';
  const out: EventRisk[] = [];
  if (inp.broad_market) {
    for (const e of inp.macro) {
      if (e.impact !== 'high') continue;
      const t = Date.parse(e.time);
      const block = { start: t - W, end: t + W };
      if (short && e.kind !== 'OTHER' && inWindow(inp.now_ms, block)) {
        out.push({
          kind: 'macro',
          event: e.event,
          time: e.time,
          window: { start: iso(block.start), end: iso(block.end) },
          action: 'blocked',
          reason: `${inp.style} plans are blocked ±${W / 60_000} min around ${e.kind}`,
          source: e.source,
        });
      } else if (inWindow(t, horizon)) {
        out.push({
          kind: 'macro',
          event: e.event,
          time: e.time,
          window: { start: iso(horizon.start), end: iso(horizon.end) },
          action: 'warning',
          reason: `high-impact ${e.kind === 'OTHER' ? 'release' : e.kind} inside the ${inp.style} holding period`,
          source: e.source,
        });
      }
    }
  }
  if (inp.single_stock && inp.earnings) {
    const t = Date.parse(inp.earnings.release_time);
    if (inWindow(t, horizon)) {
      out.push({
        kind: 'earnings',
        event: `${inp.earnings.symbol} earnings (${inp.earnings.hour ?? 'time not stated'})`,
        time: inp.earnings.release_time,
        window: { start: iso(horizon.start), end: iso(horizon.end) },
        action: short ? 'blocked' : 'warning',
        reason: short ? `earnings release inside the ${inp.style} session` : `earnings release inside the ${inp.style} holding period`,
        source: inp.earnings.source,
      });
    }
  }
  return { event_risk: out, blocked_by_event: out.some((r) => r.action === 'blocked'), horizon };
}
