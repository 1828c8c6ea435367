/**
 * Test oracle: the as-of context built the direct way, by scanning the frame's history on every call
 * (the engine's implementation before it used per-frame indices). `contextAt` must equal it exactly.
 */
import { isIntraday } from '../../src/core/bars/interval';
import { swings } from '../../src/core/levels/structure';
import { etMinuteOfDay, etWallToUtc } from '../../src/core/session/et-time';
import type { AsOfContext, ContextOptions, HtfSnapshot, PrevSession, SessionSoFar } from '../../src/core/strategies/as-of-context';
import type { Frame } from '../../src/core/strategies/frame';
import type { PriceLevel } from '../../src/core/strategies/strategy.types';

const OR_MINUTES = 15;
const SWING_LOOKBACK = 60;

function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function previousSession(frame: Frame, i: number, date: string, daily?: Frame): PrevSession | null {
  if (!frame.bars.length) return null;
  if (!isIntraday(frame.interval)) {
    if (i < 1) return null;
    const b = frame.bars[i - 1];
    return { date: frame.date[i - 1], high: b.high, low: b.low, close: b.close, high_index: i - 1, low_index: i - 1 };
  }
  // walk back to the last regular bar of an earlier date
  let k = i;
  while (k >= 0 && frame.date[k] >= date) k--;
  while (k >= 0 && !frame.regular[k]) k--;
  if (k >= 0) {
    const d = frame.date[k];
    let hi = -Infinity;
    let lo = Infinity;
    let hiIdx = -1;
    let loIdx = -1;
    const closeIdx = k;
    for (; k >= 0 && frame.date[k] === d; k--) {
      if (!frame.regular[k]) continue;
      const b = frame.bars[k];
      if (b.high > hi) [hi, hiIdx] = [b.high, k];
      if (b.low < lo) [lo, loIdx] = [b.low, k];
    }
    return { date: d, high: hi, low: lo, close: frame.bars[closeIdx].close, high_index: hiIdx, low_index: loIdx };
  }
  if (daily) {
    for (let j = daily.bars.length - 1; j >= 0; j--) {
      if (daily.date[j] < date) {
        const b = daily.bars[j];
        return { date: daily.date[j], high: b.high, low: b.low, close: b.close, high_index: -1, low_index: -1 };
      }
    }
  }
  return null;
}

function htfSnapshot(base: Frame, i: number, htf: Frame): HtfSnapshot | null {
  const tEnd = base.bars[i].time + base.bar_ms;
  const baseDateMs = Date.parse(`${base.date[i]}T00:00:00Z`);
  let j = htf.bars.length - 1;
  const complete = (k: number): boolean => {
    if (htf.interval === '1D') return htf.date[k] < base.date[i];
    if (htf.interval === '1W') return htf.bars[k].time + 7 * 86_400_000 <= baseDateMs;
    return htf.bars[k].time + htf.bar_ms <= tEnd;
  };
  while (j >= 0 && !complete(j)) j--;
  if (j < 0) return null;
  const c = htf.close[j];
  const e20 = htf.ema20[j];
  const e50 = htf.ema50[j];
  const trend = c >= e20 && e20 >= e50 ? 'up' : c <= e20 && e20 <= e50 ? 'down' : 'flat';
  return { interval: htf.interval, close: c, ema20: e20, ema50: e50, adx: htf.adx14[j], rsi: htf.rsi14[j], trend: Number.isFinite(e50) ? trend : 'flat' };
}

function add(levels: PriceLevel[], price: number | undefined, label: string, group: 'session' | 'structural'): void {
  if (price !== undefined && Number.isFinite(price) && price > 0) levels.push({ price, label, group });
}

