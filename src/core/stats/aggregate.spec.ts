import { aggregateByPlaybookStyle, aggregateOutcomes, aggregateSegments, findGroup } from './aggregate';
import type { OutcomeRow } from './outcome.types';
import { outcomeRow } from './test-rows';

const H = 3_600_000;
const T0 = Date.parse('2021-03-01T14:30:00Z');

/**
 * Six orb_retest/intraday plans (row 5 unfilled). Costs are 0.04 R on every filled row.
 *  #  dir    rr       tp_hit   r     r_net  mae   mfe  bars tp1_atr source
 *  1  long   1,2,3    T T F    1.5   1.46  −0.2  2.1   10   0.8    replay
 *  2  long   1,2      T F F    0.5   0.46  −0.5  1.2    6   1.2    replay
 *  3  short  1,2,3    F F F   −1    −1.04  −1    0.3    3   1.5    replay
 *  4  short  1.5      F F F   −1    −1.04  −1    0.8    4   0.4    replay
 *  5  long   1,2,3    unfilled 0     0      0    0     20   3.5    replay
 *  6  long   1,2,3    T T T    2.5   2.46  −0.1  3.2   12   2.2    polygon
 */
const ROWS: OutcomeRow[] = [
  outcomeRow({
    plan_time: T0,
    resolved_at: T0 + 1 * H,
    tp_hit: [true, true, false],
    r_realised: 1.5,
    r_after_costs: 1.46,
    mae_r: -0.2,
    mfe_r: 2.1,
    bars_to_outcome: 10,
    tp1_atr: 0.8,
    exit_reason: 'time_stop',
  }),
  outcomeRow({ plan_time: T0 + H, resolved_at: T0 + 2 * H, rr: [1, 2], tp_hit: [true, false, false], r_realised: 0.5, r_after_costs: 0.46, mae_r: -0.5, mfe_r: 1.2, bars_to_outcome: 6, tp1_atr: 1.2 }),
  outcomeRow({
    plan_time: T0 + 2 * H,
    resolved_at: T0 + 3 * H,
    direction: 'short',
    r_realised: -1,
    r_after_costs: -1.04,
    mae_r: -1,
    mfe_r: 0.3,
    bars_to_outcome: 3,
    tp1_atr: 1.5,
    regime: { trend: 'down', volatility: 'high' },
  }),
  outcomeRow({ plan_time: T0 + 3 * H, resolved_at: T0 + 4 * H, direction: 'short', rr: [1.5], r_realised: -1, r_after_costs: -1.04, mae_r: -1, mfe_r: 0.8, bars_to_outcome: 4, tp1_atr: 0.4 }),
  outcomeRow({
    plan_time: T0 + 4 * H,
    resolved_at: T0 + 6 * H,
    filled: false,
    fill_time: null,
    exit_reason: 'unfilled',
    r_realised: 0,
    r_after_costs: 0,
    mae_r: 0,
    mfe_r: 0,
    bars_to_outcome: 20,
    tp1_atr: 3.5,
  }),
  outcomeRow({
    plan_time: T0 + 5 * H,
    resolved_at: T0 + 10 * H,
    tp_hit: [true, true, true],
    exit_reason: 'tp_final',
    r_realised: 2.5,
    r_after_costs: 2.46,
    mae_r: -0.1,
    mfe_r: 3.2,
    bars_to_outcome: 12,
    tp1_atr: 2.2,
    data_source: 'polygon',
  }),
];

