import { contextAt } from '../../src/core/strategies/as-of-context';
import { lastRegularIndex } from '../../src/core/strategies/frame';
import { readFixtureJson } from '../support/fixtures';
import { barIndex, fixtureFrame } from './strategy-fixtures';

interface SessionStat {
  file: string;
  date: string;
  partial_session_in_file: boolean;
  regular_open: number;
  regular_high: number;
  regular_low: number;
  opening_range_15m_high: number | null;
  opening_range_15m_low: number | null;
  prev_regular_close_in_file: number | null;
  gap_pct_vs_prev_close: number | null;
}

const stats = readFixtureJson<{ sessions: SessionStat[] }>('reference', 'intraday_session_stats.json').sessions;
// The three LEAN files have complete sessions; the Lumibot file has gaps in its minutes but the oracle
// aggregated exactly what is present, so it is included too (its first, partial day excepted).
const usable = stats.filter((s) => !s.partial_session_in_file && s.opening_range_15m_high !== null);

describe('as-of context vs intraday_session_stats.json (computed by aggregation, independent of this code)', () => {
  it('covers the named sessions', () => {
    expect(usable.length).toBeGreaterThanOrEqual(35);
  });

  it.each(usable.map((s) => [s.file.replace('bars/', ''), s.date, s] as const))('%s %s: session, 15m opening range and gap at the last regular bar', (file, date, s) => {
    const { frame } = fixtureFrame(file, '1m');
    const idx = frame.bars.findIndex((b, k) => frame.date[k] === date && frame.regular[k] === 1);
    // last regular bar of that date
    let last = idx;
    while (last + 1 < frame.bars.length && frame.date[last + 1] === date) last++;
    last = lastRegularIndex(frame, last);
    const ctx = contextAt(frame, last)!;
    expect(ctx.session!.open).toBeCloseTo(s.regular_open, 6);
    expect(ctx.session!.high).toBeCloseTo(s.regular_high, 6);
    expect(ctx.session!.low).toBeCloseTo(s.regular_low, 6);
    expect(ctx.opening_range!.high).toBeCloseTo(s.opening_range_15m_high!, 6);
    expect(ctx.opening_range!.low).toBeCloseTo(s.opening_range_15m_low!, 6);
    if (s.prev_regular_close_in_file === null) {
      expect(ctx.prev).toBeNull();
      expect(ctx.gap_pct).toBeNaN();
    } else {
      expect(ctx.prev!.close).toBeCloseTo(s.prev_regular_close_in_file, 6);
      expect(ctx.gap_pct).toBeCloseTo(s.gap_pct_vs_prev_close!, 6);
    }
  });

  it('the opening range is unknown before 09:45 ET and complete from the 09:44 bar (which ends at 09:45)', () => {
    const { frame } = fixtureFrame('lean_spy_1m_2023-08-03.csv', '1m');
    expect(contextAt(frame, barIndex(frame, '2023-08-03', 9, 43))!.opening_range).toBeNull();
    const or = contextAt(frame, barIndex(frame, '2023-08-03', 9, 44))!.opening_range!;
    const ref = stats.find((s) => s.date === '2023-08-03')!;
    expect(or.high).toBeCloseTo(ref.opening_range_15m_high!, 6);
    expect(or.low).toBeCloseTo(ref.opening_range_15m_low!, 6);
  });
});
