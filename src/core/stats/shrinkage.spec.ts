import type { HitRate, OutcomeStats } from './aggregate';
import { classifyEdge, shrinkMean, shrinkProportion, shrinkRate, shrinkSegment } from './shrinkage';

const hit = (k: number, n: number): HitRate => ({ k, n, rate: n ? k / n : null, ci95: null });

/** OutcomeStats with the fields shrinkage reads; the rest are inert. */
function stats(n: number, tp: [HitRate, HitRate, HitRate], gross: number, net: number, netCi: [number, number]): OutcomeStats {
  return {
    n_plans: n,
    n,
    fill_rate: 1,
    tp,
    expectancy_r: { mean: gross, n, sd: 1, ci95: null },
    expectancy_r_after_costs: { mean: net, n, sd: 1, ci95: netCi },
    profit_factor: null,
    profit_factor_after_costs: null,
    mae_r: null,
    mfe_r: null,
    median_bars_to_outcome: null,
    window: null,
    data_sources: ['replay'],
  };
}

// Parent: 100 filled, TP1 30/100, TP2 15/100, TP3 5/50; mean R 0.1, after costs −0.05 in [−0.15, 0.05].
const PARENT = stats(100, [hit(30, 100), hit(15, 100), hit(5, 50)], 0.1, -0.05, [-0.15, 0.05]);
const LONG = { dimension: 'direction' as const, value: 'long' };

describe('shrinkage formulas', () => {
  it('p̂ = (k + m·p_parent)/(n + m): (12 + 30·0.25)/(40 + 30) = 19.5/70 = 0.2785714', () => {
    expect(shrinkProportion(12, 40, 0.25)).toBeCloseTo(0.2785714, 7);
    // m = 10: (12 + 2.5)/50 = 0.29
    expect(shrinkProportion(12, 40, 0.25, 10)).toBeCloseTo(0.29, 12);
  });

  it('μ̂ = (n·μ + m·μ_parent)/(n + m): (40·0.2 + 30·(−0.1))/70 = 5/70 = 0.0714286', () => {
    expect(shrinkMean(0.2, 40, -0.1)).toBeCloseTo(0.0714286, 7);
  });
});

