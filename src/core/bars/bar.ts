/**
 * One OHLCV bar. `time` is the bar's START in UTC epoch milliseconds (a 1-minute bar stamped
 * 09:30 ET covers 09:30:00–09:30:59). Prices are per share in the instrument's currency;
 * `volume` is in shares. `vwap` is the vendor's per-bar VWAP when it supplies one.
 */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap?: number;
}

/** Column view of a bar series, the shape indicator functions read. */
export interface BarColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function toColumns(bars: readonly Bar[]): BarColumns {
  const n = bars.length;
  const cols: BarColumns = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    cols.time[i] = b.time;
    cols.open[i] = b.open;
    cols.high[i] = b.high;
    cols.low[i] = b.low;
    cols.close[i] = b.close;
    cols.volume[i] = b.volume;
  }
  return cols;
}
