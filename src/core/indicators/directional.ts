import { trueRangeAt } from './atr';
import { nanOutput, outputArray, Series, validPeriod } from './series';

export interface DirectionalSeries {
  /** Wilder-smoothed +DM / −DM sums (TA-Lib PLUS_DM / MINUS_DM), from index period−1. */
  plusDM: Float64Array;
  minusDM: Float64Array;
  plusDI: Float64Array;
  minusDI: Float64Array;
  dx: Float64Array;
  adx: Float64Array;
  adxr: Float64Array;
}

/**
 * Wilder's directional movement system exactly as TA-Lib computes it:
 * +DM = H−H₋₁ when it exceeds L₋₁−L and is positive (−DM the mirror); +DM, −DM and TR are
 * accumulated over the first period−1 changes, then smoothed X = X − X/period + new; ±DI = 100·DM/TR
 * from index `period`; DX = 100·|+DI − −DI|/(+DI + −DI); ADX = mean of the first `period` DX values
 * (first at index 2·period−1), then Wilder-smoothed; ADXR = (ADX + ADX[i−(period−1)])/2.
 * `out` (optional): seven caller-owned Float64Arrays of the series length to write into and return
 * instead of allocating (see outputArray).
 */
export function directional(high: Series, low: Series, close: Series, period = 14, out?: DirectionalSeries): DirectionalSeries {
  const n = Math.min(high.length, low.length, close.length);
  if (!validPeriod(period, n - 1, 1)) {
    const nan = (o: Float64Array | undefined, name: string) => nanOutput(n, o, `directional ${name}`);
    return {
      plusDM: nan(out?.plusDM, 'plusDM'),
      minusDM: nan(out?.minusDM, 'minusDM'),
      plusDI: nan(out?.plusDI, 'plusDI'),
      minusDI: nan(out?.minusDI, 'minusDI'),
      dx: nan(out?.dx, 'dx'),
      adx: nan(out?.adx, 'adx'),
      adxr: nan(out?.adxr, 'adxr'),
    };
  }
  // Each series is NaN before its first value and written at every index from there on.
  const o: DirectionalSeries = {
    plusDM: outputArray(n, Math.max(period - 1, 1), out?.plusDM, 'directional plusDM'),
    minusDM: outputArray(n, Math.max(period - 1, 1), out?.minusDM, 'directional minusDM'),
    plusDI: outputArray(n, period, out?.plusDI, 'directional plusDI'),
    minusDI: outputArray(n, period, out?.minusDI, 'directional minusDI'),
    dx: outputArray(n, period, out?.dx, 'directional dx'),
    adx: outputArray(n, 2 * period - 1, out?.adx, 'directional adx'),
    adxr: outputArray(n, 3 * period - 2, out?.adxr, 'directional adxr'),
  };
  run(high, low, close, period, n, o.adx, o);
  return o;
}

/**
 * ADX alone (TA-Lib ADX): the same arithmetic as `directional(...).adx`, without storing the other six
 * series. `out` (optional): a caller-owned Float64Array of the series length to write into and return.
 */
export function adx(high: Series, low: Series, close: Series, period = 14, out?: Float64Array): Float64Array {
  const n = Math.min(high.length, low.length, close.length);
  if (!validPeriod(period, n - 1, 1)) return nanOutput(n, out, 'adx');
  const adxOut = outputArray(n, 2 * period - 1, out, 'adx');
  run(high, low, close, period, n, adxOut, null);
  return adxOut;
}

/**
 * One pass over the bars: ±DM, TR, their Wilder sums, ±DI, DX, ADX (into `adxOut`) and, when `all` is
 * given, the other six series into it. Valid period (1 ≤ period ≤ n−1) and output arrays are the caller's.
 * Per bar i ≥ period: +DM/−DM branch-free (a data-dependent branch mispredicts on random-walk bars) as
 * move × (0|1) — a move × 0 is ±0, which adds like TA-Lib's 0 here (the smoothed sum is never −0), and NaN
 * only for a NaN or infinite move, where TA-Lib's branch gives 0; TR as trueRangeAt, from the previous bar
 * kept in locals; then the Wilder sums, ±DI and DX. The first 3·period−2 bars (DX seeding the ADX, the first
 * ADX, the ADX before ADXR starts) run in one general loop; the rest in a loop per caller (all seven series,
 * or ADX alone) that tests nothing but the data: the same lines, written out three times because that
 * split is what makes the hot loops fast (≈ 1.5× on 1M bars, measured) — keep the copies identical.
 */