/** Build the as-of context of bar i (0 ≤ i < bars.length); null when i is out of range. */
export function contextAtReference(frame: Frame, i: number, opts: ContextOptions = {}): AsOfContext | null {
  if (!Number.isInteger(i) || i < 0 || i >= frame.bars.length) return null;
  const bar = frame.bars[i];
  const intraday = isIntraday(frame.interval);
  const date = frame.date[i];
  let session: SessionSoFar | null = null;
  let openingRange: { high: number; low: number } | null = null;
  const vols: number[] = [];
  const start = frame.reg_start[i];
  if (intraday && start >= 0) {
    let hi = -Infinity;
    let lo = Infinity;
    let regCount = 0;
    let orHi = -Infinity;
    let orLo = Infinity;
    const orEnd = etWallToUtc(date, 9, 30) + OR_MINUTES * 60_000;
    for (let k = start; k <= i; k++) {
      if (!frame.regular[k]) continue;
      const b = frame.bars[k];
      hi = Math.max(hi, b.high);
      lo = Math.min(lo, b.low);
      regCount++;
      if (b.time < orEnd) {
        orHi = Math.max(orHi, b.high);
        orLo = Math.min(orLo, b.low);
      }
    }
    session = { date, start_index: start, open: frame.bars[start].open, high: hi, low: lo, bars: regCount };
    // complete once bar i ends at or after the OR end; only meaningful for intervals ≤ 15m
    if (frame.bar_ms <= OR_MINUTES * 60_000 && bar.time + frame.bar_ms >= orEnd && Number.isFinite(orHi)) {
      openingRange = { high: orHi, low: orLo };
    }
    for (let k = i; k >= start && vols.length < 40; k--) if (frame.regular[k]) vols.push(frame.bars[k].volume);
  } else if (!intraday) {
    for (let k = i; k >= 0 && vols.length < 20; k--) vols.push(frame.bars[k].volume);
  }
  const prev = previousSession(frame, i, date, opts.daily);
  const gap = session && prev && prev.close > 0 ? (session.open / prev.close - 1) * 100 : NaN;

  const from = Math.max(0, i - SWING_LOOKBACK);
  const sw = swings(frame.bars.slice(from, i + 1), 2, 2);
  const lastHigh = [...sw].reverse().find((s) => s.kind === 'high');
  const lastLow = [...sw].reverse().find((s) => s.kind === 'low');

  const ctx: AsOfContext = {
    frame,
    i,
    bar,
    close: bar.close,
    atr: frame.atr14[i],
    ema9: frame.ema9[i],
    ema20: frame.ema20[i],
    ema50: frame.ema50[i],
    adx: frame.adx14[i],
    rsi: frame.rsi14[i],
    vwap: frame.vwap[i],
    intraday,
    minute_et: intraday ? etMinuteOfDay(bar.time) : NaN,
    date,
    session,
    opening_range: openingRange,
    prev,
    gap_pct: gap,
    volume_median: median(vols),
    swing_high: lastHigh ? { price: lastHigh.price, label: 'Swing high', group: 'structural' } : null,
    swing_low: lastLow ? { price: lastLow.price, label: 'Swing low', group: 'structural' } : null,
    htf: (opts.htf ?? []).map((h) => htfSnapshot(frame, i, h)).filter((h): h is HtfSnapshot => h !== null),
    levels: [],
    ignore_windows: opts.ignore_windows === true,
  };
  const L = ctx.levels;
  add(L, openingRange?.high, 'ORH', 'session');
  add(L, openingRange?.low, 'ORL', 'session');
  add(L, session?.high, 'Session high', 'session');
  add(L, session?.low, 'Session low', 'session');
  add(L, ctx.vwap, 'VWAP', 'session');
  add(L, prev?.high, intraday ? 'PDH' : 'Prior bar high', 'structural');
  add(L, prev?.low, intraday ? 'PDL' : 'Prior bar low', 'structural');
  add(L, prev?.close, intraday ? 'PDC' : 'Prior close', 'structural');
  add(L, ctx.swing_high?.price, 'Swing high', 'structural');
  add(L, ctx.swing_low?.price, 'Swing low', 'structural');
  if (!intraday) {
    const hiLo = (n: number) => {
      let hi = -Infinity;
      let lo = Infinity;
      for (let k = Math.max(0, i - n); k < i; k++) {
        hi = Math.max(hi, frame.bars[k].high);
        lo = Math.min(lo, frame.bars[k].low);
      }
      return { hi, lo };
    };
    const d20 = hiLo(20);
    const d55 = hiLo(55);
    add(L, d20.hi, '20-bar high', 'structural');
    add(L, d20.lo, '20-bar low', 'structural');
    add(L, d55.hi, '55-bar high', 'structural');
    add(L, d55.lo, '55-bar low', 'structural');
  }
  return ctx;
}
