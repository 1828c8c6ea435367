import { computeStudies, defaultAnchors } from './chart-studies';
import { parseEpoch, parseRange, parseWindow, resolutionToInterval, toUdf } from './udf';

describe('UDF helpers', () => {
  it('maps resolutions onto interval tokens', () => {
    expect(['1', '5', '60', '240', 'D', '1D', 'W', '15m'].map(resolutionToInterval)).toEqual(['1m', '5m', '1h', '4h', '1D', '1D', '1W', '15m']);
    expect(resolutionToInterval('10')).toBeUndefined();
  });
  it('accepts seconds or milliseconds', () => {
    expect(parseEpoch('1764000000')).toBe(1764000000000);
    expect(parseEpoch('1764000000000')).toBe(1764000000000);
    expect(parseEpoch('-5')).toBeUndefined();
    expect(parseEpoch('abc')).toBeUndefined();
  });
  it('derives the window from range when from is absent and clamps to now', () => {
    const now = Date.UTC(2026, 10, 24, 15);
    expect(parseRange('2W')).toBe(14 * 86_400_000);
    const w = parseWindow({ resolution: '5', range: '1D', to: String(now / 1000 + 3600) }, now).window!;
    expect(w).toEqual({ interval: '5m', from: now + 3_600_000 - 86_400_000, to: now });
    expect(parseWindow({ resolution: '7' }, now).problems[0].field).toBe('resolution');
    // inverted: a window with no bar in it; longer than two years: its last two years
    expect(parseWindow({ from: '200', to: '100' }, now)).toEqual({ window: { interval: '15m', from: 200_000, to: 100_000, empty: true }, problems: [] });
    const long = parseWindow({ from: '0', to: String(now / 1000) }, now).window!;
    expect(long).toEqual({ interval: '15m', from: now - 2 * 366 * 86_400_000, to: now, clipped: true });
    expect(parseWindow({ range: '9Q' }, now).problems[0].field).toBe('range');
  });
  it('writes UDF columns in epoch seconds and no_data for nothing', () => {
    expect(toUdf([])).toEqual({ s: 'no_data' });
    expect(toUdf([{ time: 1_700_000_040_000, open: 1.1234567, high: 2, low: 1, close: 1.5, volume: 10 }])).toEqual({ s: 'ok', t: [1_700_000_040], o: [1.123457], h: [2], l: [1], c: [1.5], v: [10] });
  });
});

describe('chart studies', () => {
  // 2026-11-23 (Mon) 09:30 ET = 14:30 UTC
  const open = Date.UTC(2026, 10, 23, 14, 30);
  const bars = [10, 11, 12, 13, 14].map((c, i) => ({ time: open + i * 60_000, open: c, high: c + 1, low: c - 1, close: c, volume: 100 * (i + 1) }));
  it('omits EMA warm-up and seeds with the SMA (hand-computed)', () => {
    const s = computeStudies(bars, '1m', [3]);
    expect(s.ema['3'].map((p) => p.value)).toEqual([11, 12, 13]); // SMA(10,11,12)=11, then α=0.5: 12, 13
    expect(s.ema['3'][0].time).toBe((open + 120_000) / 1000);
  });
  it('session VWAP is Σ(typical×volume)/Σvolume from the open (hand-computed)', () => {
    const s = computeStudies(bars, '1m', []);
    // typical = close here; weights 100..500: (10*1+11*2)/3 = 32/3
    expect(s.vwap[1].value).toBeCloseTo(32 / 3, 6);
    expect(s.vwap[4].value).toBeCloseTo((10 + 22 + 36 + 52 + 70) / 15, 6);
  });
  it('anchors AVWAPs at the window low and high by default', () => {
    expect(defaultAnchors(bars, '1m')).toEqual([
      { label: 'AVWAP swing low', index: 0 },
      { label: 'AVWAP swing high', index: 4 },
    ]);
    expect(computeStudies([], '1m', [9])).toEqual({ ema: { '9': [] }, vwap: [], avwap: [] });
  });
});
