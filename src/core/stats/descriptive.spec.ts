import { mean, meanEstimate, median, profitFactor, quantile, quartiles, sampleSd } from './descriptive';

describe('descriptive statistics', () => {
  it('mean and sample SD of 2, 4, 4, 4, 5, 5, 7, 9', () => {
    // sum 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32/7 = 4.5714286; √ = 2.1380899
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleSd(xs)).toBeCloseTo(2.1380899, 7);
    expect(mean([])).toBeNull();
    expect(sampleSd([3])).toBeNull();
  });

  it('type-7 quantiles interpolate between order statistics', () => {
    // sorted 1, 2, 3, 4 (input unsorted): p25 → h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1) = 1.75
    // p50 → h = 1.5 → 2.5; p75 → h = 2.25 → 3 + 0.25 = 3.25
    const xs = [4, 1, 3, 2];
    expect(quartiles(xs)).toEqual({ p25: 1.75, p50: 2.5, p75: 3.25 });
    expect(xs).toEqual([4, 1, 3, 2]);
    // 5 values −1, −0.5, 0, 0.5, 2: p25 → h = 1 → −0.5; p75 → h = 3 → 0.5; p90 → h = 3.6 → 0.5 + 0.6·1.5 = 1.4
    const ys = [2, -1, 0.5, 0, -0.5];
    expect(quantile(ys, 0.25)).toBe(-0.5);
    expect(quantile(ys, 0.75)).toBe(0.5);
    expect(quantile(ys, 0.9)).toBeCloseTo(1.4, 12);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
    expect(() => quantile(xs, 1.5)).toThrow(RangeError);
  });

  it('mean estimate: 5 ± 1.959964 × 2.1380899/√8 = 5 ± 1.4815935', () => {
    // s/√n = 2.1380899 / 2.8284271 = 0.7559289; × 1.959964 = 1.5118578 − 0.0302644 = 1.4815934
    const e = meanEstimate([2, 4, 4, 4, 5, 5, 7, 9])!;
    expect(e.mean).toBe(5);
    expect(e.ci95![0]).toBeCloseTo(5 - 1.4815935, 6);
    expect(e.ci95![1]).toBeCloseTo(5 + 1.4815935, 6);
    expect(meanEstimate([1])!.ci95).toBeNull();
    expect(meanEstimate([])).toBeNull();
  });

  it('profit factor = gains / |losses|', () => {
    // gains 2 + 1.5 = 3.5; losses 1 + 1 = 2 → 1.75
    expect(profitFactor([2, -1, 1.5, -1, 0])).toBe(1.75);
    expect(profitFactor([1, 2])).toBeNull();
    expect(profitFactor([])).toBeNull();
  });
});
