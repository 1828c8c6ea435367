import { parse } from 'csv-parse/sync';
import type { Bar } from './bar';

export class CsvBarsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvBarsError';
  }
}

/**
 * Parse OHLCV CSV text: a header with open,high,low,close,volume and one time column — `time`
 * (ISO-8601 with offset), `epoch_s`, or `date` (YYYY-MM-DD, taken as that day's 00:00 America/New_York
 * start for daily bars: we store 00:00 UTC of the date, documented in docs/embedded-data.md).
 * Other columns are ignored; rows with non-finite prices are dropped; output is sorted by time with
 * duplicates removed (last wins).
 */
export function parseCsvBars(text: string): Bar[] {
  const rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true }) as Record<string, string>[];
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]);
  for (const c of ['open', 'high', 'low', 'close']) {
    if (!cols.includes(c)) throw new CsvBarsError(`CSV lacks a "${c}" column (has ${cols.join(', ')})`);
  }
  const timeOf: (r: Record<string, string>) => number = cols.includes('epoch_s')
    ? (r) => Number(r.epoch_s) * 1000
    : cols.includes('time')
      ? (r) => Date.parse(r.time)
      : cols.includes('date')
        ? (r) => Date.parse(`${r.date.slice(0, 10)}T00:00:00Z`)
        : () => {
            throw new CsvBarsError('CSV lacks a time column (time, epoch_s or date)');
          };
  const byTime = new Map<number, Bar>();
  for (const r of rows) {
    const bar: Bar = {
      time: timeOf(r),
      open: Number(r.open),
      high: Number(r.high),
      low: Number(r.low),
      close: Number(r.close),
      volume: r.volume === undefined || r.volume === '' ? 0 : Number(r.volume),
    };
    if (r.vwap !== undefined && r.vwap !== '' && Number.isFinite(Number(r.vwap))) bar.vwap = Number(r.vwap);
    if (![bar.time, bar.open, bar.high, bar.low, bar.close].every(Number.isFinite)) continue;
    if (!Number.isFinite(bar.volume) || bar.volume < 0) bar.volume = 0;
    byTime.set(bar.time, bar);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