describe('aggregateOutcomes', () => {
  const s = aggregateOutcomes(ROWS);

  it('counts filled plans and the fill rate 5/6', () => {
    expect(s.n_plans).toBe(6);
    expect(s.n).toBe(5);
    expect(s.fill_rate).toBeCloseTo(5 / 6, 12);
  });

  it('hit rates use filled plans that have target K, with Wilson 95 % intervals', () => {
    // TP1 3/5 (rows 1, 2, 6): denom = 1 + z²/5 = 1.7682918; centre = (0.6 + 0.3841459)/1.7682918 = 0.5565518;
    //   half = (z/1.7682918) × √(0.24/5 + z²/100) = 1.1083940 × √0.0864146 = 0.3258275 → [0.2307243, 0.8823792]
    expect(s.tp[0]).toMatchObject({ k: 3, n: 5, rate: 0.6 });
    expect(s.tp[0].ci95![0]).toBeCloseTo(0.2307243, 7);
    expect(s.tp[0].ci95![1]).toBeCloseTo(0.8823792, 7);
    // TP2 2/4 (rows 1, 6 of 1, 2, 3, 6): centre 0.5; half = (z/1.9603647) × √(0.0625 + z²/64) = 0.9997956 × √0.1225228
    //   = 0.3499610 → [0.1500390, 0.8499610]
    expect(s.tp[1]).toMatchObject({ k: 2, n: 4, rate: 0.5 });
    expect(s.tp[1].ci95![0]).toBeCloseTo(0.150039, 6);
    expect(s.tp[1].ci95![1]).toBeCloseTo(0.849961, 6);
    // TP3 1/3 (row 6 of 1, 3, 6): denom = 1 + z²/3 = 2.2804863; centre = (1/3 + z²/6)/2.2804863 = 0.4269162;
    //   half = 0.8594500 × √(2/27 + z²/36) = 0.8594500 × √0.1807813 = 0.3654242 → [0.0614919, 0.7923404]
    expect(s.tp[2]).toMatchObject({ k: 1, n: 3 });
    expect(s.tp[2].rate).toBeCloseTo(1 / 3, 12);
    expect(s.tp[2].ci95![0]).toBeCloseTo(0.0614919, 7);
    expect(s.tp[2].ci95![1]).toBeCloseTo(0.7923404, 7);
  });

  it('expectancy is the mean R of filled plans with mean ± z·s/√n', () => {
    // gross: (1.5 + 0.5 − 1 − 1 + 2.5)/5 = 0.5; deviations 1, 0, −1.5, −1.5, 2 → Σ² = 9.5; s² = 9.5/4 = 2.375
    // s = 1.5411035; s/√5 = 0.6892024; × 1.959964 = 1.3508120 → [−0.8508120, 1.8508120]
    expect(s.expectancy_r!.mean).toBeCloseTo(0.5, 12);
    expect(s.expectancy_r!.n).toBe(5);
    expect(s.expectancy_r!.sd).toBeCloseTo(1.5411035, 7);
    expect(s.expectancy_r!.ci95![0]).toBeCloseTo(-0.850812, 6);
    expect(s.expectancy_r!.ci95![1]).toBeCloseTo(1.850812, 6);
    // after costs every filled row is 0.04 lower: mean 0.46, same s → [−0.8908120, 1.8108120]
    expect(s.expectancy_r_after_costs!.mean).toBeCloseTo(0.46, 12);
    expect(s.expectancy_r_after_costs!.ci95![0]).toBeCloseTo(-0.890812, 6);
    expect(s.expectancy_r_after_costs!.ci95![1]).toBeCloseTo(1.810812, 6);
  });

  it('profit factor, MAE/MFE quartiles, median bars, window and sources', () => {
    // gross gains 1.5 + 0.5 + 2.5 = 4.5, losses 2 → 2.25; net 4.38 / 2.08 = 2.1057692
    expect(s.profit_factor).toBeCloseTo(2.25, 12);
    expect(s.profit_factor_after_costs).toBeCloseTo(2.1057692, 7);
    // MAE sorted −1, −1, −0.5, −0.2, −0.1 → h = 1, 2, 3 → −1, −0.5, −0.2
    expect(s.mae_r).toEqual({ p25: -1, p50: -0.5, p75: -0.2 });
    // MFE sorted 0.3, 0.8, 1.2, 2.1, 3.2 → 0.8, 1.2, 2.1
    expect(s.mfe_r).toEqual({ p25: 0.8, p50: 1.2, p75: 2.1 });
    // bars of filled rows 3, 4, 6, 10, 12 → 6 (the unfilled row's 20 is not counted)
    expect(s.median_bars_to_outcome).toBe(6);
    expect(s.window).toEqual({ from: T0, to: T0 + 10 * H });
    expect(s.data_sources).toEqual(['polygon', 'replay']);
  });

  it('resolvedBefore keeps only outcomes known strictly before T', () => {
    // T = resolved_at of row 6 → row 6 excluded: filled 1–4, TP1 2/4, gross mean (1.5 + 0.5 − 1 − 1)/4 = 0
    const early = aggregateOutcomes(ROWS, { resolvedBefore: T0 + 10 * H });
    expect(early.n).toBe(4);
    expect(early.tp[0]).toMatchObject({ k: 2, n: 4 });
    expect(early.expectancy_r!.mean).toBeCloseTo(0, 12);
    expect(early.data_sources).toEqual(['replay']);
    expect(aggregateOutcomes(ROWS, { resolvedBefore: T0 + 10 * H + 1 }).n).toBe(5);
    // before the first resolution there is nothing
    const none = aggregateOutcomes(ROWS, { resolvedBefore: T0 + H });
    expect(none).toMatchObject({ n_plans: 0, n: 0, fill_rate: null, expectancy_r: null, window: null, profit_factor: null });
    expect(none.tp[0]).toEqual({ k: 0, n: 0, rate: null, ci95: null });
  });
});

