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

  it('a plan as of T uses only outcomes resolved before T; below 30 plans it states null with the reason', () => {
    const early = book.oddsFor(input, T0 + 20 * DAY); // 20 plans resolved by then
    expect(early.probabilities.tp1).toBeNull();
    expect(early.meta).toMatchObject({ calibrated: false, n: 20, reason: 'insufficient_history (n=20)' });
    // as of day 60: the 60 earlier plans, 15 hits → 0.25 (segment [1,2) holds all of them, so shrinking changes nothing)
    const mid = book.oddsFor(input, T0 + 60 * DAY);
    expect(mid.probabilities.tp1).toBe(0.25);
    expect(mid.meta).toMatchObject({ calibrated: true, n: 60, data_source: 'replay', segment: { dimension: 'tp1_atr', value: '[1,2)', used: true } });
    // Wilson 95 % for 15/60 with the prior counted as 30 plans at 0.25: k = 22.5, n = 90 → centre (0.25 + 0.02134)/1.04268 = 0.26024, half 1.96·√(0.0020833 + 0.00011856)/1.04268 = 0.08821 → [0.1720, 0.3484]
    expect(mid.meta.ci95![0]).toBeCloseTo(0.172, 3);
    expect(mid.meta.ci95![1]).toBeCloseTo(0.3484, 3);
  });

  it('states the out-of-sample Brier of exactly those rates: 0.25 on 40 later plans with 20 hits → 0.3125', () => {
    // (20 × (1 − 0.25)² + 20 × 0.25²) / 40 = (11.25 + 1.25) / 40 = 0.3125
    expect(book.brierOutOfSample('intraday')).toBe(0.3125);
    const wf = book.walkForward('intraday');
    expect([wf.train_plans, wf.test_filled, wf.preds.length, wf.base_rate]).toEqual([60, 40, 40, 0.25]);
    expect(book.oddsFor(input, T0 + 200 * DAY).meta.brier_out_of_sample).toBe(0.3125);
  });
});