describe('shrinkRate', () => {
  it('a segment with n ≥ 30 is shrunk: (20 + 30·0.3)/(40 + 30) = 29/70 = 0.4142857', () => {
    const r = shrinkRate({ k: 20, n: 40 }, { k: 30, n: 100 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.p).toBeCloseTo(0.4142857, 7);
    expect(r.value.segment_used).toBe(true);
    expect(r.value.n).toBe(40);
    // Wilson(29, 70): denom 1 + z²/70 = 1.0548780; centre (0.4142857 + z²/140)/1.0548780 = 0.4187448;
    //   half = 1.8580007 × √(0.4142857·0.5857143/70 + z²/19600) = 1.8580007 × √0.0036625 = 0.1124430
    expect(r.value.ci95[0]).toBeCloseTo(0.3063018, 7);
    expect(r.value.ci95[1]).toBeCloseTo(0.5311879, 7);
    // raw Wilson(20, 40): 0.5 ± 1.7882288 × √(0.00625 + z²/6400) = 0.5 ± 1.7882288 × √0.0068502 = 0.5 ± 0.1480047
    expect(r.value.ci95_raw[0]).toBeCloseTo(0.3519953, 7);
    expect(r.value.ci95_raw[1]).toBeCloseTo(0.6480047, 7);
  });

  it('a segment below n = 30 does not speak: the parent’s 30/100 with its own Wilson interval', () => {
    const r = shrinkRate({ k: 20, n: 29 }, { k: 30, n: 100 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ p: 0.3, n: 100, segment_used: false });
    // Wilson(30, 100): centre 0.3192073/1.0384146 = 0.3073987; half 1.8874581 × √0.0021960 = 0.0884498
    expect(r.value.ci95[0]).toBeCloseTo(0.2189489, 7);
    expect(r.value.ci95[1]).toBeCloseTo(0.3958485, 7);
    expect(shrinkRate(null, { k: 30, n: 100 }).ok).toBe(true);
  });

  it('a parent below n = 30 gives no rate, with the reason', () => {
    expect(shrinkRate({ k: 20, n: 40 }, { k: 10, n: 29 })).toEqual({ ok: false, reason: 'insufficient_history (n=29)' });
    // the thresholds are options: with minN = 20 the parent of 29 speaks
    expect(shrinkRate(null, { k: 10, n: 29 }, { minN: 20 }).ok).toBe(true);
  });
});

describe('classifyEdge', () => {
  it('negative only when the whole interval is below 0, positive when above, else unproven', () => {
    expect(classifyEdge([-0.3, -0.01])).toBe('negative');
    expect(classifyEdge([0.01, 0.3])).toBe('positive');
    expect(classifyEdge([-0.1, 0.2])).toBe('unproven');
    expect(classifyEdge([-0.2, 0])).toBe('unproven');
    expect(classifyEdge(null)).toBe('unproven');
  });
});

describe('shrinkSegment', () => {
  it('a segment of 40 speaks, shrunk; a thin target inside it falls back to the parent', () => {
    // segment: TP1 20/40, TP2 8/40, TP3 3/20; mean R 0.3, after costs 0.2 in [0.02, 0.38]
    const seg = stats(40, [hit(20, 40), hit(8, 40), hit(3, 20)], 0.3, 0.2, [0.02, 0.38]);
    const s = shrinkSegment({ ref: LONG, stats: seg }, PARENT);
    expect(s).toMatchObject({ segment_used: true, n: 40, reason: null, edge: 'positive' });
    const [t1, t2, t3] = s.tp.map((t) => (t.ok ? t.value : null));
    // TP1 (20 + 30·0.3)/70 = 0.4142857; TP2 (8 + 30·0.15)/70 = 12.5/70 = 0.1785714; TP3 n = 20 < 30 → parent 5/50 = 0.1
    expect(t1!.p).toBeCloseTo(0.4142857, 7);
    expect(t2!.p).toBeCloseTo(0.1785714, 7);
    expect(t3).toMatchObject({ p: 0.1, n: 50, segment_used: false });
    // expectancy (40·0.3 + 30·0.1)/70 = 15/70 = 0.2142857; after costs (40·0.2 + 30·(−0.05))/70 = 6.5/70 = 0.0928571
    expect(s.expectancy_r).toBeCloseTo(0.2142857, 7);
    expect(s.expectancy_r_after_costs).toBeCloseTo(0.0928571, 7);
    expect(s.expectancy_ci95_after_costs).toEqual([0.02, 0.38]);
  });

  it('a segment of 29 returns the parent’s estimates and says so', () => {
    const seg = stats(29, [hit(20, 29), hit(8, 29), hit(3, 29)], 0.3, 0.2, [0.02, 0.38]);
    const s = shrinkSegment({ ref: LONG, stats: seg }, PARENT);
    expect(s).toMatchObject({ segment_used: false, n: 100, reason: null, expectancy_r: 0.1, expectancy_r_after_costs: -0.05, edge: 'unproven' });
    expect(s.tp[0]).toMatchObject({ ok: true, value: { p: 0.3, segment_used: false } });
    expect(s.segment).toEqual(LONG);
  });

  it('a missing segment or the parent itself gives the parent’s numbers', () => {
    const missing = shrinkSegment({ ref: LONG, stats: null }, PARENT);
    expect(missing).toMatchObject({ segment_used: false, n: 100, expectancy_r: 0.1 });
    const parent = shrinkSegment({ ref: { dimension: 'all', value: 'all' }, stats: PARENT }, PARENT);
    expect(parent).toMatchObject({ segment_used: false, n: 100, expectancy_r_after_costs: -0.05 });
  });

  it('a parent below 30 gives null rates with insufficient_history', () => {
    const thin = stats(12, [hit(4, 12), hit(2, 12), hit(1, 12)], 0.5, 0.4, [0.1, 0.7]);
    const s = shrinkSegment({ ref: LONG, stats: thin }, thin);
    expect(s).toMatchObject({ reason: 'insufficient_history (n=12)', expectancy_r: null, edge: 'unproven', segment_used: false });
    expect(s.tp.every((t) => !t.ok && t.reason === 'insufficient_history (n=12)')).toBe(true);
  });

  it('a parent whose after-cost interval is below zero is flagged negative', () => {
    const losing = stats(200, [hit(50, 200), hit(20, 200), hit(5, 200)], -0.1, -0.2, [-0.3, -0.1]);
    expect(shrinkSegment({ ref: { dimension: 'all', value: 'all' }, stats: losing }, losing).edge).toBe('negative');
  });
});
