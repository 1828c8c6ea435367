/**
 * Index ↔ ETF-proxy translation (SPX ↔ SPY, NDX ↔ QQQ) with a measured, timestamped ratio — never a
 * fixed constant (NDX/QQQ drifts around 41, SPX/SPY around 10 minus accrued dividends).
 *
 * `ratio` = index points per 1.00 of the proxy: index level = proxy level × ratio.
 * Methods, best first:
 * - `aligned_1m_spot`: the last of ≥ 15 one-minute closes that both series share (same bar start):
 *   ratio = index close / proxy close. With ≥ 10 returns, `gamma` = the regression-through-origin
 *   beta of the proxy's 1-minute returns on the index's over the window (Σ r_idx·r_px / Σ r_idx²),
 *   reported as a parity check (≈ 1 when the proxy tracks).
 * - `quote_vs_1m_close`: an index quote against the proxy's 1-minute close of the same minute.
 * Pure functions; the I/O lives in src/modules/index-mode.
 */
import type { Bar } from '../bars/bar';

export interface ProxyRatio {
  /** Index points per 1.00 of the proxy. */
  ratio: number;
  /** Time the ratio describes (close of the last aligned minute / the quote time), ISO UTC. */
  as_of: string;
  /** Where the index and proxy prints came from (provider ids). */
  source: string;
  method: 'aligned_1m_spot' | 'quote_vs_1m_close';
  /** Regression beta of proxy on index 1-minute returns; null with fewer than 10 returns. */
  gamma: number | null;
  /** Aligned observations used. */
  n: number;
}

export const MIN_ALIGNED = 15;
export const MIN_RETURNS = 10;
/** Window of the regression (minutes). */
export const RATIO_WINDOW = 60;

/** Ratio from aligned one-minute closes; null when fewer than MIN_ALIGNED minutes align. */
export function ratioFromBars(index: readonly Bar[], proxy: readonly Bar[], source: string, window = RATIO_WINDOW): ProxyRatio | null {
  const px = new Map<number, number>();
  for (const b of proxy) if (b.close > 0) px.set(b.time, b.close);
  const pairs: Array<[number, number, number]> = [];
  for (const b of index) {
    const p = px.get(b.time);
    if (p !== undefined && b.close > 0) pairs.push([b.time, b.close, p]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const w = pairs.slice(-window);
  if (w.length < MIN_ALIGNED) return null;
  const last = w[w.length - 1];
  let sxy = 0;
  let sxx = 0;
  let returns = 0;
  for (let i = 1; i < w.length; i++) {
    // consecutive aligned minutes only: a gap is not a one-minute return
    if (w[i][0] - w[i - 1][0] !== 60_000) continue;
    const ri = Math.log(w[i][1] / w[i - 1][1]);
    const rp = Math.log(w[i][2] / w[i - 1][2]);
    sxy += ri * rp;
    sxx += ri * ri;
    returns++;
  }
  const gamma = returns >= MIN_RETURNS && sxx > 0 ? round(sxy / sxx, 4) : null;
  return { ratio: round(last[1] / last[2], 6), as_of: new Date(last[0] + 60_000).toISOString(), source, method: 'aligned_1m_spot', gamma, n: w.length };
}

/**
 * Ratio from an index quote and the proxy minute that contains the quote time (or the last proxy
 * minute that closed at most `maxLagMs` before it); null when none is close enough.
 */
export function ratioFromQuote(indexLast: number, quoteTimeMs: number, proxy: readonly Bar[], source: string, maxLagMs = 120_000): ProxyRatio | null {
  if (!(indexLast > 0)) return null;
  let best: Bar | undefined;
  for (const b of proxy) if (b.time < quoteTimeMs && b.time + 60_000 >= quoteTimeMs - maxLagMs) best = b;
  if (!best || !(best.close > 0)) return null;
  return { ratio: round(indexLast / best.close, 6), as_of: new Date(Math.min(quoteTimeMs, best.time + 60_000)).toISOString(), source, method: 'quote_vs_1m_close', gamma: null, n: 1 };
}

/** Proxy bars in index terms (prices × ratio, index ticks of 0.01); volume stays the proxy's share volume. */
export function translateBars(bars: readonly Bar[], ratio: number): Bar[] {
  const t = (x: number) => round(x * ratio, 2);
  return bars.map((b) => ({ time: b.time, open: t(b.open), high: t(b.high), low: t(b.low), close: t(b.close), volume: b.volume, ...(b.vwap !== undefined ? { vwap: t(b.vwap) } : {}) }));
}

/** Index levels in proxy terms (2 dp). */
export function toProxyLevel(indexLevel: number, ratio: number): number {
  return round(indexLevel / ratio, 2);
}

/** Proxy levels in index terms (index ticks of 0.01). */
export function toIndexLevel(proxyLevel: number, ratio: number): number {
  return round(proxyLevel * ratio, 2);
}

function round(x: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
}
