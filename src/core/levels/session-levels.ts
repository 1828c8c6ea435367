import type { Bar } from '../bars/bar';
import { etDate, etWallToUtc } from '../session/et-time';
import { previousTradingDay } from '../session/nyse-calendar';
import { sessionTag } from '../session/session';

export interface Range {
  high: number;
  low: number;
}

const rangeOf = (bars: readonly Bar[]): Range | null => (bars.length ? { high: Math.max(...bars.map((b) => b.high)), low: Math.min(...bars.map((b) => b.low)) } : null);

/** Opening range: high/low of regular-session bars starting before 09:30 + `minutes` ET on `date`. */
export function openingRange(bars: readonly Bar[], date: string, minutes: number): Range | null {
  const open = etWallToUtc(date, 9, 30);
  const end = open + minutes * 60_000;
  return rangeOf(bars.filter((b) => b.time >= open && b.time < end && sessionTag(b.time) === 'regular'));
}

/** Pre-market range (04:00–09:30 ET) of `date`, with its volume. */
export function premarketRange(bars: readonly Bar[], date: string): (Range & { volume: number }) | null {
  const pre = bars.filter((b) => sessionTag(b.time) === 'pre' && etDate(b.time) === date);
  const r = rangeOf(pre);
  return r ? { ...r, volume: pre.reduce((s, b) => s + b.volume, 0) } : null;
}

export interface SessionOhlc {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Regular-session OHLCV of one ET date from intraday bars, or null. */
export function regularSessionOhlc(bars: readonly Bar[], date: string): SessionOhlc | null {
  const reg = bars.filter((b) => sessionTag(b.time) === 'regular' && etDate(b.time) === date);
  if (!reg.length) return null;
  return {
    date,
    open: reg[0].open,
    high: Math.max(...reg.map((b) => b.high)),
    low: Math.min(...reg.map((b) => b.low)),
    close: reg[reg.length - 1].close,
    volume: reg.reduce((s, b) => s + b.volume, 0),
  };
}

/**
 * The previous regular session's high/low/close before `date`: from intraday bars when that session is
 * in them, else from daily bars (stamped 00:00 UTC of their date).
 */
export function previousDay(bars: readonly Bar[], date: string, daily?: readonly Bar[]): SessionOhlc | null {
  const prevDates = [...new Set(bars.map((b) => etDate(b.time)))].filter((d) => d < date).sort();
  for (let i = prevDates.length - 1; i >= 0; i--) {
    const s = regularSessionOhlc(bars, prevDates[i]);
    if (s) return s;
  }
  if (daily?.length) {
    const prev = [...daily].reverse().find((d) => new Date(d.time).toISOString().slice(0, 10) < date);
    if (prev) return { date: new Date(prev.time).toISOString().slice(0, 10), open: prev.open, high: prev.high, low: prev.low, close: prev.close, volume: prev.volume };
  }
  void previousTradingDay;
  return null;
}

/** Gap in percent: (open / previous close − 1) × 100. */
export function gapPct(prevClose: number, open: number): number {
  return prevClose > 0 && Number.isFinite(open) ? (open / prevClose - 1) * 100 : NaN;
}
