/**
 * Deterministic synthetic price history for any symbol. Not market data: realistic in shape only
 * (see docs/embedded-data.md). Everything is a pure function of (symbol, date), so the same request
 * always gives the same numbers whatever window or clock produced it.
 */
import type { Bar } from '../../core/bars/bar';
import { addDays, etWallToUtc } from '../../core/session/et-time';
import { isEarlyClose, isTradingDay } from '../../core/session/nyse-calendar';
import { LRUCache } from 'lru-cache';
import { hashString, Prng } from './prng';
import { sliceDue } from './cpu-slices';

const ANCHOR = '2000-01-03';
const MINUTE = 60_000;

export interface SymbolProfile {
  basePrice: number;
  /** Daily log-return stdev (fraction). */
  dailyVol: number;
  /** Average regular-session volume, shares. */
  avgVolume: number;
  /** Continuous dividend yield (fraction) used by the synthetic chain. */
  dividendYield: number;
}

export function symbolProfile(symbol: string): SymbolProfile {
  const r = new Prng(`profile|${symbol}`);
  return {
    basePrice: Math.exp(Math.log(15) + r.next() * (Math.log(600) - Math.log(15))),
    dailyVol: 0.009 + r.next() * 0.022,
    avgVolume: Math.round(Math.exp(Math.log(2e6) + r.next() * Math.log(40))),
    dividendYield: r.next() < 0.4 ? 0 : Math.round(r.next() * 300) / 10000,
  };
}

export type DayType = 'trend' | 'range' | 'normal' | 'reversal';

export interface DailyPoint {
  date: string;
  open: number;
  close: number;
  dayType: DayType;
}

function dayOf(symbol: string, date: string, prevClose: number, profile: SymbolProfile): DailyPoint {
  const r = new Prng(`day|${symbol}|${date}`);
  const u = r.next();
  const dayType: DayType = u < 0.25 ? 'trend' : u < 0.6 ? 'range' : u < 0.8 ? 'reversal' : 'normal';
  const mult = dayType === 'trend' ? 1.7 : dayType === 'range' ? 0.45 : 1.0;
  const sigma = profile.dailyVol;
  const gap = r.normal() * sigma * 0.3 + (r.next() < 0.05 ? r.normal() * sigma * 2 : 0);
  const open = prevClose * Math.exp(gap);
  // mean reversion of the log price toward the base level keeps 30 years of history in a sane range
  const pull = 0.003 * Math.log(profile.basePrice / open);
  const ret = pull + r.normal() * sigma * mult;
  return { date, open, close: open * Math.exp(ret), dayType };
}

/** Trading dates from the anchor to 2036, built once and shared by every symbol. */
let calendarDates: string[] | null = null;
let calendarIndex: Map<string, number> | null = null;
function calendar(): { dates: string[]; index: Map<string, number> } {
  if (!calendarDates || !calendarIndex) {
    calendarDates = [];
    calendarIndex = new Map();
    for (let d = ANCHOR; d <= '2036-12-31'; d = addDays(d, 1)) {
      if (isTradingDay(d)) {
        calendarIndex.set(d, calendarDates.length);
        calendarDates.push(d);
      }
    }
  }
  return { dates: calendarDates, index: calendarIndex };
}

