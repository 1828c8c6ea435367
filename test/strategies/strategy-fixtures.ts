import type { Bar } from '../../src/core/bars/bar';
import type { Interval } from '../../src/core/bars/interval';
import { resampleBars } from '../../src/core/bars/resample';
import { etWallToUtc } from '../../src/core/session/et-time';
import { buildFrame, Frame } from '../../src/core/strategies/frame';
import { fixtureBars } from '../support/bars';

/** A fixture's minute bars resampled to `interval`, as a frame, with the HTF frames the styles use. */
export function fixtureFrame(file: string, interval: Interval, htf: Interval[] = []): { bars: Bar[]; frame: Frame; htf: Frame[] } {
  const minutes = fixtureBars(file);
  const bars = interval === '1m' ? minutes : resampleBars(minutes, interval);
  return { bars, frame: buildFrame(bars, interval), htf: htf.map((h) => buildFrame(resampleBars(minutes, h), h)) };
}

/** Index of the bar starting at `date` `hh:mm` ET; throws when absent (a test data error). */
export function barIndex(frame: Frame, date: string, hh: number, mm: number): number {
  const t = etWallToUtc(date, hh, mm);
  const i = frame.bars.findIndex((b) => b.time === t);
  if (i < 0) throw new Error(`no bar at ${date} ${hh}:${mm} ET`);
  return i;
}

export const SPY_2013 = 'lean_spy_1m_2013-10-04_2013-10-11.csv';
export const SPY_2023 = 'lean_spy_1m_2023-08-03.csv';
export const AAPL_2014 = 'lean_aapl_1m_2014-06-05_2014-06-09.csv';