function run(high: Series, low: Series, close: Series, period: number, n: number, adxOut: Float64Array, all: DirectionalSeries | null): void {
  let pDM = 0;
  let mDM = 0;
  let tr = 0;
  for (let i = 1; i < period; i++) {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    pDM += up > 0 && up > down ? up : 0;
    mDM += down > 0 && down > up ? down : 0;
    tr += trueRangeAt(high, low, close, i);
  }
  if (period > 1 && all) {
    all.plusDM[period - 1] = pDM;
    all.minusDM[period - 1] = mDM;
  }
  const keep = period - 1;
  const adxStart = 2 * period - 1; // the first ADX: the mean of the first `period` DX values
  const adxrStart = 3 * period - 2; // the first ADXR: the first bar whose ADX period−1 bars back exists
  const generalEnd = Math.min(n, adxrStart + 1);
  let prevH = high[period - 1];
  let prevL = low[period - 1];
  let prevC = close[period - 1];
  let dxSum = 0;
  let adx = NaN;
  let i = period;
  for (; i < generalEnd; i++) {
    const h = high[i];
    const l = low[i];
    const up = h - prevH;
    const down = prevL - l;
    let p = up * (+(up > 0) & +(up > down));
    let m = down * (+(down > 0) & +(down > up));
    if (p !== p) p = 0;
    if (m !== m) m = 0;
    const t = Math.max(h - l, Math.abs(h - prevC), Math.abs(l - prevC));
    prevH = h;
    prevL = l;
    prevC = close[i];
    pDM = pDM - pDM / period + p;
    mDM = mDM - mDM / period + m;
    tr = tr - tr / period + t;
    const pdi = tr === 0 ? 0 : (100 * pDM) / tr;
    const mdi = tr === 0 ? 0 : (100 * mDM) / tr;
    const dx = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
    if (all) {
      all.plusDM[i] = pDM;
      all.minusDM[i] = mDM;
      all.plusDI[i] = pdi;
      all.minusDI[i] = mdi;
      all.dx[i] = dx;
    }
    if (i < adxStart) {
      dxSum += dx;
    } else {
      adx = i === adxStart ? (dxSum + dx) / period : (adx * keep + dx) / period;
      adxOut[i] = adx;
      // a NaN ADX period−1 bars back gives NaN
      if (all && i >= adxrStart) all.adxr[i] = (adx + adxOut[i - keep]) / 2;
    }
  }
  if (all) {
    const { plusDM, minusDM, plusDI, minusDI, dx: dxOut, adxr: adxrOut } = all;
    for (; i < n; i++) {
      const h = high[i];
      const l = low[i];
      const up = h - prevH;
      const down = prevL - l;
      let p = up * (+(up > 0) & +(up > down));
      let m = down * (+(down > 0) & +(down > up));
      if (p !== p) p = 0;
      if (m !== m) m = 0;
      const t = Math.max(h - l, Math.abs(h - prevC), Math.abs(l - prevC));
      prevH = h;
      prevL = l;
      prevC = close[i];
      pDM = pDM - pDM / period + p;
      mDM = mDM - mDM / period + m;
      tr = tr - tr / period + t;
      const pdi = tr === 0 ? 0 : (100 * pDM) / tr;
      const mdi = tr === 0 ? 0 : (100 * mDM) / tr;
      const dx = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
      plusDM[i] = pDM;
      minusDM[i] = mDM;
      plusDI[i] = pdi;
      minusDI[i] = mdi;
      dxOut[i] = dx;
      adx = (adx * keep + dx) / period;
      adxOut[i] = adx;
      adxrOut[i] = (adx + adxOut[i - keep]) / 2;
    }
    return;
  }
  for (; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const up = h - prevH;
    const down = prevL - l;
    let p = up * (+(up > 0) & +(up > down));
    let m = down * (+(down > 0) & +(down > up));
    if (p !== p) p = 0;
    if (m !== m) m = 0;
    const t = Math.max(h - l, Math.abs(h - prevC), Math.abs(l - prevC));
    prevH = h;
    prevL = l;
    prevC = close[i];
    pDM = pDM - pDM / period + p;
    mDM = mDM - mDM / period + m;
    tr = tr - tr / period + t;
    const pdi = tr === 0 ? 0 : (100 * pDM) / tr;
    const mdi = tr === 0 ? 0 : (100 * mDM) / tr;
    const dx = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
    adx = (adx * keep + dx) / period;
    adxOut[i] = adx;
  }
}

export const plusDI = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).plusDI;
export const minusDI = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).minusDI;
export const dx = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).dx;
export const adxr = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).adxr;
