import type { Bar } from './bar';
import { packBars, packedBytes, unpackBars, unpackInto, upperBound } from './packed-bars';

const bars: Bar[] = [
  { time: 1_718_200_000_000, open: 100.12, high: 100.5, low: 99.81, close: 100.2, volume: 12_300 },
  { time: 1_718_200_060_000, open: 100.2, high: 100.33, low: 0.1 + 0.2, close: 1e-9, volume: 0 },
  { time: 1_718_200_120_000, open: 545.55, high: 546.01, low: 545.01, close: 545.99, volume: 9_007_199_254_740_991 },
];

describe('packed bars', () => {
  it('read back exactly the values stored (Object.is on every field), as new objects', () => {
    const p = packBars(bars);
    const out = unpackBars(p);
    expect(out).toHaveLength(3);
    for (let i = 0; i < bars.length; i++) {
      for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect(Object.is(out[i][k], bars[i][k])).toBe(true);
      expect(out[i]).not.toBe(bars[i]);
    }
    expect(packedBytes(p)).toBe(96 + 3 * 6 * 8);
  });

  it('slices by index and finds the first bar after a time', () => {
    const p = packBars(bars);
    expect(upperBound(p, bars[0].time - 1)).toBe(0);
    expect(upperBound(p, bars[0].time)).toBe(1);
    expect(upperBound(p, bars[1].time + 59_999)).toBe(2);
    expect(upperBound(p, Infinity)).toBe(3);
    expect(unpackInto(p, [], 1, 2)).toEqual([bars[1]]);
    expect(unpackBars(packBars([]))).toEqual([]);
  });
});
