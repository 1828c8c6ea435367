import type { Bar } from '../../core/bars/bar';
import type { Interval } from '../../core/bars/interval';
import { etDate } from '../../core/session/et-time';

/**
 * Daily/weekly bars are stamped 00:00 UTC of their ET trading date (one convention for every vendor).
 * A bar already stamped at 00:00 UTC (a date-only vendor field) keeps its date; others (Polygon's ET
 * midnight, Yahoo's 09:30 ET) are mapped to their ET date.
 */
export function stampDaily(utcMs: number): number {
  if (utcMs % 86_400_000 === 0) return utcMs;
  return Date.parse(`${etDate(utcMs)}T00:00:00Z`);
}

/** Sort, drop non-finite rows and duplicates; daily/weekly stamps normalised. */
export function cleanBars(bars: Bar[], interval: Interval): Bar[] {
  const daily = interval === '1D' || interval === '1W';
  const byTime = new Map<number, Bar>();
  for (const b of bars) {
    if (![b.time, b.open, b.high, b.low, b.close].every(Number.isFinite)) continue;
    const time = daily ? stampDaily(b.time) : b.time;
    byTime.set(time, { ...b, time, volume: Number.isFinite(b.volume) && b.volume > 0 ? b.volume : 0 });
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
