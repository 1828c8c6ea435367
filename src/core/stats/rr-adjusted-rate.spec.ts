import { ratiosAt, statedRate, styleRatios } from './rr-adjusted-rate';
import { outcomeRow } from './test-rows';

const DAY = 86_400_000;
const D0 = Date.parse('2021-03-01T15:00:00Z');
const row = (day: number, rr: number, hit: boolean) => outcomeRow({ plan_time: D0 + day * DAY, rr: [rr], tp_hit: [hit, false, false] });

describe('R:R-adjusted, recency-weighted hit rate (hand-computed)', () => {
  // three sessions, half-life 1 session: weights 1 (newest, day 2), 0.5 (day 1), 0.25 (day 0)
  const rows = [row(0, 1, true), row(0, 1, true), row(1, 3, true), row(1, 3, false), row(2, 1, true), row(2, 1, false)];

  it('weights, effective n, rate, random-walk base and ratio', () => {
    const r = ratiosAt(rows, 'intraday', 1, 1).tp[0];
    if (!r.ok) throw new Error(r.reason);
    // Σw = 2·1 + 2·0.5 + 2·0.25 = 3.5; Σw² = 2 + 0.5 + 0.125 = 2.625; n_eff = 3.5²/2.625 = 4.6667
    expect(r.value.n_eff).toBeCloseTo(4.666667, 5);
    expect(r.value.n).toBe(6);
    // hits: 1·1 (day 2) + 1·0.5 (day 1) + 2·0.25 (day 0) = 2 → 2/3.5 = 0.571429
    expect(r.value.rate).toBeCloseTo(0.571429, 5);
    // base: (2·1·½ + 2·0.5·¼ + 2·0.25·½)/3.5 = 1.5/3.5 = 0.428571; ratio 4/3
    expect(r.value.base).toBeCloseTo(0.428571, 5);
    expect(r.value.ratio).toBeCloseTo(1.333333, 5);
    // Wilson 95 % of 2.6667 out of 4.6667
    expect(r.value.rate_ci95[0]).toBeCloseTo(0.205093, 5);
    expect(r.value.rate_ci95[1]).toBeCloseTo(0.873263, 5);
  });

  it('a plan states ratio × 1/(1+R:R), its interval scaled the same way', () => {
    const r = ratiosAt(rows, 'intraday', 1, 1).tp[0];
    if (!r.ok) throw new Error(r.reason);
    // R:R 2 → random walk 1/3 → 4/3 · 1/3 = 0.4444; interval × (1/3)/0.428571 = 0.77778
    const s = statedRate(r.value, 2);
    expect(s.p).toBeCloseTo(0.444444, 5);
    expect(s.ci95[0]).toBeCloseTo(0.159517, 5);
    expect(s.ci95[1]).toBeCloseTo(0.679205, 5);
    // never certainty
    expect(statedRate({ ...r.value, ratio: 3 }, 0).p).toBe(0.99);
  });

  it('equal weights at an infinite half-life; below the minimum effective n it does not speak', () => {
    const eq = ratiosAt(rows, 'intraday', Infinity, 1).tp[0];
    if (!eq.ok) throw new Error(eq.reason);
    expect(eq.value.n_eff).toBeCloseTo(6, 9);
    expect(eq.value.rate).toBeCloseTo(4 / 6, 9);
    const thin = ratiosAt(rows, 'intraday', Infinity).tp[0];
    expect(thin).toEqual({ ok: false, reason: 'insufficient_history (n_eff=6, n=6)', n_eff: 6, n: 6 });
    // rows of other styles and unfilled rows are ignored; a target the plans lack has no rows
    expect(styleRatios([...rows, outcomeRow({ style: 'scalp' })], 'scalp').tp[0]).toMatchObject({ ok: false, n: 1 });
    expect(ratiosAt(rows, 'intraday', 1, 1).tp[1]).toMatchObject({ ok: false, n: 0 });
  });

  it('lengthens the half-life until the effective sample reaches 60 (one plan a day for 80 days)', () => {
    const daily = Array.from({ length: 80 }, (_, k) => row(k, 1, k % 2 === 0));
    const r = styleRatios(daily, 'intraday');
    // 3 sessions: n_eff ≈ 8.7; 5: 14.4; 10: 28.6; 20: ≈ 50; equal weights: 80
    expect(r.half_life_sessions).toBe(Infinity);
    expect(r.tp[0]).toMatchObject({ ok: true, value: { n_eff: 80, rate: 0.5 } });
    // 40 plans a day for 3 days: 3 sessions already give n_eff ≥ 60
    const busy = Array.from({ length: 120 }, (_, k) => row(Math.floor(k / 40), 1, k % 3 === 0));
    expect(styleRatios(busy, 'intraday').half_life_sessions).toBe(3);
  });
});
