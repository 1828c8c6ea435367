import { etMinuteOfDay } from '../session/et-time';
import type { OutcomeRow, TimeOfDayBucket } from './outcome.types';

/** The dimensions a (playbook, style) is cut along. */
export const SEGMENT_DIMENSIONS = ['direction', 'time_of_day', 'tp1_atr', 'trend', 'volatility'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** A cut of the parent (playbook × style); `dimension: 'all'` is the parent itself. */
export interface SegmentRef {
  dimension: SegmentDimension | 'all';
  value: string;
}

export const PARENT_SEGMENT: Readonly<SegmentRef> = Object.freeze({ dimension: 'all', value: 'all' });

/**
 * ET time-of-day bucket of an instant (minutes after ET midnight m):
 * open [09:30, 10:00) · morning [10:00, 11:30) · midday [11:30, 14:00) · afternoon [14:00, 15:00)
 * · power_hour [15:00, 16:00) · extended otherwise. Daily (and longer) bars → `session`.
 */
export function timeOfDayBucket(utcMs: number, daily = false): TimeOfDayBucket {
  if (daily) return 'session';
  const m = etMinuteOfDay(utcMs);
  if (m < 570 || m >= 960) return 'extended';
  if (m < 600) return 'open';
  if (m < 690) return 'morning';
  if (m < 840) return 'midday';
  if (m < 900) return 'afternoon';
  return 'power_hour';
}

/** Default edges of the TP1-distance buckets, in ATR. */
export const TP1_ATR_EDGES: readonly number[] = [0.5, 1, 2, 3];

/** Half-open bucket label of a TP1 distance in ATR, e.g. 1.2 with edges [0.5, 1, 2, 3] → "[1,2)". */
export function tp1AtrBucket(tp1Atr: number, edges: readonly number[] = TP1_ATR_EDGES): string {
  if (!Number.isFinite(tp1Atr) || tp1Atr < 0) throw new RangeError(`tp1_atr must be a finite number ≥ 0 (got ${tp1Atr})`);
  let lo = 0;
  for (const e of edges) {
    if (tp1Atr < e) return `[${lo},${e})`;
    lo = e;
  }
  return `[${lo},inf)`;
}

/** The value of one segment dimension for a row. */
export function segmentValue(row: OutcomeRow, dim: SegmentDimension, tp1Edges: readonly number[] = TP1_ATR_EDGES): string {
  switch (dim) {
    case 'direction':
      return row.direction;
    case 'time_of_day':
      return row.time_of_day;
    case 'tp1_atr':
      return tp1AtrBucket(row.tp1_atr, tp1Edges);
    case 'trend':
      return row.regime.trend;
    case 'volatility':
      return row.regime.volatility;
  }
}
