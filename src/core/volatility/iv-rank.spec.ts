import { readFixtureJson } from '../../../test/support/fixtures';
import { ivHvRatio, ivPercentile, ivPercentileSeries, ivRank, ivRankSeries } from './iv-rank';

/**
 * Oracle: reference/historical_volatility_reference.json `vol_rank_percentile_example` — SPY HV20 used
 * as a stand-in vol series (no real daily IV history was available). Its definitions are ours:
 * window = the 252 observations ending at day i; rank = 100·(x − min)/(max − min);
 * percentile = 100·count(prior 251 values < x)/251.
 */
const ex = readFixtureJson<{
  vol_rank_percentile_example: { vol: (number | null)[]; rank_252: (number | null)[]; percentile_252: (number | null)[] };
}>('reference', 'historical_volatility_reference.json').vol_rank_percentile_example;
const vol = ex.vol.map((v) => (v === null ? NaN : v));

describe('IV rank / percentile worked series', () => {
  it('rolling rank and percentile equal the reference at every day (NaN where it is null)', () => {
    const rank = ivRankSeries(vol, 252);
    const pct = ivPercentileSeries(vol, 252);
    let compared = 0;
    for (let i = 0; i < vol.length; i++) {
      const wr = ex.rank_252[i];
      const wp = ex.percentile_252[i];
      if (wr === null) expect(rank[i]).toBeNaN();
      else expect(Math.abs(rank[i] - wr)).toBeLessThan(1e-9);
      if (wp === null) expect(pct[i]).toBeNaN();
      else {
        expect(Math.abs(pct[i] - wp)).toBeLessThan(1e-9);
        compared++;
      }
    }
    expect(compared).toBe(817 - 271);
  });

  it('latest-value ivRank/ivPercentile on each prefix equal the reference', () => {
    for (let i = 271; i < vol.length; i += 17) {
      const prefix = vol.slice(0, i + 1);
      expect(ivRank(prefix)).toBeCloseTo(ex.rank_252[i]!, 9);
      expect(ivPercentile(prefix)).toBeCloseTo(ex.percentile_252[i]!, 9);
    }
  });

  it('with less history than the window, uses all of it (skipping missing days)', () => {
    const s = [NaN, 10, 20, NaN, 30, 15];
    expect(ivRank(s)).toBeCloseTo(25, 12); // (15 − 10)/(30 − 10)
    expect(ivPercentile(s)).toBeCloseTo((1 / 3) * 100, 12); // of 10, 20, 30 only 10 is below 15
  });

  it('malformed input → NaN', () => {
    expect(ivRank([])).toBeNaN();
    expect(ivRank([5])).toBeNaN();
    expect(ivRank([5, 5, 5])).toBeNaN(); // flat window: rank undefined
    expect(ivPercentile([5, 5, 5])).toBe(0);
    expect(ivRank([1, 2], 1)).toBeNaN();
    expect(ivPercentile(null as unknown as number[])).toBeNaN();
    expect(Array.from(ivRankSeries([1, 2, 3], 0)).every(Number.isNaN)).toBe(true);
  });
});

describe('ivHvRatio', () => {
  it('is IV/HV in matching units; NaN for HV ≤ 0 or non-finite', () => {
    expect(ivHvRatio(30, 20)).toBe(1.5);
    expect(ivHvRatio(0.3, 0.2)).toBeCloseTo(1.5, 15);
    expect(ivHvRatio(30, 0)).toBeNaN();
    expect(ivHvRatio(NaN, 20)).toBeNaN();
    expect(ivHvRatio(-1, 20)).toBeNaN();
  });
});
