import { nanArray, Series, validPeriod } from './series';

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
  const n = Math.min(high.length, low.length, close.length);
  const res: DirectionalSeries = { plusDM: nanArray(n), minusDM: nanArray(n), plusDI: nanArray(n), minusDI: nanArray(n), dx: nanArray(n), adx: nanArray(n), adxr: nanArray(n) };
  if (!validPeriod(period, n - 1, 1)) return res;
  let pDM = 0;
  let mDM = 0;
  let tr = 0;
  const step = (i: number) => {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    const pc = close[i - 1];
    return {
      p: up > 0 && up > down ? up : 0,
      m: down > 0 && down > up ? down : 0,
      t: Math.max(high[i] - low[i], Math.abs(high[i] - pc), Math.abs(low[i] - pc)),
    };
  };
  for (let i = 1; i < period; i++) {
    const s = step(i);
    pDM += s.p;
    mDM += s.m;
    tr += s.t;
  }
  if (period > 1) {
    res.plusDM[period - 1] = pDM;
    res.minusDM[period - 1] = mDM;
  }
  let dxSum = 0;
  let adx = NaN;
  for (let i = period; i < n; i++) {
    const s = step(i);
    pDM = pDM - pDM / period + s.p;
    mDM = mDM - mDM / period + s.m;
    tr = tr - tr / period + s.t;
    res.plusDM[i] = pDM;
    res.minusDM[i] = mDM;
    const pdi = tr === 0 ? 0 : (100 * pDM) / tr;
    const mdi = tr === 0 ? 0 : (100 * mDM) / tr;
    res.plusDI[i] = pdi;
    res.minusDI[i] = mdi;
    const dx = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
    res.dx[i] = dx;
    const k = i - period; // number of DX values before this one
    if (k < period) {
      dxSum += dx;
      if (k === period - 1) adx = dxSum / period;
    } else {
      adx = (adx * (period - 1) + dx) / period;
    }
    if (k >= period - 1) {
      res.adx[i] = adx;
      const back = i - (period - 1);
      if (!Number.isNaN(res.adx[back])) res.adxr[i] = (adx + res.adx[back]) / 2;
    }
  }
  return res;
}

export const plusDI = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).plusDI;
export const minusDI = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).minusDI;
export const dx = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).dx;
export const adx = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).adx;
export const adxr = (h: Series, l: Series, c: Series, period = 14) => directional(h, l, c, period).adxr;
