import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../support/fixtures';
import { fixtureRows } from '../support/bars';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

export const REPLAY_FILE = 'lean_spy_1m_2023-08-03.csv';

/** A replay folder holding the recorded SPY 1-minute day as SPY_1m.csv (a symlink: read in place). */
export function replayDir(): string {
  const dir = tempDataDir('tc-charts-replay-');
  fs.symlinkSync(fixturePath('bars', REPLAY_FILE), path.join(dir, 'SPY_1m.csv'));
  return dir;
}

/** The app replaying that day with the clock standing after the last bar. */
export function chartsApp(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({ REPLAY_DATA_DIR: replayDir(), REPLAY_CLOCK: 'end', MARKET_DATA_PROVIDERS: 'replay', ...env });
}

export interface RefRow {
  t: number;
  session: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** The CSV rows as recorded (independent of the app's parser). */
export function referenceRows(): RefRow[] {
  return fixtureRows(REPLAY_FILE).map((r) => ({ t: Number(r.epoch_s), session: r.session, o: Number(r.open), h: Number(r.high), l: Number(r.low), c: Number(r.close), v: Number(r.volume) }));
}

/** Session VWAP of the regular rows, by the textbook formula, for the last regular bar. */
export function referenceSessionVwap(rows: RefRow[]): { count: number; last: number } {
  let pv = 0;
  let vol = 0;
  let count = 0;
  for (const r of rows) {
    if (r.session !== 'regular') continue;
    pv += ((r.h + r.l + r.c) / 3) * r.v;
    vol += r.v;
    count++;
  }
  return { count, last: pv / vol };
}

/** EMA seeded with the SMA of the first n closes (TA-Lib convention), last value. */
export function referenceEmaLast(closes: number[], n: number): number {
  let e = closes.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const k = 2 / (n + 1);
  for (let i = n; i < closes.length; i++) e = closes[i] * k + e * (1 - k);
  return e;
}
