/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3).
 *
 *   p = k / n
 *   centre    = (p + z²/(2n)) / (1 + z²/n)
 *   halfWidth = z / (1 + z²/n) · √( p(1−p)/n + z²/(4n²) )
 *   interval  = [centre − halfWidth, centre + halfWidth], clipped to [0, 1]
 *
 * Unlike the normal ("Wald") interval it never leaves [0, 1] and does not collapse to a point at
 * k = 0 or k = n. `k` may be fractional (pseudo-counts after shrinkage).
 */

/** Two-sided 95 % normal quantile Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

export interface WilsonInterval {
  /** k / n, the observed rate. */
  p: number;
  lo: number;
  hi: number;
  /** Centre of the interval (shrunk towards 1/2 compared with p). */
  centre: number;
  k: number;
  n: number;
  z: number;
}

/** Wilson interval for k successes out of n trials; `null` when n = 0 (no evidence). */
export function wilsonInterval(k: number, n: number, z: number = Z95): WilsonInterval | null {
  if (!Number.isFinite(k) || !Number.isFinite(n) || !Number.isFinite(z)) throw new RangeError('wilsonInterval: k, n and z must be finite');
  if (n < 0 || k < 0 || k > n) throw new RangeError(`wilsonInterval: need 0 ≤ k ≤ n (k=${k}, n=${n})`);
  if (z <= 0) throw new RangeError(`wilsonInterval: z must be > 0 (z=${z})`);
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); clip rounding residue.
  const lo = k === 0 ? 0 : Math.max(0, centre - half);
  const hi = k === n ? 1 : Math.min(1, centre + half);
  return { p, lo, hi, centre, k, n, z };
}
