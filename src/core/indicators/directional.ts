import { trueRangeAt } from './atr';
import { nanArray, Series, validPeriod, warmupArray } from './series';

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
 */
export function directional(high: Series, low: Series, close: Series, period = 14): DirectionalSeries {
  return run(high, low, close, period, true);
}

/** ADX alone (TA-Lib ADX): the same arithmetic as `directional(...).adx`, without storing the other six series. */
export function adx(high: Series, low: Series, close: Series, period = 14): Float64Array {
  return run(high, low, close, period, false).adx;
}

const NONE = new Float64Array(0);

/** The directional system; with `all` false only `adx` is filled (the other fields are empty). */
function run(high: Series, low: Series, close: Series, period: number, all: boolean): DirectionalSeries {
  const n = Math.min(high.length, low.length, close.length);
  if (!validPeriod(period, n - 1, 1)) {
    if (!all) return { plusDM: NONE, minusDM: NONE, plusDI: NONE, minusDI: NONE, dx: NONE, adx: nanArray(n), adxr: NONE };
    return { plusDM: nanArray(n), minusDM: nanArray(n), plusDI: nanArray(n), minusDI: nanArray(n), dx: nanArray(n), adx: nanArray(n), adxr: nanArray(n) };
  }
  // Each series is NaN before its first value and written at every index from there on.
  const series = (warmup: number) => (all ? warmupArray(n, warmup) : NONE);
  const plusDM = series(Math.max(period - 1, 1));
  const minusDM = series(Math.max(period - 1, 1));
  const plusDI = series(period);
  const minusDI = series(period);
  const dxOut = series(period);
  const adxOut = warmupArray(n, 2 * period - 1);
  const adxrOut = series(3 * period - 2);
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
    plusDM[period - 1] = pDM;
    minusDM[period - 1] = mDM;
  }
  let dxSum = 0;
  let adx = NaN;
  const adxStart = 2 * period - 1;
  const adxrStart = 3 * period - 2;
  for (let i = period; i < n; i++) {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    // Branch-free +DM/−DM (a data-dependent branch mispredicts on random-walk bars): move × (0|1).
    // A move × 0 is ±0, which adds like TA-Lib's 0 here (the smoothed sum is never −0); it is NaN only
    // for a NaN or infinite move, where TA-Lib's branch gives 0.
    let p = up * (+(up > 0) & +(up > down));
    let m = down * (+(down > 0) & +(down > up));
    if (p !== p) p = 0;
    if (m !== m) m = 0;
    pDM = pDM - pDM / period + p;
    mDM = mDM - mDM / period + m;
    tr = tr - tr / period + trueRangeAt(high, low, close, i);
    const pdi = tr === 0 ? 0 : (100 * pDM) / tr;
    const mdi = tr === 0 ? 0 : (100 * mDM) / tr;
    const dx = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
    if (all) {
      plusDM[i] = pDM;
      minusDM[i] = mDM;
      plusDI[i] = pdi;
      minusDI[i] = mdi;
      dxOut[i] = dx;
    }
    if (i < adxStart) {
      dxSum += dx; // the first `period` DX values seed the ADX
    } else {
      adx = i === adxStart ? (dxSum + dx) / period : (adx * (period - 1) + dx) / period;
      adxOut[i] = adx;
      // ADXR from the first bar whose ADX period−1 bars back exists; a NaN ADX there gives NaN.
      if (all && i >= adxrStart) adxrOut[i] = (adx + adxOut[i - (period - 1)]) / 2;
    }
  }
  return { plusDM, minusDM, plusDI, minusDI, dx: dxOut, adx: adxOut, adxr: adxrOut };
}

export const plusDI = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).plusDI;
export const minusDI = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).minusDI;
export const dx = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).dx;
export const adxr = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).adxr;
