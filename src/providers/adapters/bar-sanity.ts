/**
 * Vendor bars at the adapter edge (issue 13 item 8): impossible bars are rejected or repaired and the
 * result says so; freshness is the age of the last bar against the clock and the NYSE calendar.
 *
 * Rejected: a non-finite field, open or close ≤ 0, a start before 1990-01-01 or more than a minute
 * in the future. Repaired: high/low that do not contain open and close (incl. high < low, or a
 * high/low ≤ 0) become max/min of the prices given. Pure functions, no I/O.
 */
import type { Bar } from '../../core/bars/bar';
import { INTERVAL_MS, Interval, isIntraday } from '../../core/bars/interval';
import { etDate } from '../../core/session/et-time';
import { isTradingDay, previousTradingDay } from '../../core/session/nyse-calendar';
import { regularSession } from '../../core/session/session';
import { cleanBars } from './normalize';

export const EARLIEST_BAR_MS = Date.parse('1990-01-01T00:00:00Z');
export const FUTURE_TOLERANCE_MS = 60_000;

export interface CheckedBars {
  bars: Bar[];
  rejected: number;
  repaired: number;
  warnings: string[];
}

/** What an adapter adds to its BarsResult (additive fields; `stale` keeps its meaning of "not current"). */
export interface BarsQuality {
  stale: boolean;
  /** Seconds from the end of the last bar (intraday) or its session close (daily) to the reference time. */
  age_s: number;
  repaired?: number;
  rejected?: number;
  warnings?: string[];
}

type Reason = 'non-finite' | 'non-positive price' | 'before 1990' | 'in the future';

/** Reject or repair impossible bars, then sort/dedupe (cleanBars). */
export function checkBars(raw: Bar[], interval: Interval, nowMs: number): CheckedBars {
  const reasons = new Map<Reason, number>();
  const reject = (r: Reason) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  let repaired = 0;
  const kept: Bar[] = [];
  for (const b of raw) {
    if (![b.time, b.open, b.high, b.low, b.close].every((x) => typeof x === 'number' && Number.isFinite(x))) reject('non-finite');
    else if (b.open <= 0 || b.close <= 0) reject('non-positive price');
    else if (b.time < EARLIEST_BAR_MS) reject('before 1990');
    else if (b.time > nowMs + FUTURE_TOLERANCE_MS) reject('in the future');
    else {
      const positive = [b.open, b.close, b.high, b.low].filter((x) => x > 0);
      const high = Math.max(...positive);
      const low = Math.min(...positive);
      if (high !== b.high || low !== b.low) {
        repaired++;
        kept.push({ ...b, high, low });
      } else kept.push(b);
    }
  }
  const rejected = [...reasons.values()].reduce((a, n) => a + n, 0);
  const warnings: string[] = [];
  if (rejected) warnings.push(`rejected ${rejected} impossible ${interval} bar(s): ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')}`);
  if (repaired) warnings.push(`repaired ${repaired} ${interval} bar(s) whose high/low did not contain open and close`);
  return { bars: cleanBars(kept, interval), rejected, repaired, warnings };
}

/** The latest trading date whose regular session has closed by `ms` (ET). */
function lastClosedSession(ms: number): string {
  let d = etDate(ms);
  const s = isTradingDay(d) ? regularSession(d) : null;
  if (!s || s.close > ms) d = previousTradingDay(d);
  return d;
}

/**
 * Age of the last bar at `referenceMs` and whether it is stale: intraday bars older than three bars
 * or 20 minutes (whichever is longer) — at night that is every vendor's last bar, labelled with its
 * age; daily bars missing the last closed session; weekly bars missing the last closed session's week.
 */
export function barFreshness(bars: Bar[], interval: Interval, referenceMs: number): { stale: boolean; age_s: number } {
  const last = bars[bars.length - 1];
  if (!last) return { stale: true, age_s: 0 };
  if (isIntraday(interval)) {
    const end = last.time + INTERVAL_MS[interval];
    const age = Math.max(0, referenceMs - end);
    return { stale: age > Math.max(3 * INTERVAL_MS[interval], 20 * 60_000), age_s: Math.round(age / 1000) };
  }
  const lastDate = new Date(last.time).toISOString().slice(0, 10);
  const close = regularSession(lastDate)?.close ?? last.time + INTERVAL_MS[interval];
  const age_s = Math.round(Math.max(0, referenceMs - close) / 1000);
  const expected = lastClosedSession(referenceMs);
  if (interval === '1W') return { stale: Date.parse(`${expected}T00:00:00Z`) - last.time >= 7 * 86_400_000, age_s };
  return { stale: lastDate < expected, age_s };
}

/** The quality fields of a BarsResult: freshness always, repair/reject counts and warnings when any. */
export function barsQuality(checked: CheckedBars, bars: Bar[], interval: Interval, referenceMs: number): BarsQuality {
  return {
    ...barFreshness(bars, interval, referenceMs),
    ...(checked.repaired ? { repaired: checked.repaired } : {}),
    ...(checked.rejected ? { rejected: checked.rejected } : {}),
    ...(checked.warnings.length ? { warnings: checked.warnings } : {}),
  };
}
