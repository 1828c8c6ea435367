import type { FieldProblem } from '../../common/errors';
import type { Bar } from '../../core/bars/bar';
import { INTERVAL_MS, parseInterval, type Interval } from '../../core/bars/interval';

/**
 * TradingView UDF conventions for /tv-api: resolutions, time windows and the bars payload.
 * Only resolutions that map onto our interval tokens are offered (no 10/120-minute bars), because
 * resampling to a grid no other endpoint uses would make /tv disagree with /gpt/context.
 */

export const SUPPORTED_RESOLUTIONS = ['1', '3', '5', '15', '30', '60', '240', '1D', '1W'] as const;

const DAY_MS = 86_400_000;
/** Longest window one request may ask for (two years). */
export const MAX_SPAN_MS = 2 * 366 * DAY_MS;

/** `5`, `60`, `1D`, `D`, `W`, `5m`, `1h` … → interval token, undefined otherwise. */
export function resolutionToInterval(resolution: string): Interval | undefined {
  return typeof resolution === 'string' ? parseInterval(resolution) : undefined;
}

export function intervalToResolution(iv: Interval): string {
  return iv === '1D' || iv === '1W' ? iv : String(INTERVAL_MS[iv] / 60_000);
}

/** Epoch seconds or milliseconds (> 1e10 ⇒ ms; exponent form accepted) → ms; undefined when not a finite non-negative number. */
export function parseEpoch(v: string | number | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.floor(n > 1e10 ? n : n * 1000);
}

/** `5D`, `2W`, `3M` (30-day months), `1Y` → ms. */
export function parseRange(v: string): number | undefined {
  const m = /^(\d{1,3})([dwmy])$/i.exec(v.trim());
  if (!m || Number(m[1]) < 1) return undefined;
  const days = { d: 1, w: 7, m: 30, y: 365 }[m[2].toLowerCase() as 'd' | 'w' | 'm' | 'y'];
  return Number(m[1]) * days * DAY_MS;
}

export interface WindowQuery {
  resolution?: string;
  from?: string;
  to?: string;
  range?: string;
}

export interface BarsWindow {
  interval: Interval;
  from: number;
  to: number;
  /** `from` after `to`: a window with no bar in it (UDF answers `no_data`, as a datafeed does). */
  empty?: boolean;
  /** The request asked for more than two years: `from` was moved to two years before `to`. */
  clipped?: boolean;
}

/** Validate resolution/from/to/range against the service clock's `now`. */
export function parseWindow(q: WindowQuery, now: number): { window?: BarsWindow; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const interval = resolutionToInterval(q.resolution ?? '15');
  if (!interval) problems.push({ field: 'resolution', message: `must be one of ${SUPPORTED_RESOLUTIONS.join(', ')}` });
  const to = q.to === undefined || q.to === '' ? now : parseEpoch(q.to);
  if (to === undefined) problems.push({ field: 'to', message: 'must be epoch seconds or milliseconds' });
  let from: number | undefined;
  if (q.from !== undefined && q.from !== '') {
    from = parseEpoch(q.from);
    if (from === undefined) problems.push({ field: 'from', message: 'must be epoch seconds or milliseconds' });
  } else {
    const span = parseRange(q.range ?? '5D');
    if (span === undefined) problems.push({ field: 'range', message: 'must look like 5D, 2W, 3M or 1Y' });
    else if (to !== undefined) from = to - span;
  }
  if (problems.length || !interval || from === undefined || to === undefined) return { problems };
  const end = Math.min(to, now);
  // A charting library asks for whatever range it scrolls to: an inverted window holds no bar, and a
  // longer one than two years is served as its last two years (the datafeed's page), not refused.
  if (from > end) return { window: { interval, from, to: end, empty: true }, problems };
  if (end - from > MAX_SPAN_MS) return { window: { interval, from: end - MAX_SPAN_MS, to: end, clipped: true }, problems };
  return { window: { interval, from, to: end }, problems };
}

export interface UdfBars {
  s: 'ok' | 'no_data';
  t?: number[];
  o?: number[];
  h?: number[];
  l?: number[];
  c?: number[];
  v?: number[];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Bars (UTC ms bar starts) → UDF columns in epoch seconds, prices to 6 dp. */
export function toUdf(bars: readonly Bar[]): UdfBars {
  if (!bars.length) return { s: 'no_data' };
  return {
    s: 'ok',
    t: bars.map((b) => Math.floor(b.time / 1000)),
    o: bars.map((b) => r6(b.open)),
    h: bars.map((b) => r6(b.high)),
    l: bars.map((b) => r6(b.low)),
    c: bars.map((b) => r6(b.close)),
    v: bars.map((b) => b.volume),
  };
}
