import { fixtureBars } from '../../../test/support/bars';
import { readFixtureJson } from '../../../test/support/fixtures';
import type { Bar } from '../bars/bar';
import { resampleBars } from '../bars/resample';
import { computeKeyLevels, fairValueGaps, liquidityPools, openingRange, pivotPoints, premarketRange, regularSessionOhlc, swings } from './index';

const stats = readFixtureJson('reference', 'intraday_session_stats.json');

const sessions: Array<[string, any]> = stats.sessions.map((s: any) => [`${s.file} ${s.date}`, s]);
describe.each(sessions)('session facts equal intraday_session_stats.json: %s', (_l: string, s: any) => {
  const bars = fixtureBars(s.file.replace(/^bars\//, ''));
  const close = (a: number | undefined, b: number | null) => (b === null ? expect(a).toBeUndefined() : expect(a).toBeCloseTo(b, 6));

  it('regular-session OHLCV', () => {
    const o = regularSessionOhlc(bars, s.date)!;
    expect([o.open, o.high, o.low, o.close]).toEqual([s.regular_open, s.regular_high, s.regular_low, s.regular_close]);
    expect(o.volume).toBeCloseTo(s.regular_volume, 3);
  });

  it('opening ranges 5/15/30 min and the pre-market range', () => {
    for (const m of [5, 15, 30] as const) {
      const r = openingRange(bars, s.date, m);
      if (s[`opening_range_${m}m_bars`] === 0)
        expect(r).toBeNull(); // partial session starting after the open
      else expect([r!.high, r!.low]).toEqual([s[`opening_range_${m}m_high`], s[`opening_range_${m}m_low`]]);
    }
    const pre = premarketRange(bars, s.date);
    if (s.premarket_bars > 0) expect([pre!.high, pre!.low, pre!.volume]).toEqual([s.premarket_high, s.premarket_low, s.premarket_volume]);
    else expect(pre).toBeNull();
  });

  it('previous close and gap % (previous session from the same file)', () => {
    const upTo = bars.filter((b) => b.time < Date.parse(`${s.date}T23:59:59Z`));
    const kl = computeKeyLevels(upTo);
    close(kl.prev_close, s.prev_regular_close_in_file);
    close(kl.gap_pct, s.gap_pct_vs_prev_close);
  });
});

describe('structure levels', () => {
  const bar = (i: number, h: number, l: number, o = (h + l) / 2, c = (h + l) / 2): Bar => ({ time: i * 60_000, open: o, high: h, low: l, close: c, volume: 1 });

  it('classic pivots (worked example: H 110, L 100, C 105)', () => {
    expect(pivotPoints({ high: 110, low: 100, close: 105 })).toEqual({ pivot: 105, r1: 110, s1: 100, r2: 115, s2: 95, r3: 120, s3: 90 });
  });

  it('finds fractal swing highs/lows only where both sides confirm', () => {
    const bars = [bar(0, 10, 9), bar(1, 11, 10), bar(2, 13, 11), bar(3, 12, 10), bar(4, 11, 8), bar(5, 12, 9), bar(6, 12.5, 10)];
    expect(swings(bars, 2, 2).map((s) => [s.index, s.kind, s.price])).toEqual([
      [2, 'high', 13],
      [4, 'low', 8],
    ]);
  });

  it('finds a bullish fair-value gap and marks it mitigated when price returns', () => {
    const bars = [bar(0, 10, 9), bar(1, 12, 10), bar(2, 14, 11), bar(3, 13, 12), bar(4, 12, 10.5)];
    const gaps = fairValueGaps(bars);
    expect(gaps[0]).toMatchObject({ low: 10, high: 11, kind: 'fair_value_gap', index: 1, mitigated: true });
  });

  it('clusters equal highs within the tolerance into a liquidity pool', () => {
    const bars = [bar(0, 10, 9), bar(1, 11, 9), bar(2, 12, 10), bar(3, 11, 9), bar(4, 10, 8), bar(5, 11, 9), bar(6, 12.02, 10), bar(7, 11, 9), bar(8, 10, 8)];
    expect(liquidityPools(bars, 0.05)).toEqual([expect.objectContaining({ kind: 'equal_highs', touches: 2, price: 12.01 })]);
  });
});

describe('resampling', () => {
  const bars = fixtureBars('lean_spy_1m_2013-10-04_2013-10-11.csv');

  it('builds 5m/1h buckets anchored at 09:30 ET equal to an independent aggregation', () => {
    for (const [iv, minutes] of [
      ['5m', 5],
      ['1h', 60],
    ] as const) {
      const out = resampleBars(bars, iv);
      const open = Date.parse('2013-10-07T09:30:00-04:00');
      const first = out.find((b) => b.time === open)!;
      const members = bars.filter((b) => b.time >= open && b.time < open + minutes * 60_000);
      expect(first).toEqual({
        time: open,
        open: members[0].open,
        high: Math.max(...members.map((b) => b.high)),
        low: Math.min(...members.map((b) => b.low)),
        close: members[members.length - 1].close,
        volume: members.reduce((s, b) => s + b.volume, 0),
      });
    }
  });

  it('builds daily bars from the regular session only', () => {
    const daily = resampleBars(bars, '1D');
    expect(daily.map((d) => new Date(d.time).toISOString().slice(0, 10))).toEqual(['2013-10-04', '2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10', '2013-10-11']);
    const o = regularSessionOhlc(bars, '2013-10-07')!;
    expect(daily[1]).toMatchObject({ open: o.open, high: o.high, low: o.low, close: o.close });
    expect(daily[1].volume).toBeCloseTo(o.volume, 6);
  });

  it('never mixes pre-market bars into the first regular bucket', () => {
    const out = resampleBars(bars, '1h');
    const pre = out.filter((b) => b.time < Date.parse('2013-10-07T09:30:00-04:00') && b.time >= Date.parse('2013-10-07T09:00:00-04:00'));
    const member = bars.filter((b) => b.time >= Date.parse('2013-10-07T09:00:00-04:00') && b.time < Date.parse('2013-10-07T09:30:00-04:00'));
    expect(pre).toHaveLength(1);
    expect(pre[0].close).toBe(member[member.length - 1].close);
  });
});
