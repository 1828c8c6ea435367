import { nanOutput, outputArray, Series, validPeriod } from './series';

export interface MacdSeries {
  macd: Float64Array;
  signal: Float64Array;
  hist: Float64Array;
}

/**
 * MACD as TA-Lib computes it: both EMAs start at the slow EMA's first index (slow−1), the fast one
 * seeded with the SMA of the `fast` values ending there (not of the first `fast` values); the signal
 * is an EMA of the MACD line seeded with its first `signal` values. MACD is defined from index
 * slow−1; signal and histogram from slow+signal−2 (TA-Lib reports all three from there).
 * One pass: the two EMAs and the signal EMA run side by side (same arithmetic as `ema`).
 * `out` (optional): three caller-owned Float64Arrays of the series length to write into and return.
 */
export function macd(close: Series, fast = 12, slow = 26, signal = 9, out?: MacdSeries): MacdSeries {
  const n = close.length;
  if (!validPeriod(fast, n) || !validPeriod(slow, n) || !validPeriod(signal, n) || fast >= slow) {
    return { macd: nanOutput(n, out?.macd, 'macd line'), signal: nanOutput(n, out?.signal, 'macd signal'), hist: nanOutput(n, out?.hist, 'macd hist') };
  }
  const start = slow - 1;
  const sigStart = start + signal - 1;
  const line = outputArray(n, start, out?.macd, 'macd line');
  const sig = outputArray(n, sigStart, out?.signal, 'macd signal');
  const hist = outputArray(n, sigStart, out?.hist, 'macd hist');
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  const kg = 2 / (signal + 1);
  let sumF = 0;
  for (let i = start - fast + 1; i <= start; i++) sumF += close[i];
  let sumS = 0;
  for (let i = 0; i <= start; i++) sumS += close[i];
  let ef = sumF / fast;
  let es = sumS / slow;
  line[start] = ef - es;
  let sumG = 0;
  sumG += line[start];
  const seedEnd = Math.min(sigStart, n - 1);
  let i = start + 1;
  for (; i <= seedEnd; i++) {
    const x = close[i];
    ef = (x - ef) * kf + ef;
    es = (x - es) * ks + es;
    const v = ef - es;
    line[i] = v;
    sumG += v;
  }
  if (sigStart >= n) return { macd: line, signal: sig, hist };
  let eg = sumG / signal;
  sig[sigStart] = eg;
  hist[sigStart] = line[sigStart] - eg;
  for (; i < n; i++) {
    const x = close[i];
    ef = (x - ef) * kf + ef;
    es = (x - es) * ks + es;
    const v = ef - es;
    line[i] = v;
    eg = (v - eg) * kg + eg;
    sig[i] = eg;
    hist[i] = v - eg;
  }
  return { macd: line, signal: sig, hist };
}