/** First index of `dates` (sorted) whose date is ≥ `d`. */
function lowerBound(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * NYSE trading days from `fromDate` to `toDate` inclusive (YYYY-MM-DD), oldest first: a slice of the
 * precomputed calendar (two binary searches) instead of stepping through every calendar day with
 * date-string arithmetic, which cost ≈ 6 % of the service's CPU under the soak; outside the
 * calendar's years it steps day by day as before.
 */
export function tradingDaysBetween(fromDate: string, toDate: string): string[] {
  const { dates } = calendar();
  if (fromDate > toDate) return [];
  if (fromDate >= dates[0] && toDate <= dates[dates.length - 1]) return dates.slice(lowerBound(dates, fromDate), lowerBound(dates, addDays(toDate, 1)));
  const out: string[] = [];
  for (let d = fromDate; d <= toDate; d = addDays(d, 1)) if (isTradingDay(d)) out.push(d);
  return out;
}

const DAY_TYPES: readonly DayType[] = ['trend', 'range', 'normal', 'reversal'];
/** Days are appended in chunks so a path's arrays grow a few times, not once per day. */
const CHUNK_DAYS = 512;

/** One symbol's daily path so far, packed (17 bytes a day instead of a ~100-byte object). */
interface PackedPath {
  open: Float64Array;
  close: Float64Array;
  type: Uint8Array;
  length: number;
}

/**
 * Bounds of the per-symbol path cache. A path from 2000 to today is ~6,500 days ≈ 110 KB packed; a
 * symbol evicted here is rebuilt deterministically (same numbers) on its next request in a few ms.
 */
export const SYNTHETIC_PATH_CACHE_DEFAULTS = { maxSymbols: 500, maxBytes: 16 * 1024 * 1024 };

const pathBytes = (p: PackedPath) => p.open.byteLength + p.close.byteLength + p.type.byteLength + 64;
const newPathCache = (o: { maxSymbols: number; maxBytes: number }) => new LRUCache<string, PackedPath>({ max: o.maxSymbols, maxSize: o.maxBytes, sizeCalculation: pathBytes });
let paths = newPathCache(SYNTHETIC_PATH_CACHE_DEFAULTS);

/** Replace the path cache with one of other bounds (tests; the defaults suit the service). */
export function configureSyntheticPathCache(o: { maxSymbols: number; maxBytes: number } = SYNTHETIC_PATH_CACHE_DEFAULTS): void {
  paths = newPathCache(o);
}

/** Entries and bytes held by the synthetic path cache (for tests and the memory probe). */
export function syntheticPathCacheStats(): { symbols: number; bytes: number } {
  return { symbols: paths.size, bytes: paths.calculatedSize };
}

function grow(p: PackedPath, need: number): PackedPath {
  const cap = Math.min(calendar().dates.length, Math.ceil((need + 1) / CHUNK_DAYS) * CHUNK_DAYS);
  const open = new Float64Array(cap);
  const close = new Float64Array(cap);
  const type = new Uint8Array(cap);
  open.set(p.open.subarray(0, p.length));
  close.set(p.close.subarray(0, p.length));
  type.set(p.type.subarray(0, p.length));
  return { open, close, type, length: p.length };
}

/** The symbol's packed path extended to cover calendar index `i`. */
function pathTo(symbol: string, i: number): PackedPath {
  const { dates } = calendar();
  let path = paths.get(symbol) ?? { open: new Float64Array(0), close: new Float64Array(0), type: new Uint8Array(0), length: 0 };
  if (i >= path.length) {
    if (i >= path.open.length) path = grow(path, i);
    const profile = symbolProfile(symbol);
    let prevClose = path.length ? path.close[path.length - 1] : profile.basePrice;
    for (let k = path.length; k <= i; k++) {
      const p = dayOf(symbol, dates[k], prevClose, profile);
      path.open[k] = p.open;
      path.close[k] = p.close;
      path.type[k] = DAY_TYPES.indexOf(p.dayType);
      prevClose = p.close;
    }
    path.length = i + 1;
    paths.set(symbol, path); // re-set: its size changed
  }
  return path;
}

/** Days of path built per slice when preparing a path ahead (~2.5 µs a day: a few ms per step). */
const PREPARE_STEP_DAYS = 1000;

/**
 * Build `symbol`'s daily path up to `date` (the last trading day on or before it) a step at a time,
 * giving the event loop back between steps; the path is the same as the synchronous `pathTo` builds
 * (each day depends only on the previous close). Cheap when the path is already long enough.
 */
export async function preparePath(symbol: string, date: string): Promise<void> {
  const { dates } = calendar();
  let lo = 0;
  let hi = dates.length - 1;
  if (date < dates[0]) return;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dates[mid] <= date) lo = mid;
    else hi = mid - 1;
  }
  for (let have = paths.get(symbol)?.length ?? 0; have <= lo; have = Math.min(lo, have + PREPARE_STEP_DAYS) + 1) {
    pathTo(symbol, Math.min(lo, have + PREPARE_STEP_DAYS));
    const due = sliceDue();
    if (due) await due;
  }
}

/** Daily open/close of `symbol` on trading day `date` (null on non-trading days or outside 2000–2036). */
export function dailyPoint(symbol: string, date: string): DailyPoint | null {
  const i = calendar().index.get(date);
  if (i === undefined) return null;
  const path = pathTo(symbol, i);
  return { date, open: path.open[i], close: path.close[i], dayType: DAY_TYPES[path.type[i]] };
}

export function previousClose(symbol: string, date: string): number | null {
  const i = calendar().index.get(date);
  if (i === undefined) return null;
  return i > 0 ? pathTo(symbol, i).close[i - 1] : symbolProfile(symbol).basePrice;
}

