import type { Bar } from './bar';
import { Interval, INTERVAL_MS } from './interval';
import { etDate, etDayNumber, etLocalMs, etWallToUtc } from '../session/et-time';
import { sessionTag } from '../session/session';

const DAY = 86_400_000;

function merge(into: Bar, b: Bar) {
  into.high = Math.max(into.high, b.high);
  into.low = Math.min(into.low, b.low);
  into.close = b.close;
  if (b.vwap !== undefined && into.vwap !== undefined && into.volume + b.volume > 0) {
    into.vwap = (into.vwap * into.volume + b.vwap * b.volume) / (into.volume + b.volume);
  } else if (b.vwap === undefined) {
    delete into.vwap;
  }
  into.volume += b.volume;
}

/**
 * Bucket start (UTC ms) of an intraday bar for a target interval. Regular-session buckets are
 * anchored at 09:30 ET (so 1h bars are 09:30, 10:30, …, 15:30 — the last one short; 4h bars are
 * 09:30 and 13:30); pre- and post-market bars bucket on the ET clock from midnight (04:00, 05:00, …),
 * never mixing with regular-session bars.
 */
// 09:30 ET of the last ET day looked up (bars arrive day by day): one date string per day, not per bar
let openDay = NaN;
let openMs = NaN;
function regularOpen(time: number): number {
  const day = etDayNumber(time);
  if (day !== openDay) {
    openMs = etWallToUtc(etDate(time), 9, 30);
    openDay = day;
  }
  return openMs;
}

function bucketStart(time: number, stepMs: number): number {
  const tag = sessionTag(time);
  if (tag === 'regular') {
    const open = regularOpen(time);
    return open + Math.floor((time - open) / stepMs) * stepMs;
  }
  const local = etLocalMs(time);
  const localStart = Math.floor(local / stepMs) * stepMs;
  const start = time - (local - localStart);
  return start;
}

/**
 * Aggregate bars into a coarser interval, aligned to US-equity sessions. Daily bars are built from
 * regular-session bars only (stamped 00:00 UTC of the ET date, like vendor daily bars); weekly bars
 * from daily ones (stamped at the Monday of the week). Input must be oldest first; a target finer
 * than the input returns the input unchanged.
 */
export function resampleBars(bars: readonly Bar[], target: Interval): Bar[] {
  if (bars.length === 0) return [];
  const out: Bar[] = [];
  if (target === '1D' || target === '1W') {
    // Daily input is stamped at 00:00 UTC of its date (vendor convention); anything else is intraday.
    const dailyInput = bars.every((b) => b.time % DAY === 0);
    let daily: Bar[] = [];
    if (!dailyInput) {
      for (const b of bars) {
        if (sessionTag(b.time) !== 'regular') continue;
        const day = Date.parse(`${etDate(b.time)}T00:00:00Z`);
        const last = daily[daily.length - 1];
        if (last && last.time === day) merge(last, b);
        else daily.push({ ...b, time: day });
      }
    } else {
      daily = bars.map((b) => ({ ...b }));
    }
    if (target === '1D') return daily;
    for (const d of daily) {
      const dow = new Date(d.time).getUTCDay();
      const monday = d.time - ((dow + 6) % 7) * DAY;
      const last = out[out.length - 1];
      if (last && last.time === monday) merge(last, d);
      else out.push({ ...d, time: monday });
    }
    return out;
  }
  const step = INTERVAL_MS[target];
  let lastTag = '';
  for (const b of bars) {
    const start = bucketStart(b.time, step);
    const tag = sessionTag(b.time);
    const last = out[out.length - 1];
    if (last && last.time === start && tag === lastTag) merge(last, b);
    else out.push({ ...b, time: start });
    lastTag = tag;
  }
  return out;
}
