import { outcomeRow } from '../stats/test-rows';
import { CalibrationBook } from './calibration-book';

const DAY = 86_400_000;
const T0 = Date.parse('2021-03-01T15:00:00Z');
/** Row k of a playbook history: one plan a day, resolved an hour later; `hit` says whether TP1 was touched. */
const row = (k: number, hit: boolean, tp1_atr = 1.5) => outcomeRow({ plan_time: T0 + k * DAY, resolved_at: T0 + k * DAY + 3_600_000, tp_hit: [hit, false, false], tp1_atr });

describe('CalibrationBook (hand-computed)', () => {
  // 60 earlier plans with 15 TP1 hits (rate 0.25), then 40 later ones with 20 hits
  const rows = [...Array.from({ length: 60 }, (_, k) => row(k, k % 4 === 0)), ...Array.from({ length: 40 }, (_, k) => row(60 + k, k % 2 === 0))];
  const book = new CalibrationBook(rows, 'replay');
  const input = { strategy_id: 'orb_retest', style: 'intraday' as const, tp1_atr: 1.5, rr_to_t1: 1 };

  it('a plan as of T uses only outcomes resolved before T; below 30 effective plans it states null with the reason', () => {
    const early = book.oddsFor(input, T0 + 20 * DAY); // 20 plans resolved by then
    expect(early.probabilities.tp1).toBeNull();
    expect(early.meta).toMatchObject({ calibrated: false, n: 20 });
    expect(early.meta.reason).toMatch(/^insufficient_history \(n_eff=20, n=20\)/);
    // as of day 60: the 60 earlier plans (one a day: no half-life reaches 60 effective plans, so equal
    // weights), 15 hits → rate 0.25; every row has R:R 1 (random walk ½) → ratio 0.5; the plan's R:R 1 → 0.25
    const mid = book.oddsFor(input, T0 + 60 * DAY);
    expect(mid.probabilities.tp1).toBe(0.25);
    expect(mid.meta).toMatchObject({ calibrated: true, method: 'rr_adjusted_hit_rate', n: 60, data_source: 'replay', segment: { dimension: 'style', value: 'intraday', used: true } });
    // Wilson 95 % for 15/60: centre (0.25 + 0.032013)/1.064025 = 0.265044, half 1.96·√(0.003125 + 0.00026680)/1.064025 = 0.107279 → [0.15777, 0.37232]
    expect(mid.meta.ci95![0]).toBeCloseTo(0.15777, 4);
    expect(mid.meta.ci95![1]).toBeCloseTo(0.37232, 4);
    // a plan with R:R 3 (random walk ¼) states 0.5 × ¼ = 0.125, TP2 at R:R 2 and TP3 at 3 from their own ratios (no hits: 0)
    const far = book.oddsFor({ ...input, rr_to_t1: 3, rr: [3, 4, 5] }, T0 + 60 * DAY);
    expect(far.probabilities).toEqual({ tp1: 0.125, tp2: 0, tp3: 0 });
    // expectancy is the playbook's own (every row: −1 R before costs, −1.04 after)
    expect(mid.meta.expectancy_r).toBe(-1);
    expect(mid.meta.expectancy_r_after_costs).toBe(-1.04);
  });

  it('states the out-of-sample Brier of exactly those rates: 0.25 on 40 later plans with 20 hits → 0.3125', () => {
    // (20 × (1 − 0.25)² + 20 × 0.25²) / 40 = (11.25 + 1.25) / 40 = 0.3125
    expect(book.brierOutOfSample('intraday')).toBe(0.3125);
    const wf = book.walkForward('intraday');
    expect([wf.train_plans, wf.test_filled, wf.preds.length, wf.base_rate]).toEqual([60, 40, 40, 0.25]);
    expect(book.oddsFor(input, T0 + 200 * DAY).meta.brier_out_of_sample).toBe(0.3125);
  });
});
