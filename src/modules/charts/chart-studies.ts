import { toColumns, type Bar } from '../../core/bars/bar';
import { isIntraday, type Interval } from '../../core/bars/interval';
import { anchoredVwap, ema, sessionVwap } from '../../core/indicators';
import { etDate } from '../../core/session/et-time';
import { regularSession } from '../../core/session/session';

/** One chart point: epoch seconds (bar start) and value; warm-up (NaN) points are omitted. */
export interface StudyPoint {
  time: number;
  value: number;
}

export interface AnchoredVwapStudy {
  label: string;
  /** Anchor bar start, epoch seconds. */
  anchor_time: number;
  points: StudyPoint[];
}

export interface ChartStudies {
  /** EMA span → series (SMA-seeded, TA-Lib convention). */
  ema: Record<string, StudyPoint[]>;
  /** Session VWAP (typical price, resets 09:30 ET); empty on daily/weekly charts. */
  vwap: StudyPoint[];
  avwap: AnchoredVwapStudy[];
}

export const DEFAULT_EMAS = [9, 21, 50];

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function points(bars: readonly Bar[], values: Float64Array): StudyPoint[] {
  const out: StudyPoint[] = [];
  for (let i = 0; i < bars.length; i++) if (Number.isFinite(values[i])) out.push({ time: Math.floor(bars[i].time / 1000), value: r6(values[i]) });
  return out;
}

/**
 * Default anchors for an intraday chart: the previous regular session's open, and the bars of the
 * window's lowest low and highest high (where the move started, as traders anchor them).
 */
export function defaultAnchors(bars: readonly Bar[], interval: Interval): Array<{ label: string; index: number }> {
  if (!bars.length) return [];
  const out: Array<{ label: string; index: number }> = [];
  if (isIntraday(interval)) {
    const days = [...new Set(bars.map((b) => etDate(b.time)))];
    const prev = days.length >= 2 ? regularSession(days[days.length - 2]) : null;
    const idx = prev ? bars.findIndex((b) => b.time >= prev.open) : -1;
    if (idx >= 0) out.push({ label: 'AVWAP prev open', index: idx });
  }
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < bars.length; i++) {
    if (bars[i].low < bars[lo].low) lo = i;
    if (bars[i].high > bars[hi].high) hi = i;
  }
  out.push({ label: 'AVWAP swing low', index: lo }, { label: 'AVWAP swing high', index: hi });
  return out;
}

/** EMAs, session VWAP and anchored VWAPs over the same bars /tv-api/bars returns. */
const MAX_DATE_MS = 8.64e15;

export function computeStudies(bars: readonly Bar[], interval: Interval, emaSpans: readonly number[], anchorsMs: readonly number[] = []): ChartStudies {
  const cols = toColumns(bars);
  const out: ChartStudies = { ema: {}, vwap: [], avwap: [] };
  for (const span of emaSpans) out.ema[String(span)] = points(bars, ema(cols.close, span));
  if (isIntraday(interval)) out.vwap = points(bars, sessionVwap(cols.time, cols.high, cols.low, cols.close, cols.volume));
  // an anchor beyond JavaScript's date range (8.64e15 ms) lies after every bar: no line, and no label to print
  const inRange = anchorsMs.filter((t) => t <= MAX_DATE_MS);
  const anchors = anchorsMs.length
    ? inRange.map((t) => ({ label: `AVWAP ${new Date(t).toISOString().slice(0, 16).replace('T', ' ')}Z`, index: bars.findIndex((b) => b.time >= t) }))
    : defaultAnchors(bars, interval);
  for (const a of anchors) {
    if (a.index < 0) continue;
    out.avwap.push({
      label: a.label,
      anchor_time: Math.floor(bars[a.index].time / 1000),
      points: points(bars, anchoredVwap(cols.high, cols.low, cols.close, cols.volume, a.index)),
    });
  }
  return out;
}