/** U-shaped intraday activity: heavy at the open, quiet at midday, busier into the close. x ∈ [0,1]. */
function activity(x: number): number {
  return 0.55 + 1.6 * Math.exp(-x * 9) + 0.7 * Math.exp(-(1 - x) * 7);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

type BarSink = (time: number, open: number, high: number, low: number, close: number, volume: number) => void;

/**
 * The regular session of one day: a Brownian bridge in log price from the day's open to its close
 * with a U-shaped volatility and volume profile (reversal days add an excursion against the close).
 * Uses its own random stream, so daily bars can be built without generating extended hours.
 */
function generateRegular(symbol: string, date: string, sink: BarSink): boolean {
  const day = dailyPoint(symbol, date);
  if (!day) return false;
  const profile = symbolProfile(symbol);
  const r = new Prng(`regular|${symbol}|${date}`);
  const regularMinutes = isEarlyClose(date) ? 210 : 390;
  const open = etWallToUtc(date, 9, 30);
  const sigmaMin = profile.dailyVol / Math.sqrt(390);
  const lo = Math.log(day.open);
  const lc = Math.log(day.close);
  const w = new Float64Array(regularMinutes + 1);
  const calm = day.dayType === 'range' ? 0.7 : 1;
  for (let i = 1; i <= regularMinutes; i++) w[i] = w[i - 1] + r.normal() * sigmaMin * Math.sqrt(activity(i / regularMinutes)) * calm;
  const total = w[regularMinutes];
  const dir = Math.sign(lc - lo) || 1;
  const revAmp = day.dayType === 'reversal' ? profile.dailyVol * 0.8 : 0;
  const volScale = profile.avgVolume / regularMinutes;
  let prev = day.open;
  for (let i = 0; i < regularMinutes; i++) {
    const x = (i + 0.5) / regularMinutes;
    const xe = (i + 1) / regularMinutes;
    const c = i === regularMinutes - 1 ? day.close : Math.exp(lo + w[i + 1] - xe * (total - (lc - lo)) - dir * revAmp * Math.sin(Math.PI * xe));
    const wick = sigmaMin * Math.sqrt(activity(x)) * 0.6;
    const o2 = round2(prev);
    const c2 = round2(c);
    const h = Math.max(o2, c2, round2(Math.max(prev, c) * (1 + wick * Math.abs(r.normal()))));
    const l = Math.min(o2, c2, round2(Math.min(prev, c) * (1 - wick * Math.abs(r.normal()))));
    const vol = Math.max(100, Math.round((volScale * activity(x) * 0.75 * Math.exp(0.35 * r.normal())) / 100) * 100);
    sink(open + i * MINUTE, o2, h, l, c2, vol);
    prev = c;
  }
  return true;
}

/**
 * One-minute bars of one trading day, 04:00–20:00 ET (regular 09:30–16:00, 13:00/17:00 on early
 * closes). Pre/post-market bars are thin (a minute has a bar only when something traded).
 */
export function minuteBarsOfDay(symbol: string, date: string): Bar[] {
  const day = dailyPoint(symbol, date);
  if (!day) return [];
  const profile = symbolProfile(symbol);
  const prevClose = previousClose(symbol, date) ?? day.open;
  const sigmaMin = profile.dailyVol / Math.sqrt(390);
  const bars: Bar[] = [];

  // pre-market: a thin walk from the previous close to the open
  const pre = new Prng(`pre|${symbol}|${date}`);
  const preStart = etWallToUtc(date, 4, 0);
  let p = prevClose;
  for (let i = 0; i < 330; i++) {
    const target = prevClose + ((day.open - prevClose) * (i + 1)) / 330;
    p = p + (target - p) * 0.05 + p * sigmaMin * 0.4 * pre.normal();
    if (pre.next() < (i > 240 ? 0.45 : 0.12)) {
      const o = round2(p * (1 + sigmaMin * 0.2 * pre.normal()));
      const c = round2(p);
      const h = Math.max(o, c, round2(Math.max(o, c) * (1 + sigmaMin * 0.2 * Math.abs(pre.normal()))));
      const l = Math.min(o, c, round2(Math.min(o, c) * (1 - sigmaMin * 0.2 * Math.abs(pre.normal()))));
      bars.push({ time: preStart + i * MINUTE, open: o, high: h, low: l, close: c, volume: Math.round(profile.avgVolume * 0.00004 * (1 + 3 * pre.next())) * 10 });
    }
  }

  generateRegular(symbol, date, (time, open, high, low, close, volume) => bars.push({ time, open, high, low, close, volume }));

  // post-market: thin prints around the close
  const post = new Prng(`post|${symbol}|${date}`);
  const postStart = etWallToUtc(date, 9, 30) + (isEarlyClose(date) ? 210 : 390) * MINUTE;
  p = day.close;
  for (let i = 0; i < 240; i++) {
    p = p * (1 + sigmaMin * 0.3 * post.normal());
    if (post.next() < (i < 30 ? 0.5 : 0.12)) {
      const c = round2(p);
      const o = round2(p * (1 + sigmaMin * 0.15 * post.normal()));
      bars.push({ time: postStart + i * MINUTE, open: o, high: Math.max(o, c), low: Math.min(o, c), close: c, volume: Math.round(profile.avgVolume * 0.00003 * (1 + 3 * post.next())) * 10 });
    }
  }
  return bars;
}

/** The regular-session daily bar of a day (stamped 00:00 UTC of the date) without building minute bars. */
export function dailyBarOfDay(symbol: string, date: string, untilMs = Infinity): Bar | null {
  let bar: Bar | null = null;
  generateRegular(symbol, date, (time, open, high, low, close, volume) => {
    if (time + MINUTE > untilMs) return;
    if (!bar) bar = { time: Date.parse(`${date}T00:00:00Z`), open, high, low, close, volume };
    else {
      if (high > bar.high) bar.high = high;
      if (low < bar.low) bar.low = low;
      bar.close = close;
      bar.volume += volume;
    }
  });
  return bar;
}

export { hashString };
