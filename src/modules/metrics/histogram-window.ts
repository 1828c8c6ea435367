/**
 * Percentiles of a cumulative Prometheus histogram over a period, from two scrapes of its text
 * exposition (what `histogram_quantile(p, increase(x_bucket[period]))` computes). `npm run soak`
 * reads the service's `eventloop_delay_seconds` this way before and after its load.
 */
export interface CumulativeHistogram {
  /** Bucket upper bounds in seconds, ascending, +Inf last. */
  le: number[];
  /** Cumulative counts per bound. */
  count: number[];
}

/** The `<name>_bucket{le="…"} n` lines of a scrape (unlabelled series), in bound order. */
export function parseHistogram(text: string, name: string): CumulativeHistogram {
  const le: number[] = [];
  const count: number[] = [];
  const re = new RegExp(`^${name.replace(/[^A-Za-z0-9_:]/g, '')}_bucket\\{le="([^"]+)"\\} ([0-9.e+-]+)$`, 'gm');
  for (const m of text.matchAll(re)) {
    le.push(m[1] === '+Inf' ? Infinity : Number(m[1]));
    count.push(Number(m[2]));
  }
  return { le, count };
}

/**
 * Over the samples observed between scrapes `a` and `b`: their number, the p-quantile (linear within
 * its bucket, as Prometheus' histogram_quantile; the lower bound when it falls in the +Inf bucket)
 * and the share of samples above `threshold`, which must be one of the bucket bounds (else NaN).
 */
export function histogramBetween(a: CumulativeHistogram, b: CumulativeHistogram, p: number, threshold: number): { n: number; quantile: number; above: number } {
  const counts = b.count.map((c, i) => c - (a.count[i] ?? 0));
  const n = counts[counts.length - 1] ?? 0;
  const at = b.le.indexOf(threshold);
  const above = n > 0 && at >= 0 ? (n - counts[at]) / n : NaN;
  if (!(n > 0)) return { n, quantile: NaN, above };
  const rank = p * n;
  let i = counts.findIndex((c) => c >= rank);
  if (i < 0) i = counts.length - 1;
  const lo = i === 0 ? 0 : b.le[i - 1];
  const hi = b.le[i];
  if (!Number.isFinite(hi)) return { n, quantile: lo, above };
  const below = i === 0 ? 0 : counts[i - 1];
  const inBucket = counts[i] - below;
  return { n, quantile: inBucket > 0 ? lo + ((hi - lo) * (rank - below)) / inBucket : hi, above };
}
