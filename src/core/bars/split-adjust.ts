/**
 * Split adjustment and unexplained-jump detection (docs/levels-and-volatility.md).
 *
 * Companion factor file `<SYMBOL>.splits.csv` beside a replay file (header `date,factor`, one split a line):
 *   date   — the ex-date, YYYY-MM-DD: the first session that trades at post-split prices;
 *   factor — new shares per old share (7 for a 7:1 split, 0.1 for a 1:10 reverse split).
 * A bar whose date is before a split's ex-date is divided by that split's factor (prices) and multiplied by
 * it (volume), cumulatively over every later split: the series reads in today's share units throughout.
 */
import type { Bar } from './bar';
import { etDate } from '../session/et-time';

export interface Split {
  /** Ex-date, YYYY-MM-DD. */
  date: string;
  /** New shares per old share (> 0). */
  factor: number;
}

export class SplitFileError extends Error {}

/** Parse a `date,factor` CSV; throws SplitFileError naming the line of a malformed row. */
export function parseSplitsCsv(text: string): Split[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const out: Split[] = [];
  lines.forEach((line, i) => {
    if (!line || line.startsWith('#') || (i === 0 && /^date\s*,/i.test(line))) return;
    const [date, factorText] = line.split(',').map((x) => x.trim());
    const factor = Number(factorText);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !Number.isFinite(factor) || factor <= 0) {
      throw new SplitFileError(`splits file line ${i + 1}: expected "YYYY-MM-DD,factor" with factor > 0, got "${line}"`);
    }
    out.push({ date, factor });
  });
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** Date of a bar for split purposes: daily/weekly bars are stamped 00:00 UTC of their date, intraday bars by ET date. */
export function barDate(b: Bar, intraday: boolean): string {
  return intraday ? etDate(b.time) : new Date(b.time).toISOString().slice(0, 10);
}

/** Bars with prices ÷ and volume × the product of the factors of every split whose ex-date is after the bar's date. */
export function applySplits(bars: readonly Bar[], splits: readonly Split[], intraday: boolean): Bar[] {
  if (!splits.length) return [...bars];
  const sorted = [...splits].sort((a, b) => a.date.localeCompare(b.date));
  // cumulative factor of splits at index ≥ k
  const cum = new Array<number>(sorted.length + 1).fill(1);
  for (let k = sorted.length - 1; k >= 0; k--) cum[k] = cum[k + 1] * sorted[k].factor;
  let k = 0;
  return bars.map((b) => {
    const d = barDate(b, intraday);
    while (k < sorted.length && sorted[k].date <= d) k++;
    const f = cum[k];
    if (f === 1) return b;
    const out: Bar = { time: b.time, open: b.open / f, high: b.high / f, low: b.low / f, close: b.close / f, volume: b.volume * f };
    if (b.vwap !== undefined) out.vwap = b.vwap / f;
    return out;
  });
}

/** |ln(close / previous close)| above which a daily move is reported as unexplained (≈ +49 % / −33 %). */
export const JUMP_LOG_RETURN_THRESHOLD = 0.4;

export interface PriceJump {
  /** Date of the bar whose close jumped from the previous one. */
  date: string;
  logReturn: number;
  /** Close-to-close ratio (e.g. 0.143 for an unadjusted 7:1 split). */
  ratio: number;
}

/** Close-to-close jumps of |log return| > threshold in daily bars (after whatever adjustment was applied). */
export function unexplainedJumps(daily: readonly Bar[], threshold = JUMP_LOG_RETURN_THRESHOLD): PriceJump[] {
  const out: PriceJump[] = [];
  for (let i = 1; i < daily.length; i++) {
    const a = daily[i - 1].close;
    const b = daily[i].close;
    if (!(a > 0) || !(b > 0)) continue;
    const lr = Math.log(b / a);
    if (Math.abs(lr) > threshold) out.push({ date: barDate(daily[i], false), logReturn: lr, ratio: b / a });
  }
  return out;
}

/** A warning sentence for a jump (names the date; says what it does to HV). */
export function jumpWarning(j: PriceJump): string {
  const pct = (j.ratio - 1) * 100;
  return `unexplained close-to-close jump on ${j.date} (${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %, |log return| ${Math.abs(j.logReturn).toFixed(2)} > ${JUMP_LOG_RETURN_THRESHOLD}): possibly an unadjusted split; historical volatility and indicators across it are inflated`;
}
