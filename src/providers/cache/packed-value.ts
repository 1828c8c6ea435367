import type { Bar } from '../../core/bars/bar';
import { packBars, unpackBars, type PackedBars } from '../../core/bars/packed-bars';

/**
 * How the in-process caches hold an answer that carries bars (`{…, bars: Bar[]}`): the bars packed in
 * one Float64Array instead of one object and four or five boxed numbers each. A heap snapshot under
 * the soak found 250,000 `Bar` objects alive, half of them in the provider chain's caches (the shared
 * in-memory store, the runner's hot copy, the last-good store), all re-created and promoted every 30 s
 * as entries expire: the old generation the garbage collector marks over and over. Packed, they are a
 * few typed arrays per entry, nothing for the marker to trace.
 *
 * Lossless or not at all: only arrays whose every element is exactly a Bar (numeric time, open, high,
 * low, close, volume, and an optional numeric non-NaN vwap; no other own keys) are packed; anything
 * else is stored as it is. Every read builds fresh Bar objects with the same values and the answer's
 * other fields in their original order, so a caller can never mutate what the cache holds.
 * In-process only: a Redis store gets plain JSON as before.
 */
export class PackedBarsAnswer {
  constructor(
    /** The answer with `bars: null` (keeps the keys' order). */
    readonly template: Readonly<Record<string, unknown>>,
    readonly bars: PackedBars,
  ) {}
}

/** Arrays shorter than this are kept as they are (packing would save nothing). */
const PACK_MIN_BARS = 16;

function isPlainBar(b: unknown): b is Bar {
  if (b === null || typeof b !== 'object' || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const o = b as Record<string, unknown>;
  let keys = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    keys++;
    const v = o[k];
    if (k === 'vwap') {
      if (typeof v !== 'number' || Number.isNaN(v)) return false;
    } else if (k === 'time' || k === 'open' || k === 'high' || k === 'low' || k === 'close' || k === 'volume') {
      if (typeof v !== 'number') return false;
    } else return false;
  }
  return keys === 6 || (keys === 7 && 'vwap' in o);
}

/** The value as an in-process cache should hold it (packed when it is an answer with bars). */
export function packForCache<T>(value: T): T | PackedBarsAnswer {
  if (value === null || typeof value !== 'object' || value instanceof PackedBarsAnswer) return value;
  const bars = (value as { bars?: unknown }).bars;
  if (!Array.isArray(bars) || bars.length < PACK_MIN_BARS) return value;
  for (let i = 0; i < bars.length; i++) if (!isPlainBar(bars[i])) return value;
  return new PackedBarsAnswer({ ...(value as Record<string, unknown>), bars: null }, packBars(bars));
}

/** The value a cache read returns (a packed answer rebuilt with fresh bars; anything else as held). */
export function unpackFromCache<T>(held: T | PackedBarsAnswer): T {
  if (!(held instanceof PackedBarsAnswer)) return held;
  const out: Record<string, unknown> = { ...held.template };
  out.bars = unpackBars(held.bars);
  return out as T;
}
