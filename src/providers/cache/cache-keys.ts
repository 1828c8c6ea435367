/**
 * Cache keys for the provider chains. A key names the capability, the provider order (so a config
 * change never serves another chain's answer), the symbol and the request's range. Times are
 * floored to a bucket so "now"-relative requests made within the same bucket share one key.
 */

/** Start of the bucket holding `ms` (UTC ms); non-finite input → 'na' so keys never contain NaN. */
export function timeBucket(ms: number, bucketMs: number): string {
  if (!Number.isFinite(ms) || !(bucketMs > 0)) return 'na';
  return String(Math.floor(ms / bucketMs) * bucketMs);
}

export interface BarsKeyParts {
  order: string;
  symbol: string;
  interval: string;
  from?: number;
  to?: number;
  limit?: number;
  extendedHours?: boolean;
  /** The service clock's now, UTC ms (used when `to` is absent). */
  nowMs: number;
}

/**
 * Bars are never finer than 1 minute, so flooring `from`/`to` to the minute selects the same bar
 * starts; an absent `to` means "now" and uses the same minute bucket of the service clock (in replay
 * mode the clock runs faster than wall time, so the minute of *market* time is the natural bucket).
 */
export const BARS_BUCKET_MS = 60_000;

export function barsCacheKey(p: BarsKeyParts): string {
  const from = p.from === undefined ? '' : timeBucket(p.from, BARS_BUCKET_MS);
  const to = p.to === undefined ? `now@${timeBucket(p.nowMs, BARS_BUCKET_MS)}` : timeBucket(p.to, BARS_BUCKET_MS);
  return ['bars', p.order, p.symbol.toUpperCase(), p.interval, from, to, p.limit ?? '', p.extendedHours ?? ''].join('|');
}

/** Generic key: capability | provider order | parts…, each part stringified (undefined → ''). */
export function cacheKey(capability: string, order: string, ...parts: Array<string | number | boolean | undefined>): string {
  return [capability, order, ...parts.map((x) => (x === undefined ? '' : String(x)))].join('|');
}