describe('grouping', () => {
  const other = outcomeRow({ playbook: 'gap_fill_open', style: 'scalp', tp_hit: [true, false, false], r_realised: 1, r_after_costs: 0.6 });
  const all = [...ROWS, other];

  it('one group per (playbook, style), sorted', () => {
    const groups = aggregateByPlaybookStyle(all);
    expect(groups.map((g) => [g.playbook, g.style, g.stats.n])).toEqual([
      ['gap_fill_open', 'scalp', 1],
      ['orb_retest', 'intraday', 5],
    ]);
    expect(groups[0].segment).toEqual({ dimension: 'all', value: 'all' });
  });

  it('segments split each parent along every dimension', () => {
    const groups = aggregateSegments(all);
    // long: rows 1, 2, 5, 6 → 4 plans, 3 filled, TP1 3/3; short: rows 3, 4 → TP1 0/2
    const long = findGroup(groups, 'orb_retest', 'intraday', { dimension: 'direction', value: 'long' })!;
    expect([long.stats.n_plans, long.stats.n, long.stats.tp[0].k, long.stats.tp[0].n]).toEqual([4, 3, 3, 3]);
    // 3/3: lower bound n/(n+z²) = 3/6.8414588 = 0.4385030
    expect(long.stats.tp[0].ci95![0]).toBeCloseTo(0.438503, 6);
    const short = findGroup(groups, 'orb_retest', 'intraday', { dimension: 'direction', value: 'short' })!;
    expect([short.stats.n, short.stats.tp[0].k]).toEqual([2, 0]);
    // 0/2: upper bound z²/(2+z²) = 3.8414588/5.8414588 = 0.6576198
    expect(short.stats.tp[0].ci95![1]).toBeCloseTo(0.6576198, 7);
    // TP1 distance buckets: row 4 → [0,0.5), 1 → [0.5,1), 2, 3 → [1,2), 6 → [2,3), 5 → [3,inf)
    const buckets = groups.filter((g) => g.playbook === 'orb_retest' && g.segment.dimension === 'tp1_atr');
    expect(buckets.map((g) => [g.segment.value, g.stats.n_plans])).toEqual([
      ['[0,0.5)', 1],
      ['[0.5,1)', 1],
      ['[1,2)', 2],
      ['[2,3)', 1],
      ['[3,inf)', 1],
    ]);
    const high = findGroup(groups, 'orb_retest', 'intraday', { dimension: 'volatility', value: 'high' })!;
    expect(high.stats.n).toBe(1);
    // the parent comes first and equals the ungrouped aggregate of its rows
    const parents = groups.filter((g) => g.segment.dimension === 'all');
    expect(parents.map((g) => g.playbook)).toEqual(['gap_fill_open', 'orb_retest']);
    expect(groups[0].segment.dimension).toBe('all');
    expect(findGroup(groups, 'orb_retest', 'intraday')!.stats.tp[0]).toMatchObject({ k: 3, n: 5 });
  });

  it('segments honour resolvedBefore and a chosen dimension list', () => {
    const groups = aggregateSegments(all, { dimensions: ['trend'], resolvedBefore: T0 + 4 * H });
    // rows resolved before T0+4h: 1, 2, 3 (row 4 resolves at exactly T0+4h) and `other` (T 2021-03-01 15:10Z = T0+40min)
    const orb = groups.filter((g) => g.playbook === 'orb_retest');
    expect(orb.map((g) => [g.segment.dimension, g.segment.value, g.stats.n_plans])).toEqual([
      ['all', 'all', 3],
      ['trend', 'down', 1],
      ['trend', 'up', 2],
    ]);
  });
});
