import type { Bar } from './bar';
import { applySplits, jumpWarning, parseSplitsCsv, SplitFileError, unexplainedJumps } from './split-adjust';

const day = (date: string, close: number, volume = 1000): Bar => ({ time: Date.parse(`${date}T00:00:00Z`), open: close, high: close, low: close, close, volume });

describe('split adjustment (date,factor companion file)', () => {
  it('parses the documented format (header, comments, unsorted rows) and rejects a bad row naming its line', () => {
    expect(parseSplitsCsv('date,factor\n2020-08-31,4\n# AAPL\n2014-06-09,7\n')).toEqual([
      { date: '2014-06-09', factor: 7 },
      { date: '2020-08-31', factor: 4 },
    ]);
    expect(() => parseSplitsCsv('date,factor\n2014-06-09,seven\n')).toThrow(SplitFileError);
    expect(() => parseSplitsCsv('date,factor\n2014-6-9,7\n')).toThrow('line 2');
    expect(() => parseSplitsCsv('date,factor\n2014-06-09,0\n')).toThrow('factor > 0');
  });

  it('divides prices and multiplies volume by every later split, by hand', () => {
    const bars = [day('2014-06-05', 647.35), day('2014-06-06', 645.57), day('2014-06-09', 93.7), day('2020-08-28', 499.23), day('2020-08-31', 129.04)];
    const adj = applySplits(
      bars,
      [
        { date: '2014-06-09', factor: 7 },
        { date: '2020-08-31', factor: 4 },
      ],
      false,
    );
    expect(adj.map((b) => b.close)).toEqual([647.35 / 28, 645.57 / 28, 93.7 / 4, 499.23 / 4, 129.04]);
    expect(adj.map((b) => b.volume)).toEqual([28000, 28000, 4000, 4000, 1000]);
    expect(adj[4]).toBe(bars[4]); // after the last split: untouched
  });

  it('uses the ET date of intraday bars (a 09:30 ET bar on the ex-date is post-split)', () => {
    const pre = { ...day('2014-06-06', 645), time: Date.parse('2014-06-06T19:59:00Z') };
    const post = { ...day('2014-06-09', 92.7), time: Date.parse('2014-06-09T13:30:00Z') };
    expect(applySplits([pre, post], [{ date: '2014-06-09', factor: 7 }], true).map((b) => b.close)).toEqual([645 / 7, 92.7]);
  });

  it('reports a close-to-close jump over |log return| 0.4 naming its date, not ordinary moves', () => {
    const bars = [day('2014-06-05', 647.35), day('2014-06-06', 645.57), day('2014-06-09', 93.7), day('2014-06-10', 94.25), day('2014-06-11', 94 * 1.3)];
    const jumps = unexplainedJumps(bars);
    expect(jumps.map((j) => j.date)).toEqual(['2014-06-09']);
    expect(jumps[0].logReturn).toBeCloseTo(Math.log(93.7 / 645.57), 12);
    expect(jumpWarning(jumps[0])).toContain('2014-06-09');
    expect(jumpWarning(jumps[0])).toContain('-85.5 %');
  });
});
