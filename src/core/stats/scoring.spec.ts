import { baseRate, brierScore, compareWithBaselines, logLoss, randomWalkProbability, reliabilityTable } from './scoring';

// Four forecasts: 0.8 ✓, 0.3 ✗, 0.6 ✗, 0.1 ✓
const PREDS = [
  { p: 0.8, hit: true },
  { p: 0.3, hit: false },
  { p: 0.6, hit: false },
  { p: 0.1, hit: true },
];

describe('Brier score and log loss', () => {
  it('Brier = ((0.2)² + (0.3)² + (0.6)² + (0.9)²)/4 = (0.04 + 0.09 + 0.36 + 0.81)/4 = 0.325', () => {
    expect(brierScore(PREDS)).toBeCloseTo(0.325, 12);
    expect(brierScore([])).toBeNull();
  });

  it('log loss = −(ln 0.8 + ln 0.7 + ln 0.4 + ln 0.1)/4 = 3.7986943/4 = 0.9496736', () => {
    // ln 0.8 = −0.2231436, ln 0.7 = −0.3566749, ln 0.4 = −0.9162907, ln 0.1 = −2.3025851
    expect(logLoss(PREDS)).toBeCloseTo(0.9496736, 7);
    expect(logLoss([])).toBeNull();
  });

  it('log loss clips at 1e-6: a certain miss costs −ln 1e-6 = 13.8155106, not ∞', () => {
    expect(logLoss([{ p: 0, hit: true }])).toBeCloseTo(13.8155106, 6);
    expect(logLoss([{ p: 1, hit: false }])).toBeCloseTo(13.8155106, 6);
    // −ln(1 − 1e-6) = 1.0000005e-6
    expect(logLoss([{ p: 1, hit: true }])).toBeCloseTo(1.0000005e-6, 12);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => brierScore([{ p: 1.2, hit: true }])).toThrow(RangeError);
    expect(() => logLoss([{ p: Number.NaN, hit: true }])).toThrow(RangeError);
  });
});

describe('reliabilityTable', () => {
  it('bins [0, 0.5) and [0.5, 1] with the stated mean, the realised rate and its Wilson interval', () => {
    // low bin: 0.3 ✗, 0.1 ✓ → mean 0.2, realised 1/2; high bin: 0.8 ✓, 0.6 ✗, 1.0 ✓ (1 goes in the last bin) → mean 0.8, 2/3
    const t = reliabilityTable([...PREDS, { p: 1, hit: true }], [0, 0.5, 1]);
    expect(t.map((b) => [b.lo, b.hi, b.n])).toEqual([
      [0, 0.5, 2],
      [0.5, 1, 3],
    ]);
    expect(t[0].mean_stated).toBeCloseTo(0.2, 12);
    expect(t[0].realised).toBe(0.5);
    // Wilson(1, 2): 0.5 ± (z/2.9207294) × √(0.125 + z²/16) = 0.5 ± 0.6710529 × 0.6042278 = 0.5 ± 0.4054688
    expect(t[0].ci95![0]).toBeCloseTo(0.0945312, 7);
    expect(t[0].ci95![1]).toBeCloseTo(0.9054688, 7);
    expect(t[1].mean_stated).toBeCloseTo(0.8, 12);
    expect(t[1].realised).toBeCloseTo(2 / 3, 12);
    // Wilson(2, 3): centre (2/3 + z²/6)/(1 + z²/3) = 1.3069098/2.2804863 = 0.5730838;
    //   half = 0.8594500 × √(2/27 + z²/36) = 0.8594500 × 0.4251838 = 0.3654242
    expect(t[1].ci95![0]).toBeCloseTo(0.2076596, 7);
    expect(t[1].ci95![1]).toBeCloseTo(0.9385081, 7);
  });

  it('default bins are tenths; empty bins are listed with nulls', () => {
    const t = reliabilityTable(PREDS);
    expect(t).toHaveLength(10);
    expect(t.map((b) => b.n)).toEqual([0, 1, 0, 1, 0, 0, 1, 0, 1, 0]);
    expect(t[0]).toEqual({ lo: 0, hi: 0.1, n: 0, mean_stated: null, realised: null, ci95: null });
    expect(() => reliabilityTable(PREDS, [0, 0.5, 0.5, 1])).toThrow(/increase/);
  });
});

describe('baselines', () => {
  it('random walk: 1/(1 + RR) → RR 1 → 0.5, RR 2 → 1/3, RR 3 → 0.25', () => {
    expect(randomWalkProbability(1)).toBe(0.5);
    expect(randomWalkProbability(2)).toBeCloseTo(1 / 3, 15);
    expect(randomWalkProbability(3)).toBe(0.25);
    expect(() => randomWalkProbability(-1)).toThrow(/rr/);
  });

  it('constant = the training base rate: 3 hits of 8 → 0.375', () => {
    expect(baseRate([true, false, false, true, false, true, false, false])).toBe(0.375);
    expect(baseRate([])).toBeNull();
  });

  it('compares the stated forecasts with both baselines on the same test set', () => {
    const test = PREDS.map((p, i) => ({ ...p, rr: [1, 3, 1, 2][i] }));
    const c = compareWithBaselines(test, 0.25);
    expect(c.stated.brier).toBeCloseTo(0.325, 12);
    expect(c.stated.n).toBe(4);
    // constant 0.25: hits ✓ ✗ ✗ ✓ → (0.75² + 0.25² + 0.25² + 0.75²)/4 = (0.5625·2 + 0.0625·2)/4 = 0.3125
    expect(c.constant.p).toBe(0.25);
    expect(c.constant.brier).toBeCloseTo(0.3125, 12);
    // random walk p = 0.5, 0.25, 0.5, 1/3: (0.25 + 0.0625 + 0.25 + (2/3)²)/4 = (0.5625 + 0.4444444)/4 = 0.2517361
    expect(c.random_walk.brier).toBeCloseTo(0.2517361, 7);
    // log loss of the random walk: −(ln 0.5 + ln 0.75 + ln 0.5 + ln(1/3))/4 = (0.6931472·2 + 0.2876821 + 1.0986123)/4 = 0.6931472
    expect(c.random_walk.log_loss).toBeCloseTo(0.6931472, 7);
  });
});
